import { z } from "zod";
import { refuseBidiControls } from "~/lib/validation";
import { termsVersion } from "~/modules/legal/documents";
import { phoneSchema } from "./phone";

/** Zod schemas shared by the sign-in forms, their actions and the JSON API. */
export const codeSchema = z
	.string({ error: "accounts.errors.codeRequired" })
	.trim()
	.regex(/^\d{6}$/, "accounts.errors.codeFormat");

export const passwordSchema = z
	.string({ error: "accounts.errors.passwordRequired" })
	.min(8, "accounts.errors.passwordTooShort")
	.max(128, "accounts.errors.passwordTooLong")
	.refine((value) => /[A-Za-z]/.test(value) && /\d/.test(value), "accounts.errors.passwordWeak");

export const emailSchema = z
	.string({ error: "accounts.errors.emailRequired" })
	.trim()
	.toLowerCase()
	.max(254, "accounts.errors.emailInvalid")
	.email("accounts.errors.emailInvalid");

export const displayNameSchema = refuseBidiControls(
	z
		.string({ error: "accounts.errors.nameRequired" })
		.trim()
		.min(1, "accounts.errors.nameRequired")
		.max(40, "accounts.errors.nameTooLong")
		.refine((value) => !/[<>]/.test(value), "accounts.errors.nameInvalid"),
);

/** A solved human check: base64 of the JSON `{ challenge, solution }` (see GET /auth/challenge). */
export const humanCheckSchema = z
	.string()
	.trim()
	.max(4096, "accounts.errors.humanCheckInvalid")
	.optional()
	.describe(
		"Needed after the first 5 texts from one address in an hour (else 403 `challenge_required`): " +
			"base64 of the JSON `{ challenge, solution: { counter, derivedKey } }`, a challenge from GET /api/v1/auth/challenge and its solution. One send per challenge.",
	);

export const smsCodeRequestSchema = z.object({
	phone: phoneSchema,
	purpose: z.enum(["login", "reset", "bind"], { error: "errors.field.invalidOption" }).default("login"),
	challenge: humanCheckSchema,
});

/**
 * The agreement a client sends: the version of the user agreement and privacy policy it showed.
 * Forms send the ticked box instead (`agreeTerms=on`), which means the version on the page.
 */
export const termsVersionSchema = z
	.string()
	.max(20)
	.optional()
	.describe(
		"The version of /terms and /privacy the user agreed to (shown on /terms; a 403 consent_required answer carries the current one)",
	);

export const agreeTermsField = z
	.literal("on", { error: "legal.consent.required" })
	.optional()
	.transform((value) => (value === "on" ? termsVersion : undefined));

export const smsLoginSchema = z.object({ phone: phoneSchema, code: codeSchema, termsVersion: termsVersionSchema });

export const passwordLoginSchema = z.object({
	identifier: z
		.string({ error: "accounts.errors.identifierRequired" })
		.trim()
		.min(1, "accounts.errors.identifierRequired")
		.max(254),
	password: z.string({ error: "accounts.errors.passwordRequired" }).min(1, "accounts.errors.passwordRequired").max(128),
	challenge: humanCheckSchema.describe(
		"Needed once the identifier has had 20 tries in 15 minutes from anywhere (else 403 `challenge_required`): a solved challenge, as for POST /auth/sms-codes",
	),
});

export const publicUserSchema = z.object({
	id: z.string().uuid(),
	displayName: z.string(),
	phone: z.string().nullable(),
	email: z.string().nullable(),
	emailVerified: z.boolean(),
	status: z.enum(["active", "suspended", "deleted"]),
	locale: z.string(),
	roles: z.array(z.string()),
	venueRoles: z.array(z.object({ role: z.string(), venueId: z.string() })),
	twoFactorEnabled: z.boolean(),
	hasPassword: z.boolean(),
	createdAt: z.string(),
});

export const signInResponseSchema = z.object({
	token: z.string(),
	expiresAt: z.string(),
	secondFactorRequired: z.boolean(),
	user: publicUserSchema,
});
