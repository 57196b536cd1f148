import { data, redirect } from "react-router";
import { AppError } from "~/lib/errors";
import { redirectWithToast } from "~/lib/toast.server";
import { consentRequiredError, needsConsent } from "./consent.server";
import { backOfficePermissions, can, type Permission } from "./permissions";
import { type AuthenticatedSession, authenticateToken, sessionTokenOfCookies } from "./sessions.server";

/** The session token of a request: the Bearer token of the mobile API, or the session cookie. */
export function tokenFromHeaders(
	cookieHeader: string | null | undefined,
	authorization: string | null | undefined,
): string | null {
	const bearer = authorization?.match(/^Bearer\s+([\w-]+)$/i)?.[1];
	if (bearer) return bearer;
	return sessionTokenOfCookies(cookieHeader);
}

const perRequest = new WeakMap<Request, Promise<AuthenticatedSession | null>>();

/** The signed-in session of a page request (looked up once per request), or null. */
export function getSession(request: Request): Promise<AuthenticatedSession | null> {
	let pending = perRequest.get(request);
	if (!pending) {
		pending = authenticateToken(tokenFromHeaders(request.headers.get("cookie"), request.headers.get("authorization")));
		perRequest.set(request, pending);
	}
	return pending;
}

/** A fully signed-in session (second factor done), or null. */
export async function getUserSession(request: Request): Promise<AuthenticatedSession | null> {
	const session = await getSession(request);
	return session && !session.secondFactorPending ? session : null;
}

function signInRedirect(request: Request): never {
	const url = new URL(request.url);
	const redirectTo = `${url.pathname}${url.search}`;
	throw redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
}

/** Pages that need a signed-in user: sends everyone else to sign in, then back here. */
export async function requireUser(request: Request): Promise<AuthenticatedSession> {
	const session = await getSession(request);
	if (!session) signInRedirect(request);
	if (session.secondFactorPending) throw redirect("/login/two-factor");
	return session;
}

/**
 * Why this session may not use the back office yet (an i18n key), or null. Staff accounts reach it
 * only with TOTP turned on and from a session that proved it: a password alone, or a session
 * signed in before TOTP was turned on, is not enough.
 */
export function backOfficeRefusal(session: AuthenticatedSession, permission: Permission): string | null {
	if (!backOfficePermissions.has(permission)) return null;
	const enabledAt = session.user.totpEnabledAt;
	if (!enabledAt) return "accounts.errors.staffTwoFactorRequired";
	if (!session.secondFactorAt || session.secondFactorAt < enabledAt) return "accounts.errors.staffSessionWithoutSecondFactor";
	return null;
}

/** Pages that need a permission; back-office pages also need the staff member's second factor. */
export async function requirePermission(request: Request, permission: Permission): Promise<AuthenticatedSession> {
	const session = await requireUser(request);
	if (!can(session.roles, permission)) throw data({ code: "forbidden" }, { status: 403 });
	const refusal = backOfficeRefusal(session, permission);
	// The security page is where two-step verification is turned on; the toast says why they are there.
	if (refusal) throw redirectWithToast("/me/security", { kind: "error", messageKey: refusal });
	return session;
}

/** The same checks for the JSON API: 401 and 403 in the API's error shape instead of redirects. */
const perHeaders = new WeakMap<object, Promise<AuthenticatedSession | null>>();

/**
 * A fully signed-in API session. A user who has not agreed to the current terms gets 403
 * `consent_required` (with the version to agree to) until POST /me/consent, except where
 * `withoutConsent` is set: reading oneself, signing out, deleting the account, exporting one's data.
 */
export async function requireApiSession(
	headers: { cookie?: string; authorization?: string },
	options: { withoutConsent?: boolean } = {},
): Promise<AuthenticatedSession> {
	let pending = perHeaders.get(headers);
	if (!pending) {
		pending = authenticateToken(tokenFromHeaders(headers.cookie, headers.authorization));
		perHeaders.set(headers, pending);
	}
	const session = await pending;
	if (!session || session.secondFactorPending) throw new AppError(401, "unauthorized", "errors.unauthorized");
	if (!options.withoutConsent && needsConsent(session.user)) throw consentRequiredError();
	return session;
}

export async function requireApiPermission(
	headers: { cookie?: string; authorization?: string },
	permission: Permission,
): Promise<AuthenticatedSession> {
	const session = await requireApiSession(headers);
	if (!can(session.roles, permission)) throw new AppError(403, "forbidden", "errors.forbidden");
	const refusal = backOfficeRefusal(session, permission);
	if (refusal) throw new AppError(403, "forbidden", refusal);
	return session;
}
