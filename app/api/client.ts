import type { Request } from "express";
import type { ClientInfo } from "~/modules/accounts/sessions.server";

/** Who is calling, as the accounts module records it on a session. */
export function clientOf(req: Request): ClientInfo {
	return { ip: req.ip ?? "", userAgent: req.headers["user-agent"] ?? null };
}

export function authHeaders(req: Request) {
	return { cookie: req.headers.cookie, authorization: req.headers.authorization };
}
