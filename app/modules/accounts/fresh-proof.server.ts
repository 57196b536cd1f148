import { z } from "zod";
import { AppError } from "~/lib/errors";
import type { Locale } from "~/lib/i18n";
import { consume } from "~/lib/rate-limit.server";
import { sendCode, withVerifiedCode } from "./codes.server";
import { verifyPassword } from "./password.server";
import { checkSecondFactor } from "./two-factor.server";
import { findUserById, toPublicUser } from "./users.server";

/**
 * A fresh proof that the person holding the session is the account's owner, asked before the
 * changes a stolen session must not make: deleting the account, changing (or first setting) the
 * password. One of: the current password, an SMS code sent to the account's phone (purpose
 * `reauth`), or an authenticator or recovery code. The same fields on the page and in the API.
 */
export const freshProofSchema = z.object({
	currentPassword: z.string().max(128).optional(),
	smsCode: z
		.string()
		.trim()
		.regex(/^\d{6}$/, "accounts.errors.codeFormat")
		.optional()
		.describe("A code from POST /me/proof-codes, sent to the account's phone"),
	totpCode: z.string().trim().min(6, "accounts.errors.totpInvalid").max(20).optional().describe("Authenticator or recovery code"),
});
export type FreshProof = z.infer<typeof freshProofSchema>;

const wrongPassword = () =>
	new AppError(400, "validation_failed", "accounts.errors.passwordWrong", {
		fields: { currentPassword: "accounts.errors.passwordWrong" },
	});

export async function requireFreshProof(userId: string, proof: FreshProof): Promise<void> {
	const user = await findUserById(userId);
	if (!user) throw new AppError(404, "not_found", "errors.notFound");
	if (proof.currentPassword) {
		// Counted before the check (and kept when it fails): a stolen session cannot guess on.
		await consume({ key: `proof:password:${userId}`, points: 5, windowSeconds: 15 * 60 });
		if (!user.passwordHash || !(await verifyPassword(user.passwordHash, proof.currentPassword))) throw wrongPassword();
		return;
	}
	if (proof.smsCode) {
		const { phone } = await toPublicUser(user);
		const target = { kind: "phone" as const, phone: phone ?? "" };
		try {
			await withVerifiedCode({ purpose: "reauth", target, code: proof.smsCode }, async () => undefined);
		} catch (error) {
			if (error instanceof AppError)
				throw new AppError(400, "validation_failed", error.messageKey, { fields: { smsCode: error.messageKey } });
			throw error;
		}
		return;
	}
	if (proof.totpCode) {
		if (!(await checkSecondFactor(userId, proof.totpCode))) {
			throw new AppError(400, "validation_failed", "accounts.errors.totpInvalid", {
				fields: { totpCode: "accounts.errors.totpInvalid" },
			});
		}
		return;
	}
	throw new AppError(400, "validation_failed", "accounts.errors.freshProofRequired");
}

/**
 * Sends the `reauth` code to the signed-in account's own phone. No human check: it can only
 * reach the number already on the account, and the per-number limits still apply.
 */
export async function sendFreshProofCode(input: { userId: string; ip: string; locale: Locale }): Promise<void> {
	const user = await findUserById(input.userId);
	const phone = user ? (await toPublicUser(user)).phone : null;
	if (!user || !phone) throw new AppError(400, "validation_failed", "accounts.errors.noPhoneForCode");
	await sendCode({
		purpose: "reauth",
		target: { kind: "phone", phone },
		ip: input.ip,
		locale: input.locale,
		userId: user.id,
		humanChecked: true,
	});
}
