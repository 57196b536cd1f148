import { and, desc, eq, gt, ne, sql } from "drizzle-orm";
import { isProduction } from "~/lib/config.server";
import { readCookie, setCookie, siteCookieName } from "~/lib/cookies";
import { decryptOrNull, encrypt, randomToken, sha256Hex } from "~/lib/crypto.server";
import { type DbOrTx, db } from "~/lib/db.server";
import { sealedIn } from "~/lib/encrypted-columns.server";
import { roleGrants, sessions, users } from "../../../db/schema";
import { describeDevice, describePlace } from "./device";
import type { GrantableRole } from "./permissions";
import { rolesOfGrants, type UserRow } from "./users.server";

/**
 * Sessions as in the Lucia design: the client holds a random token (httpOnly cookie, or a Bearer
 * token for the mobile API); the database holds only its SHA-256. Thirty days, extended while used.
 */
export const sessionLifetimeMs = 30 * 24 * 3600_000;
const renewWhenLeftMs = 15 * 24 * 3600_000;
const touchEveryMs = 5 * 60_000;

/** `__Host-cp_session` in production (Secure, host-only), `cp_session` in development over http. */
export const sessionCookieName = (production = isProduction()) => siteCookieName("cp_session", production);

export function sessionCookie(token: string, expiresAt: Date, production = isProduction()): string {
	return setCookie(sessionCookieName(production), token, { production, expires: expiresAt });
}

export function clearedSessionCookie(production = isProduction()): string {
	return setCookie(sessionCookieName(production), "", { production, maxAgeSeconds: 0 });
}

/** The session token a Cookie header carries, if any. */
export function sessionTokenOfCookies(cookieHeader: string | null | undefined, production = isProduction()): string | null {
	return readCookie(cookieHeader, sessionCookieName(production));
}

export interface ClientInfo {
	ip: string;
	userAgent: string | null;
}

export async function createSession(
	userId: string,
	client: ClientInfo,
	options: { secondFactorPending?: boolean } = {},
	tx: DbOrTx = db(),
) {
	const token = randomToken(32);
	const expiresAt = new Date(Date.now() + sessionLifetimeMs);
	const id = sha256Hex(token);
	await tx.insert(sessions).values({
		id,
		userId,
		expiresAt,
		userAgent: client.userAgent?.slice(0, 400) ?? null,
		ipEnc: client.ip ? encrypt(client.ip, sealedIn(sessions.ipEnc, id)) : null,
		place: describePlace(client.ip),
		secondFactorPending: options.secondFactorPending ?? false,
	});
	return { token, expiresAt, id };
}

export interface AuthenticatedSession {
	sessionId: string;
	expiresAt: Date;
	renewed: boolean;
	secondFactorPending: boolean;
	/** When this session proved the second factor, or null if it never did. */
	secondFactorAt: Date | null;
	user: UserRow;
	roles: ReturnType<typeof rolesOfGrants>["roles"];
	venueRoles: ReturnType<typeof rolesOfGrants>["venueRoles"];
}

/** The session of a token, if it is valid and its user active; extends it while in use. */
export async function authenticateToken(token: string | null | undefined): Promise<AuthenticatedSession | null> {
	if (!token || token.length < 20 || token.length > 100) return null;
	const sessionId = sha256Hex(token);
	// The roles come in the same round trip: every signed-in request needs them.
	const [row] = await db()
		.select({
			session: sessions,
			user: users,
			grants: sql<Array<{ role: GrantableRole; venueId: string | null }>>`coalesce((
				select json_agg(json_build_object('role', g.role, 'venueId', g.venue_id))
				from ${roleGrants} g where g.user_id = ${users.id}), '[]'::json)`,
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, new Date())))
		.limit(1);
	if (row?.user.status !== "active") return null;
	const now = Date.now();
	let expiresAt = row.session.expiresAt;
	const renewed = expiresAt.getTime() - now < renewWhenLeftMs;
	if (renewed) expiresAt = new Date(now + sessionLifetimeMs);
	if (renewed || now - row.session.lastSeenAt.getTime() > touchEveryMs) {
		await db()
			.update(sessions)
			.set({ expiresAt, lastSeenAt: new Date(now) })
			.where(eq(sessions.id, sessionId));
	}
	const { roles, venueRoles } = rolesOfGrants(row.grants);
	return {
		sessionId,
		expiresAt,
		renewed,
		secondFactorPending: row.session.secondFactorPending,
		secondFactorAt: row.session.secondFactorAt,
		user: row.user,
		roles,
		venueRoles,
	};
}

export async function revokeSession(sessionId: string, userId?: string): Promise<boolean> {
	const condition = userId ? and(eq(sessions.id, sessionId), eq(sessions.userId, userId)) : eq(sessions.id, sessionId);
	const removed = await db().delete(sessions).where(condition).returning({ id: sessions.id });
	return removed.length > 0;
}

/** Signs a user out everywhere, or everywhere but the session given. */
export async function revokeUserSessions(userId: string, exceptSessionId?: string, tx: DbOrTx = db()): Promise<number> {
	const condition = exceptSessionId
		? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId))
		: eq(sessions.userId, userId);
	const removed = await tx.delete(sessions).where(condition).returning({ id: sessions.id });
	return removed.length;
}

/** Marks a session as having proved the second factor (a sign-in code, or the code that turned TOTP on). */
export async function completeSecondFactor(sessionId: string, tx: DbOrTx = db()): Promise<void> {
	await tx.update(sessions).set({ secondFactorPending: false, secondFactorAt: new Date() }).where(eq(sessions.id, sessionId));
}

export interface SessionSummary {
	id: string;
	device: string;
	place: string;
	ip: string | null;
	lastSeenAt: string;
	createdAt: string;
	current: boolean;
}

/** The active sessions of a user for the security page, newest activity first. */
export async function listSessions(userId: string, currentSessionId?: string): Promise<SessionSummary[]> {
	const rows = await db()
		.select()
		.from(sessions)
		.where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, new Date())))
		.orderBy(desc(sessions.lastSeenAt));
	return rows.map((row) => ({
		// The public handle of a session: a prefix of its stored hash, never the token.
		id: row.id.slice(0, 16),
		device: describeDevice(row.userAgent),
		place: row.place ?? "",
		ip: maskIp(decryptOrNull(row.ipEnc, sealedIn(sessions.ipEnc, row.id))),
		lastSeenAt: row.lastSeenAt.toISOString(),
		createdAt: row.createdAt.toISOString(),
		current: row.id === currentSessionId,
	}));
}

/** Revokes one of the user's own sessions by its public handle. */
export async function revokeSessionByHandle(userId: string, handle: string): Promise<boolean> {
	if (!/^[0-9a-f]{16}$/.test(handle)) return false;
	const rows = await db().select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
	const match = rows.find((row) => row.id.startsWith(handle));
	return match ? revokeSession(match.id, userId) : false;
}

function maskIp(ip: string | null): string | null {
	if (!ip) return null;
	if (ip.includes(".")) return ip.replace(/\.\d+$/, ".*");
	return ip.replace(/(:[0-9a-f]*){2}$/i, ":*");
}
