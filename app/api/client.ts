import type { Request } from "express";
import { requireApiSession } from "~/modules/accounts/guards.server";
import type { ClientInfo } from "~/modules/accounts/sessions.server";
import type { Caller } from "~/modules/booking/booking-record.server";

/** Who is calling, as the accounts module records it on a session. */
export function clientOf(req: Request): ClientInfo {
	return { ip: req.ip ?? "", userAgent: req.headers["user-agent"] ?? null };
}

/** The request's own headers object: the accounts guards look a session up once per request by it. */
export function authHeaders(req: Request): { cookie?: string; authorization?: string } {
	return req.headers;
}

/** The signed-in caller of an endpoint, as the booking and payments services take it (401 when none). */
export async function callerOf(req: Request): Promise<Caller> {
	const session = await requireApiSession(authHeaders(req));
	return { userId: session.user.id, roles: session.roles, user: session.user };
}
