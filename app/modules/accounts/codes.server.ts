import { randomInt } from "node:crypto";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { blindIndex, safeEqual } from "~/lib/crypto.server";
import { type DbOrTx, db } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import type { Locale } from "~/lib/i18n";
import { consumeAll } from "~/lib/rate-limit.server";
import { verificationCodes } from "../../../db/schema";
import { dispatchMessages, queueMessage } from "./messaging/queue-message.server";

export type CodePurpose = "login" | "reset" | "bind" | "verify_email";
export type CodeTarget = { kind: "phone"; phone: string } | { kind: "email"; email: string };

export const codeLifetimeSeconds = 5 * 60;
export const maxCodeAttempts = 5;

const targetIndex = (target: CodeTarget) =>
	target.kind === "phone" ? blindIndex("code-phone", target.phone) : blindIndex("code-email", target.email.toLowerCase());

/** Codes are stored as an HMAC (keyed by the blind-index key), never in clear. */
const hashCode = (code: string) => blindIndex("code", code);

/**
 * Sends a 6-digit code by SMS or email. Limits: per target 1 a minute and 10 a day, per IP 30 an
 * hour; a limited request gets a 429 with Retry-After and sends nothing.
 */
export async function sendCode(input: { purpose: CodePurpose; target: CodeTarget; ip: string; locale: Locale; userId?: string }) {
	const index = targetIndex(input.target);
	const messageId = await db().transaction(async (tx) => {
		await consumeAll(
			[
				{ key: `code:min:${index}`, points: 1, windowSeconds: 60 },
				{ key: `code:day:${index}`, points: 10, windowSeconds: 24 * 3600 },
				{ key: `code:ip:${blindIndex("ip", input.ip)}`, points: 30, windowSeconds: 3600 },
			],
			tx,
		);
		const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
		await tx.insert(verificationCodes).values({
			purpose: input.purpose,
			targetIndex: index,
			codeHash: hashCode(code),
			expiresAt: new Date(Date.now() + codeLifetimeSeconds * 1000),
		});
		return queueMessage(
			{
				channel: input.target.kind === "phone" ? "sms" : "email",
				recipient: input.target.kind === "phone" ? input.target.phone : input.target.email,
				userId: input.userId,
				template: `code.${input.purpose}`,
				params: { code, minutes: codeLifetimeSeconds / 60 },
				locale: input.locale,
			},
			tx,
		);
	});
	// The rate-limit counters must count even when the code is refused, so they commit with it.
	await dispatchMessages([messageId]);
}

/**
 * Checks a code: the newest unexpired, unused code for the target and purpose, at most five tries.
 * Used codes, expired codes and wrong codes are all refused with the same 401.
 */
export async function verifyCode(input: { purpose: CodePurpose; target: CodeTarget; code: string }, tx: DbOrTx = db()) {
	const index = targetIndex(input.target);
	const [latest] = await tx
		.select()
		.from(verificationCodes)
		.where(
			and(
				eq(verificationCodes.targetIndex, index),
				eq(verificationCodes.purpose, input.purpose),
				isNull(verificationCodes.consumedAt),
				gt(verificationCodes.expiresAt, new Date()),
			),
		)
		.orderBy(desc(verificationCodes.createdAt))
		.limit(1);
	const invalid = new AppError(401, "unauthorized", "accounts.errors.codeInvalid");
	if (!latest) throw invalid;
	if (latest.attempts >= maxCodeAttempts) throw new AppError(401, "unauthorized", "accounts.errors.codeTooManyTries");
	if (!/^\d{6}$/.test(input.code) || !safeEqual(latest.codeHash, hashCode(input.code))) {
		// Counted on the main handle, so a failed try is recorded even when the caller rolls back.
		await db()
			.update(verificationCodes)
			.set({ attempts: sql`${verificationCodes.attempts} + 1` })
			.where(eq(verificationCodes.id, latest.id));
		throw invalid;
	}
	// Conditional, so two requests racing with the same code cannot both use it.
	const used = await tx
		.update(verificationCodes)
		.set({ consumedAt: new Date() })
		.where(and(eq(verificationCodes.id, latest.id), isNull(verificationCodes.consumedAt)))
		.returning({ id: verificationCodes.id });
	if (used.length === 0) throw invalid;
}
