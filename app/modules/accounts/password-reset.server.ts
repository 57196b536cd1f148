import { eq } from "drizzle-orm";
import { blindIndex } from "~/lib/crypto.server";
import { AppError } from "~/lib/errors";
import type { Locale } from "~/lib/i18n";
import { consume } from "~/lib/rate-limit.server";
import { users } from "../../../db/schema";
import { type CodeTarget, sendCode, withVerifiedCode } from "./codes.server";
import { requireHumanCheck } from "./human-check.server";
import { notify } from "./notifications.server";
import { hashPassword } from "./password.server";
import { normalisePhone } from "./phone";
import { revokeUserSessions } from "./sessions.server";
import { findUserByEmail, findUserByPhone } from "./users.server";

function targetOf(identifier: string): CodeTarget | null {
	const phone = normalisePhone(identifier);
	if (phone) return { kind: "phone", phone };
	const email = identifier.trim().toLowerCase();
	return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? { kind: "email", email } : null;
}

const findAccount = (target: CodeTarget) =>
	target.kind === "phone" ? findUserByPhone(target.phone) : findUserByEmail(target.email);

/**
 * Sends a reset code by SMS or email. Unknown accounts get the same answer (and the same rate
 * limit) without a message, so the form does not reveal who has an account.
 */
export async function requestPasswordReset(input: {
	identifier: string;
	ip: string;
	locale: Locale;
	challenge?: string | null;
}): Promise<void> {
	const target = targetOf(input.identifier);
	if (!target)
		throw new AppError(400, "validation_failed", "errors.validationFailed", {
			fields: { identifier: "accounts.errors.identifierRequired" },
		});
	// Before the lookup, so a number with an account and one without are asked the same.
	if (target.kind === "phone") await requireHumanCheck({ ip: input.ip, challenge: input.challenge });
	const user = await findAccount(target);
	if (user?.status !== "active") {
		await consume({ key: `code:min:${blindIndex("reset-unknown", input.identifier)}`, points: 1, windowSeconds: 60 });
		return;
	}
	await sendCode({ purpose: "reset", target, ip: input.ip, locale: input.locale, userId: user.id, humanChecked: true });
}

/** Sets a new password with a reset code; every session of the account is signed out. */
export async function resetPassword(input: { identifier: string; code: string; password: string }): Promise<void> {
	const target = targetOf(input.identifier);
	if (!target) throw new AppError(401, "unauthorized", "accounts.errors.codeInvalid");
	const passwordHash = await hashPassword(input.password);
	await withVerifiedCode({ purpose: "reset", target, code: input.code }, async (tx) => {
		const user = target.kind === "phone" ? await findUserByPhone(target.phone, tx) : await findUserByEmail(target.email, tx);
		if (!user) throw new AppError(401, "unauthorized", "accounts.errors.codeInvalid");
		// A reset by email code proves the address, as confirming it would.
		await tx
			.update(users)
			.set({
				passwordHash,
				failedLogins: 0,
				lockedUntil: null,
				updatedAt: new Date(),
				...(target.kind === "email" && !user.emailVerifiedAt ? { emailVerifiedAt: new Date() } : {}),
			})
			.where(eq(users.id, user.id));
		await revokeUserSessions(user.id, undefined, tx);
		await notify({ userId: user.id, kind: "passwordChanged", link: "/me/security" }, tx);
	});
}
