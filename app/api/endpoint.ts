import type { Request, Response } from "express";
import type { z } from "zod";
import type { ErrorCode } from "~/lib/errors";
import type { Locale } from "~/lib/i18n";
import type { Permission } from "~/modules/accounts/permissions";

type Method = "get" | "post" | "put" | "patch" | "delete";

export interface EndpointContext<Body, Query, Params> {
	body: Body;
	query: Query;
	params: Params;
	locale: Locale;
	req: Request;
	res: Response;
}

export interface EndpointResult {
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** A body that is not JSON (a calendar file), sent as it is with its media type. */
	text?: { contentType: string; content: string };
}

/**
 * One JSON API operation: its schemas validate the request and describe it in the OpenAPI
 * document, so the contract and the checks cannot drift apart. Handlers call module services.
 */
export interface Endpoint<Body = unknown, Query = unknown, Params = unknown> {
	method: Method;
	/** Express-style path under /api/v1, e.g. `/coaches/:id`. */
	path: string;
	summary: string;
	tag: string;
	/**
	 * `bearer`: a signed-in session is required, checked before the input is parsed.
	 * `bearer-pending`: a session still waiting for its second factor; the handler checks it.
	 */
	auth?: "none" | "bearer" | "bearer-pending";
	/** Open to a signed-in user who has not agreed to the current terms yet (else 403 `consent_required`). */
	withoutConsent?: boolean;
	/**
	 * With `bearer`: a permission the caller's roles must give, checked (403) before the input is
	 * parsed; `refusal` names the code and message (default `forbidden`).
	 */
	permission?: { name: Permission; refusal?: { code: ErrorCode; messageKey: string } };
	body?: z.ZodType<Body>;
	/**
	 * Documents a body of raw bytes (uploads) instead of JSON: the media types it may be. The
	 * router leaves such bodies unread; the handler reads them with `readRawBody` once it knows
	 * who is calling.
	 */
	rawBody?: { contentTypes: readonly string[]; description?: string };
	query?: z.ZodType<Query>;
	params?: z.ZodType<Params>;
	/** `contentType`: a response that is not JSON (e.g. `text/calendar`), documented as text of that type. */
	responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
	handler: (context: EndpointContext<Body, Query, Params>) => Promise<EndpointResult>;
}

export function defineEndpoint<Body = undefined, Query = undefined, Params = undefined>(
	endpoint: Endpoint<Body, Query, Params>,
): Endpoint<Body, Query, Params> {
	return endpoint;
}
