import { randomBytes } from "node:crypto";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, verifyTOTPWithGracePeriod } from "@oslojs/otp";
import { and, eq, isNull } from "drizzle-orm";
import { blindIndex, decrypt, encrypt } from "~/lib/crypto.server";
import { db } from "~/lib/db.server";
import { sealedIn } from "~/lib/encrypted-columns.server";
import { AppError } from "~/lib/errors";
import { consume, hit } from "~/lib/rate-limit.server";
import { recoveryCodes, users } from "../../../db/schema";
import { completeSecondFactor } from "./sessions.server";
import { findUserById } from "./users.server";

const period = 30;
const digits = 6;
const invalidCode = () =>
	new AppError(400, "validation_failed", "accounts.errors.totpInvalid", { fields: { code: "accounts.errors.totpInvalid" } });

/**
 * Starts TOTP setup: a new secret is kept (encrypted) but not enforced until a code from the
 * authenticator app proves it was added.
 */
export async function beginTwoFactorSetup(userId: string): Promise<{ secret: string; uri: string }> {
	const user = await findUserById(userId);
	if (!user) throw new AppError(404, "not_found", "errors.notFound");
	if (user.totpEnabledAt) throw new AppError(409, "conflict", "errors.badRequest");
	const key = randomBytes(20);
	await db()
		.update(users)
		.set({ totpSecretEnc: encrypt(Buffer.from(key).toString("base64"), sealedIn(users.totpSecretEnc, userId)) })
		.where(eq(users.id, userId));
	return {
		secret: encodeBase32UpperCaseNoPadding(key),
		uri: createTOTPKeyURI("CuePal 球伴", user.displayName, key, period, digits),
	};
}

function keyOf(user: { id: string; totpSecretEnc: string | null } | undefined): Uint8Array | null {
	const sealed = user?.totpSecretEnc;
	return sealed ? new Uint8Array(Buffer.from(decrypt(sealed, sealedIn(users.totpSecretEnc, user.id)), "base64")) : null;
}

async function limitTries(userId: string) {
	await consume({ key: `totp:${userId}`, points: 10, windowSeconds: 15 * 60 });
}

/**
 * Turns TOTP on once a correct code is entered; returns ten one-time recovery codes, shown once.
 * The session that entered the code has proved the second factor, so staff can use the back office
 * from it without signing in again; the account's other sessions have not.
 */
export async function enableTwoFactor(userId: string, code: string, sessionId?: string): Promise<string[]> {
	await limitTries(userId);
	const user = await findUserById(userId);
	const key = keyOf(user);
	if (!user || !key || user.totpEnabledAt) throw invalidCode();
	if (!verifyTOTPWithGracePeriod(key, period, digits, code.trim(), period)) throw invalidCode();
	const codes = Array.from({ length: 10 }, () =>
		randomBytes(5)
			.toString("hex")
			.toUpperCase()
			.replace(/(.{5})/, "$1-"),
	);
	await db().transaction(async (tx) => {
		await tx.update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, userId));
		if (sessionId) await completeSecondFactor(sessionId, tx);
		await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
		await tx.insert(recoveryCodes).values(codes.map((value) => ({ userId, codeHash: blindIndex("recovery", value) })));
	});
	return codes;
}

export async function disableTwoFactor(userId: string, code: string): Promise<void> {
	if (!(await checkSecondFactor(userId, code))) throw invalidCode();
	await db().transaction(async (tx) => {
		await tx.update(users).set({ totpEnabledAt: null, totpSecretEnc: null }).where(eq(users.id, userId));
		await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
	});
}

/**
 * A current TOTP code, or an unused recovery code (which is then used up). A TOTP code counts once:
 * the code that just finished a sign-in cannot be replayed as the fresh proof for turning the
 * second factor off (it stays valid for up to a minute otherwise).
 */
export async function checkSecondFactor(userId: string, code: string): Promise<boolean> {
	await limitTries(userId);
	const user = await findUserById(userId);
	const key = keyOf(user);
	if (!user?.totpEnabledAt || !key) return false;
	const trimmed = code.trim().toUpperCase();
	if (/^\d{6}$/.test(trimmed)) {
		if (!verifyTOTPWithGracePeriod(key, period, digits, trimmed, period)) return false;
		const use = await hit({ key: `totp:used:${userId}:${trimmed}`, points: 1, windowSeconds: 3 * period });
		return !use.exceeded;
	}
	const used = await db()
		.update(recoveryCodes)
		.set({ usedAt: new Date() })
		.where(
			and(
				eq(recoveryCodes.userId, userId),
				eq(recoveryCodes.codeHash, blindIndex("recovery", trimmed)),
				isNull(recoveryCodes.usedAt),
			),
		)
		.returning({ id: recoveryCodes.id });
	return used.length > 0;
}

/** Completes a sign-in that waits for its second factor. */
export async function verifySecondFactor(input: { userId: string; sessionId: string; code: string }): Promise<void> {
	if (!(await checkSecondFactor(input.userId, input.code))) throw invalidCode();
	await completeSecondFactor(input.sessionId);
}
