import { z } from "zod";
import { AppError } from "~/lib/errors";
import { changePassword } from "~/modules/accounts/change-password.server";
import { deleteAccount } from "~/modules/accounts/delete-account.server";
import { confirmEmail, signUpWithEmail } from "~/modules/accounts/email-sign-up.server";
import { freshProofSchema, requireFreshProof, sendFreshProofCode } from "~/modules/accounts/fresh-proof.server";
import { requireApiSession, tokenFromHeaders } from "~/modules/accounts/guards.server";
import { listNotifications, markRead, unreadCount } from "~/modules/accounts/notifications.server";
import { requestPasswordReset, resetPassword } from "~/modules/accounts/password-reset.server";
import {
	codeSchema,
	displayNameSchema,
	emailSchema,
	humanCheckSchema,
	passwordSchema,
	signInResponseSchema,
	termsVersionSchema,
} from "~/modules/accounts/schema";
import { authenticateToken, listSessions, revokeSessionByHandle, revokeUserSessions } from "~/modules/accounts/sessions.server";
import { beginTwoFactorSetup, disableTwoFactor, enableTwoFactor, verifySecondFactor } from "~/modules/accounts/two-factor.server";
import { authHeaders, clientOf } from "../client";
import { defineEndpoint } from "../endpoint";

/** Account self-service over the API: the same use cases as the pages under /me and /login. */
const identifierSchema = z.string().trim().min(1, "accounts.errors.identifierRequired").max(254);
const accepted = z.object({ accepted: z.literal(true) });

export const emailSignUp = defineEndpoint({
	method: "post",
	path: "/auth/email-signup",
	summary: "Create an account with email and password; a code is sent to confirm the email",
	tag: "auth",
	body: z.object({
		displayName: displayNameSchema,
		email: emailSchema,
		password: passwordSchema,
		termsVersion: termsVersionSchema,
	}),
	responses: {
		202: { description: "Account created, confirmation code sent", schema: accepted },
		400: { description: "Invalid input" },
		403: {
			description:
				"`consent_required`: `termsVersion` missing or not the current version (given in the answer's `termsVersion`); nothing is created",
		},
		409: { description: "Email already used by a confirmed account" },
		429: { description: "Too many codes" },
	},
	handler: async ({ body, locale, req }) => {
		await signUpWithEmail({ ...body, locale, ip: clientOf(req).ip });
		return { status: 202, body: { accepted: true } };
	},
});

export const emailConfirm = defineEndpoint({
	method: "post",
	path: "/auth/email-confirm",
	summary: "Confirm the email with its code; signs in",
	tag: "auth",
	body: z.object({ email: emailSchema, code: codeSchema }),
	responses: {
		200: { description: "Confirmed and signed in", schema: signInResponseSchema },
		401: { description: "Wrong or expired code" },
	},
	handler: async ({ body, req }) => {
		const result = await confirmEmail({ ...body, client: clientOf(req) });
		return { body: { ...result, expiresAt: result.expiresAt.toISOString() } };
	},
});

export const passwordResetCode = defineEndpoint({
	method: "post",
	path: "/auth/password-reset-codes",
	summary: "Send a password reset code to a phone number or email (same answer whether or not it exists)",
	tag: "auth",
	body: z.object({ identifier: identifierSchema, challenge: humanCheckSchema }),
	responses: {
		202: { description: "Sent if the account exists", schema: accepted },
		403: { description: "`challenge_required` (phone numbers only): as for POST /auth/sms-codes" },
		429: { description: "Too many codes" },
	},
	handler: async ({ body, locale, req }) => {
		await requestPasswordReset({ identifier: body.identifier, ip: clientOf(req).ip, locale, challenge: body.challenge });
		return { status: 202, body: { accepted: true } };
	},
});

export const passwordReset = defineEndpoint({
	method: "post",
	path: "/auth/password-reset",
	summary: "Set a new password with a reset code; every session of the account ends",
	tag: "auth",
	body: z.object({ identifier: identifierSchema, code: codeSchema, password: passwordSchema }),
	responses: { 204: { description: "Password reset" }, 401: { description: "Wrong or expired code" } },
	handler: async ({ body }) => {
		await resetPassword(body);
		return { status: 204 };
	},
});

export const twoFactorVerify = defineEndpoint({
	method: "post",
	path: "/auth/two-factor",
	summary: "Complete a sign-in that needs its second factor (TOTP code or recovery code)",
	tag: "auth",
	auth: "bearer-pending",
	body: z.object({ code: z.string().trim().min(6).max(20) }),
	responses: {
		204: { description: "Session fully signed in" },
		400: { description: "Wrong code" },
		401: { description: "No pending session" },
	},
	handler: async ({ body, req }) => {
		const headers = authHeaders(req);
		const session = await authenticateToken(tokenFromHeaders(headers.cookie, headers.authorization));
		if (!session?.secondFactorPending) throw new AppError(401, "unauthorized", "errors.unauthorized");
		await verifySecondFactor({ userId: session.user.id, sessionId: session.sessionId, code: body.code });
		return { status: 204 };
	},
});

const sessionSchema = z.object({
	id: z.string(),
	device: z.string(),
	place: z.string(),
	ip: z.string().nullable(),
	lastSeenAt: z.string(),
	createdAt: z.string(),
	current: z.boolean(),
});

export const mySessions = defineEndpoint({
	method: "get",
	path: "/me/sessions",
	summary: "The signed-in user's active sessions",
	tag: "me",
	auth: "bearer",
	responses: {
		200: { description: "Sessions", schema: z.object({ items: z.array(sessionSchema) }) },
		401: { description: "Not signed in" },
	},
	handler: async ({ req }) => {
		const session = await requireApiSession(authHeaders(req));
		return { body: { items: await listSessions(session.user.id, session.sessionId) } };
	},
});

export const revokeMySession = defineEndpoint({
	method: "delete",
	path: "/me/sessions/:sessionId",
	summary: "Sign out one of the user's own sessions (or `others` for all but this one)",
	tag: "me",
	auth: "bearer",
	params: z.object({ sessionId: z.union([z.literal("others"), z.string().regex(/^[0-9a-f]{16}$/)]) }),
	responses: { 204: { description: "Signed out" }, 404: { description: "No such session of yours" } },
	handler: async ({ params, req }) => {
		const session = await requireApiSession(authHeaders(req));
		if (params.sessionId === "others") await revokeUserSessions(session.user.id, session.sessionId);
		else if (!(await revokeSessionByHandle(session.user.id, params.sessionId)))
			throw new AppError(404, "not_found", "errors.notFound");
		return { status: 204 };
	},
});

export const changeMyPassword = defineEndpoint({
	method: "post",
	path: "/me/password",
	summary:
		"Change (or first set) the password after a fresh proof: `currentPassword`, `smsCode` (see POST /me/proof-codes) or `totpCode`; other sessions end",
	tag: "me",
	auth: "bearer",
	body: freshProofSchema.extend({ newPassword: passwordSchema }),
	responses: {
		200: { description: "Changed", schema: z.object({ signedOutSessions: z.number() }) },
		400: { description: "No proof, a wrong one, or a weak new password" },
		429: { description: "Too many current-password tries; see Retry-After" },
	},
	handler: async ({ body, req }) => {
		const session = await requireApiSession(authHeaders(req));
		const { newPassword, ...proof } = body;
		const { signedOut } = await changePassword({ userId: session.user.id, sessionId: session.sessionId, proof, newPassword });
		return { body: { signedOutSessions: signedOut } };
	},
});

export const myNotifications = defineEndpoint({
	method: "get",
	path: "/me/notifications",
	summary: "In-app notifications, newest first, with the unread count",
	tag: "me",
	auth: "bearer",
	responses: {
		200: {
			description: "Notifications",
			schema: z.object({
				unread: z.number(),
				items: z.array(
					z.object({
						id: z.string(),
						kind: z.string(),
						params: z.record(z.string(), z.string()),
						text: z.string(),
						link: z.string().nullable(),
						read: z.boolean(),
						createdAt: z.string(),
					}),
				),
			}),
		},
	},
	handler: async ({ req, locale }) => {
		const session = await requireApiSession(authHeaders(req));
		const { translate } = await import("~/lib/i18n");
		const items = (await listNotifications(session.user.id)).map((item) => ({
			...item,
			text: translate(locale, `accounts.notifications.kinds.${item.kind}`, item.params),
		}));
		return { body: { unread: await unreadCount(session.user.id), items } };
	},
});

export const readMyNotifications = defineEndpoint({
	method: "post",
	path: "/me/notifications/read",
	summary: "Mark one notification (or all) read",
	tag: "me",
	auth: "bearer",
	body: z.object({ id: z.string().uuid().optional() }),
	responses: { 204: { description: "Marked read" } },
	handler: async ({ body, req }) => {
		const session = await requireApiSession(authHeaders(req));
		await markRead(session.user.id, body.id);
		return { status: 204 };
	},
});

export const deleteMe = defineEndpoint({
	method: "delete",
	path: "/me",
	summary:
		"Delete the account after a fresh proof (`currentPassword`, `smsCode` from POST /me/proof-codes, or `totpCode`): personal data erased or anonymised, money records kept",
	tag: "me",
	auth: "bearer",
	withoutConsent: true,
	body: freshProofSchema,
	responses: {
		204: { description: "Deleted; every session ended" },
		400: { description: "No proof or a wrong one; nothing deleted" },
		401: { description: "Not signed in" },
		429: { description: "Too many current-password tries; see Retry-After" },
	},
	handler: async ({ body, req }) => {
		const session = await requireApiSession(authHeaders(req), { withoutConsent: true });
		await requireFreshProof(session.user.id, body);
		await deleteAccount(session.user.id);
		return { status: 204 };
	},
});

export const sendMyProofCode = defineEndpoint({
	method: "post",
	path: "/me/proof-codes",
	summary: "Send an SMS code to the account's own phone, to prove it is you (`smsCode` of DELETE /me and POST /me/password)",
	tag: "me",
	auth: "bearer",
	withoutConsent: true,
	responses: {
		202: { description: "The code is on its way", schema: z.object({ expiresInSeconds: z.number() }) },
		400: { description: "The account has no phone number" },
		429: { description: "Too many codes for this number; see Retry-After" },
	},
	handler: async ({ locale, req }) => {
		const session = await requireApiSession(authHeaders(req), { withoutConsent: true });
		await sendFreshProofCode({ userId: session.user.id, ip: clientOf(req).ip, locale });
		return { status: 202, body: { expiresInSeconds: 300 } };
	},
});

export const beginMyTwoFactor = defineEndpoint({
	method: "post",
	path: "/me/two-factor/setup",
	summary: "Start TOTP setup: a secret (and otpauth URI) to add to an authenticator app",
	tag: "me",
	auth: "bearer",
	responses: {
		200: { description: "Secret to confirm with a code", schema: z.object({ secret: z.string(), uri: z.string() }) },
		409: { description: "Already on" },
	},
	handler: async ({ req }) => {
		const session = await requireApiSession(authHeaders(req));
		return { body: await beginTwoFactorSetup(session.user.id) };
	},
});

export const enableMyTwoFactor = defineEndpoint({
	method: "post",
	path: "/me/two-factor/enable",
	summary: "Turn TOTP on with a code from the app; returns ten one-time recovery codes",
	tag: "me",
	auth: "bearer",
	body: z.object({
		code: z
			.string()
			.trim()
			.regex(/^\d{6}$/, "accounts.errors.totpInvalid"),
	}),
	responses: {
		200: { description: "On", schema: z.object({ recoveryCodes: z.array(z.string()) }) },
		400: { description: "Wrong code" },
	},
	handler: async ({ body, req }) => {
		const session = await requireApiSession(authHeaders(req));
		return { body: { recoveryCodes: await enableTwoFactor(session.user.id, body.code, session.sessionId) } };
	},
});

export const disableMyTwoFactor = defineEndpoint({
	method: "post",
	path: "/me/two-factor/disable",
	summary: "Turn TOTP off; the fresh proof is the second factor itself: a current code (not one already used) or a recovery code",
	tag: "me",
	auth: "bearer",
	body: z.object({ code: z.string().trim().min(6).max(20) }),
	responses: { 204: { description: "Off" }, 400: { description: "Wrong code" } },
	handler: async ({ body, req }) => {
		const session = await requireApiSession(authHeaders(req));
		await disableTwoFactor(session.user.id, body.code);
		return { status: 204 };
	},
});
