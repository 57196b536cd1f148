import { z } from "zod";
import { sendCode } from "~/modules/accounts/codes.server";
import { requireApiSession } from "~/modules/accounts/guards.server";
import { createSmsChallenge } from "~/modules/accounts/human-check.server";
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
		403: {
			description:
				"`challenge_required`: past the first 5 texts from this address in an hour, send a solved `challenge` (see GET /auth/challenge); also when the one sent is expired, wrong or used",
		},
		429: { description: "Too many codes for this number or address; see Retry-After" },
	},
	handler: async ({ body, locale, req }) => {
		await sendCode({
			purpose: body.purpose,
			target: { kind: "phone", phone: body.phone },
			ip: clientOf(req).ip,
			locale,
			challenge: body.challenge,
		});
		return { status: 202, body: { expiresInSeconds: 300 } };
	},
});

const challengeSchema = z.object({
	parameters: z.object({
		algorithm: z.literal("SHA-256"),
		nonce: z.string().describe("hex"),
		salt: z.string().describe("hex"),
		cost: z.number().describe("SHA-256 rounds per try"),
		keyLength: z.number().describe("bytes of the digest that count"),
		keyPrefix: z.string().describe("hex the derived key must start with"),
		expiresAt: z.number().optional().describe("Unix seconds"),
		data: z.record(z.string(), z.unknown()).optional(),
	}),
	signature: z.string(),
});

export const smsChallenge = defineEndpoint({
	method: "get",
	path: "/auth/challenge",
	summary:
		"A human check (ALTCHA proof of work, self-hosted) for sending texts. Solve it: for counter = 0, 1, 2, … compute " +
		"key = SHA-256(salt bytes ‖ nonce bytes ‖ counter as 4-byte big-endian), `cost` rounds, first `keyLength` bytes, until hex(key) " +
		"starts with `keyPrefix` (about 30 000 tries, under a second). Then send `challenge` = base64(JSON " +
		"`{ challenge: <this object>, solution: { counter, derivedKey: hex(key) } }`) with POST /auth/sms-codes or " +
		"/auth/password-reset-codes. The altcha-lib packages (JavaScript, Go, Python, …) do this in one call.",
	tag: "auth",
	responses: { 200: { description: "A challenge, valid for 10 minutes and one send", schema: challengeSchema } },
	handler: async () => ({ body: await createSmsChallenge() }),
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
		403: {
			description:
				"Account suspended; or `consent_required`: a new number needs `termsVersion`, the current version of /terms and /privacy (given in the answer's `termsVersion`); nothing is created and the code stays usable",
		},
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
		403: { description: "Account suspended; or `challenge_required` after many tries on this identifier (see `challenge`)" },
		429: {
			description:
				"Too many failures from this client for this identifier (the same whether or not the account exists); see Retry-After",
		},
	},
	handler: async ({ body, req }) => ({ body: signInBody(await signInWithPassword({ ...body, client: clientOf(req) })) }),
});

export const logout = defineEndpoint({
	method: "post",
	path: "/auth/logout",
	summary: "End the current session; its token stops working at once",
	tag: "auth",
	auth: "bearer",
	withoutConsent: true,
	responses: { 204: { description: "Signed out" }, 401: { description: "Not signed in" } },
	handler: async ({ req }) => {
		const session = await requireApiSession(authHeaders(req), { withoutConsent: true });
		await revokeSession(session.sessionId);
		return { status: 204 };
	},
});
