import type { Request } from "express";
import type { ClientInfo } from "~/modules/accounts/sessions.server";

/** Who is calling, as the accounts module records it on a session. */
export function clientOf(req: Request): ClientInfo {
	return { ip: req.ip ?? "", userAgent: req.headers["user-agent"] ?? null };
}

/** The request's own headers object: the accounts guards look a session up once per request by it. */
export function authHeaders(req: Request): { cookie?: string; authorization?: string } {
	return req.headers;
}
