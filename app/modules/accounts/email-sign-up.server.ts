import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import type { Locale } from "~/lib/i18n";
import { users } from "../../../db/schema";
import { sendCode, withVerifiedCode } from "./codes.server";
import { assertAgreedToCurrentTerms } from "./consent.server";
import { hashPassword } from "./password.server";
import type { ClientInfo } from "./sessions.server";
import { finishSignIn, type SignInResult } from "./sign-in.server";
import { createUser, findUserByEmail } from "./users.server";

/**
 * Email sign-up: the account exists at once, but its email signs in only after the code sent to
 * it is confirmed. Signing up again before confirming replaces the password and resends a code.
 */
export async function signUpWithEmail(input: {
	displayName: string;
	email: string;
	password: string;
	locale: Locale;
	ip: string;
	/** The terms version the user agreed to; without the current one nothing is created. */
	termsVersion?: string;
}) {
	const termsVersion = assertAgreedToCurrentTerms(input.termsVersion);
	const existing = await findUserByEmail(input.email);
	if (existing?.emailVerifiedAt || (existing && existing.status !== "active")) {
		throw new AppError(409, "conflict", "accounts.errors.emailTaken", { fields: { email: "accounts.errors.emailTaken" } });
	}
	const passwordHash = await hashPassword(input.password);
	const user =
		existing ??
		(await createUser({ displayName: input.displayName, email: input.email, passwordHash, locale: input.locale, termsVersion }));
	if (existing) {
		await db()
			.update(users)
			.set({ passwordHash, displayName: input.displayName, termsVersion, termsAcceptedAt: new Date() })
			.where(eq(users.id, existing.id));
	}
	await sendCode({
		purpose: "verify_email",
		target: { kind: "email", email: input.email },
		ip: input.ip,
		locale: input.locale,
		userId: user.id,
	});
	return { userId: user.id };
}

export async function confirmEmail(input: { email: string; code: string; client: ClientInfo }): Promise<SignInResult> {
	const target = { kind: "email" as const, email: input.email };
	return withVerifiedCode({ purpose: "verify_email", target, code: input.code }, async (tx) => {
		const user = await findUserByEmail(input.email, tx);
		if (!user) throw new AppError(401, "unauthorized", "accounts.errors.codeInvalid");
		const [confirmed] = await tx.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, user.id)).returning();
		return finishSignIn(confirmed ?? user, input.client, tx);
	});
}
