import { createContext, type RouterContextProvider } from "react-router";
import { singleton } from "./singleton.server";

/** What the Express server hands every loader and action for one request. */
export interface RequestInfo {
	requestId: string;
	cspNonce: string;
	clientIp: string;
	/** Filled by the server entry so metrics can label a page request by its route. */
	metrics: { route?: string };
	/** What a loader or action threw, kept by `handleError` so the server can answer its real status (503, 400). */
	failure?: unknown;
}

// A singleton: the Express server and the server bundle must share the very same context key.
export const requestInfoContext = singleton("requestInfoContext", () => createContext<RequestInfo>());

export function requestInfo(context: Readonly<RouterContextProvider>): RequestInfo {
	return context.get(requestInfoContext);
}
