import type { Request } from "express";
import { z } from "zod";
import { AppError } from "~/lib/errors";
import type { Locale } from "~/lib/i18n";
import { translate } from "~/lib/i18n";
import { phoneSchema } from "~/modules/accounts/phone";
import { codeSchema, signInResponseSchema, termsVersionSchema } from "~/modules/accounts/schema";
import type { SignInResult } from "~/modules/accounts/sign-in.server";
import { fetchAlipayIdentity } from "~/modules/accounts/social/alipay-oauth.server";
import { bindPhoneAndSignIn } from "~/modules/accounts/social/bind-phone-and-sign-in.server";
import {
	openPendingIdentity,
	pendingIdentityLifetimeSeconds,
	sealPendingIdentity,
} from "~/modules/accounts/social/pending-identity.server";
import { type ProviderIdentity, requireConfiguredProvider } from "~/modules/accounts/social/providers.server";
import { signInWithSocial } from "~/modules/accounts/social/sign-in-with-social.server";
import { fetchWechatIdentity } from "~/modules/accounts/social/wechat-oauth.server";
import { clientOf } from "../client";
import { defineEndpoint } from "../endpoint";

const signInBody = (result: SignInResult) => ({
	token: result.token,
	expiresAt: result.expiresAt.toISOString(),
	secondFactorRequired: result.secondFactorRequired,
	user: result.user,
});

const phoneRequiredSchema = z.object({
	error: z.object({ code: z.literal("phone_required"), message: z.string() }),
	bindToken: z.string().describe("Send it with the phone number and its SMS code (purpose `bind`) to POST /auth/bind-phone"),
	expiresInSeconds: z.number(),
	provider: z.enum(["wechat", "alipay"]),
	nickname: z.string().nullable(),
});

/** A known identity signs in; a new one answers 409 phone_required with the token that continues it. */
async function socialLogin(identity: ProviderIdentity, req: Request, locale: Locale) {
	const outcome = await signInWithSocial({ identity, client: clientOf(req) });
	if (outcome.kind === "signedIn") return { body: signInBody(outcome.result) };
	return {
		status: 409,
		body: {
			error: { code: "phone_required", message: translate(locale, "accounts.bindPhone.required") },
			bindToken: sealPendingIdentity(outcome.pending),
			expiresInSeconds: pendingIdentityLifetimeSeconds,
			provider: outcome.pending.provider,
			nickname: outcome.pending.nickname,
		},
	};
}

const loginResponses = {
	200: { description: "Signed in (an account bound to this identity)", schema: signInResponseSchema },
	400: { description: "Invalid input" },
	401: { description: "The provider refused the code (expired, used or forged)" },
	403: { description: "Account suspended" },
	404: { description: "This sign-in method is not set up on this server" },
	409: { description: "First sign-in with this identity: bind a phone number with the bindToken", schema: phoneRequiredSchema },
	503: { description: "The provider could not be reached" },
};

export const wechatLogin = defineEndpoint({
	method: "post",
	path: "/auth/wechat-login",
	summary: "Sign in with a WeChat authorisation code (from the WeChat SDK in the app)",
	tag: "auth",
	body: z.object({ code: z.string({ error: "errors.field.required" }).trim().min(1).max(512) }),
	responses: loginResponses,
	handler: async ({ body, req, locale }) => {
		requireConfiguredProvider("wechat");
		return socialLogin(await fetchWechatIdentity(body.code), req, locale);
	},
});

export const alipayLogin = defineEndpoint({
	method: "post",
	path: "/auth/alipay-login",
	summary: "Sign in with an Alipay auth_code (scope auth_user, from the Alipay SDK in the app)",
	tag: "auth",
	body: z.object({ authCode: z.string({ error: "errors.field.required" }).trim().min(1).max(512) }),
	responses: loginResponses,
	handler: async ({ body, req, locale }) => {
		requireConfiguredProvider("alipay");
		return socialLogin(await fetchAlipayIdentity(body.authCode), req, locale);
	},
});

export const bindPhone = defineEndpoint({
	method: "post",
	path: "/auth/bind-phone",
	summary: "Finish a first WeChat or Alipay sign-in: bind a phone number (SMS code, purpose `bind`) and sign in",
	tag: "auth",
	body: z.object({
		bindToken: z.string({ error: "errors.field.required" }).min(1).max(4096),
		phone: phoneSchema,
		code: codeSchema,
		termsVersion: termsVersionSchema,
	}),
	responses: {
		200: {
			description: "Signed in; `created` says whether a new account was made",
			schema: signInResponseSchema.extend({ created: z.boolean() }),
		},
		400: { description: "Invalid input" },
		401: { description: "Wrong, expired or used code, or an expired bindToken" },
		403: {
			description:
				"`consent_required`: a number without an account needs `termsVersion`, the current version of /terms and /privacy (given in the answer's `termsVersion`); nothing is created",
		},
		409: { description: "The identity or the phone's account is already bound otherwise" },
	},
	handler: async ({ body, req, locale }) => {
		const pending = openPendingIdentity(body.bindToken);
		if (!pending) throw new AppError(401, "unauthorized", "accounts.errors.socialExpired");
		const result = await bindPhoneAndSignIn({
			pending,
			phone: body.phone,
			code: body.code,
			termsVersion: body.termsVersion,
			client: clientOf(req),
			locale,
		});
		return { body: { ...signInBody(result), created: result.created } };
	},
});
