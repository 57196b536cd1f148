import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@react-router/node";
import { isbot } from "isbot";
import type { RenderToPipeableStreamOptions } from "react-dom/server";
import { renderToPipeableStream } from "react-dom/server";
import type { EntryContext, RouterContextProvider } from "react-router";
import { ServerRouter } from "react-router";
import { isDatabaseUnavailable } from "./lib/errors";
import { logger } from "./lib/logger.server";
import { NonceProvider } from "./lib/nonce";
import { requestInfo } from "./lib/request-context.server";

export const streamTimeout = 5_000;

export default function handleRequest(
	request: Request,
	responseStatusCode: number,
	responseHeaders: Headers,
	routerContext: EntryContext,
	loadContext: RouterContextProvider,
) {
	const info = requestInfo(loadContext);
	info.metrics.route = routerContext.staticHandlerContext.matches.at(-1)?.route.id ?? "unmatched";
	if (request.method.toUpperCase() === "HEAD") {
		return new Response(null, { status: responseStatusCode, headers: responseHeaders });
	}

	return new Promise((resolve, reject) => {
		let shellRendered = false;
		const userAgent = request.headers.get("user-agent");
		// Crawlers (and share previews) get the whole document at once.
		const readyOption: keyof RenderToPipeableStreamOptions =
			(userAgent && isbot(userAgent)) || routerContext.isSpaMode ? "onAllReady" : "onShellReady";
		let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000);

		const { pipe, abort } = renderToPipeableStream(
			<NonceProvider value={info.cspNonce}>
				<ServerRouter context={routerContext} url={request.url} nonce={info.cspNonce} />
			</NonceProvider>,
			{
				nonce: info.cspNonce,
				[readyOption]() {
					shellRendered = true;
					const body = new PassThrough({
						final(callback) {
							clearTimeout(timeoutId);
							timeoutId = undefined;
							callback();
						},
					});
					responseHeaders.set("Content-Type", "text/html; charset=utf-8");
					pipe(body);
					resolve(
						new Response(createReadableStreamFromReadable(body), {
							headers: responseHeaders,
							status: responseStatusCode,
						}),
					);
				},
				onShellError(error: unknown) {
					reject(error);
				},
				onError(error: unknown) {
					responseStatusCode = 500;
					if (shellRendered) logger.error({ err: error, requestId: info.requestId }, "render failed");
				},
			},
		);
	});
}

/** Loader and action failures are logged once here, with the request id; users see a friendly page. */
export function handleError(
	error: unknown,
	{ request, context }: { request: Request; context?: Readonly<RouterContextProvider> },
) {
	if (request.signal.aborted) return;
	if (context) requestInfo(context).failure ??= error;
	// A database that is down or too slow is an outage (answered 503), not a bug: one warning line.
	if (isDatabaseUnavailable(error)) logger.warn({ err: error, url: new URL(request.url).pathname }, "database unavailable");
	else logger.error({ err: error, url: new URL(request.url).pathname }, "request failed");
}
