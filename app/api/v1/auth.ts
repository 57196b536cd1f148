import { z } from "zod";
import { sendCode } from "~/modules/accounts/codes.server";
import { requireApiSession } from "~/modules/accounts/guards.server";
import { passwordLoginSchema, signInResponseSchema, smsCodeRequestSchema, smsLoginSchema } from "~/modules/accounts/schema";
import { revokeSession } from "~/modules/accounts/sessions.server";
import type { SignInResult } from "~/modules/accounts/sign-in.server";
import { signInWithPassword } from "~/modules/accounts/sign-in-with-password.server";
import { signInWithSms } from "~/modules/accounts/sign-in-with-sms.server";
import { authHeaders, clientOf } from "../client";
import { defineEndpoint } from "../endpoint";

const signInBody = (result: SignInResult) => ({
	token: result.token,
	expiresAt: result.expiresAt.toISOString(),
	secondFactorRequired: result.secondFactorRequired,
	user: result.user,
});

export const requestSmsCode = defineEndpoint({
	method: "post",
	path: "/auth/sms-codes",
	summary: "Send a 6-digit code by SMS (sign-in, password reset or binding a phone)",
	tag: "auth",
	body: smsCodeRequestSchema,
	responses: {
		202: { description: "The code is on its way", schema: z.object({ expiresInSeconds: z.number() }) },
		400: { description: "Invalid phone number" },
		429: { description: "Too many codes for this number or address; see Retry-After" },
	},
	handler: async ({ body, locale, req }) => {
		await sendCode({ purpose: body.purpose, target: { kind: "phone", phone: body.phone }, ip: clientOf(req).ip, locale });
		return { status: 202, body: { expiresInSeconds: 300 } };
	},
});

export const smsLogin = defineEndpoint({
	method: "post",
	path: "/auth/sms-login",
	summary: "Sign in (or sign up) with a phone number and its SMS code",
	tag: "auth",
	body: smsLoginSchema,
	responses: {
		200: { description: "Signed in", schema: signInResponseSchema.extend({ created: z.boolean() }) },
		400: { description: "Invalid input" },
		401: { description: "Wrong, expired or used code" },
		403: { description: "Account suspended" },
	},
	handler: async ({ body, locale, req }) => {
		const result = await signInWithSms({ ...body, client: clientOf(req), locale });
		return { body: { ...signInBody(result), created: result.created } };
	},
});

export const passwordLogin = defineEndpoint({
	method: "post",
	path: "/auth/password-login",
	summary: "Sign in with a phone number or a confirmed email, and a password",
	tag: "auth",
	body: passwordLoginSchema,
	responses: {
		200: { description: "Signed in", schema: signInResponseSchema },
		401: { description: "Wrong credentials (the same answer whether or not the account exists)" },
		403: { description: "Account suspended" },
		429: { description: "Too many attempts; see Retry-After" },
	},
	handler: async ({ body, req }) => ({ body: signInBody(await signInWithPassword({ ...body, client: clientOf(req) })) }),
});

export const logout = defineEndpoint({
	method: "post",
	path: "/auth/logout",
	summary: "End the current session; its token stops working at once",
	tag: "auth",
	auth: "bearer",
	responses: { 204: { description: "Signed out" }, 401: { description: "Not signed in" } },
	handler: async ({ req }) => {
		const session = await requireApiSession(authHeaders(req));
		await revokeSession(session.sessionId);
		return { status: 204 };
	},
});
