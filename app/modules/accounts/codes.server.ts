import { randomInt } from "node:crypto";
import { sql } from "drizzle-orm";
import { blindIndex } from "~/lib/crypto.server";
import { db, type Transaction } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import type { Locale } from "~/lib/i18n";
import { consumeAll } from "~/lib/rate-limit.server";
import { verificationCodes } from "../../../db/schema";
import { requireHumanCheck } from "./human-check.server";
import { dispatchMessages, queueMessage } from "./messaging/queue-message.server";

export type CodePurpose = "login" | "reset" | "bind" | "verify_email" | "reauth";
export type CodeTarget = { kind: "phone"; phone: string } | { kind: "email"; email: string };

export const codeLifetimeSeconds = 5 * 60;
export const maxCodeAttempts = 5;

const targetIndex = (target: CodeTarget) =>
	target.kind === "phone" ? blindIndex("code-phone", target.phone) : blindIndex("code-email", target.email.toLowerCase());

/** Codes are stored as an HMAC (keyed by the blind-index key), never in clear. */
const hashCode = (code: string) => blindIndex("code", code);

/**
 * Sends a 6-digit code by SMS or email. Limits: per target 1 a minute and 10 a day, per IP 30 an
 * hour; a limited request gets a 429 with Retry-After and sends nothing. Texts past the first few
 * of an address in an hour need a solved human check (`challenge`, see human-check.server.ts).
 */
export async function sendCode(input: {
	purpose: CodePurpose;
	target: CodeTarget;
	ip: string;
	locale: Locale;
	userId?: string;
	challenge?: string | null;
	/** Set by a caller that has already run the human check for this send. */
	humanChecked?: boolean;
}) {
	if (input.target.kind === "phone" && !input.humanChecked) {
		await requireHumanCheck({ ip: input.ip, challenge: input.challenge });
	}
	const index = targetIndex(input.target);
	// Counted on their own, before the transaction: a refused send must still count (inside the
	// transaction the counters rolled back with the refusal, so a flood was never seen).
	await consumeAll([
		{ key: `code:min:${index}`, points: 1, windowSeconds: 60 },
		{ key: `code:day:${index}`, points: 10, windowSeconds: 24 * 3600 },
		{ key: `code:ip:${blindIndex("ip", input.ip)}`, points: 30, windowSeconds: 3600 },
	]);
	const messageId = await db().transaction(async (tx) => {
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
	await dispatchMessages([messageId]);
}

/**
 * Runs `work` in one transaction once the code is proven: the newest unexpired, unused code for
 * the target and purpose, at most five tries. Used, expired and wrong codes are all refused with
 * the same 401. The try is counted and the code used up by one conditional UPDATE on the
 * transaction's own connection, so a burst of guesses is counted exactly (each waits for the row)
 * and no request holds a second pool connection. A refusal commits the count before it is thrown.
 */
export async function withVerifiedCode<T>(
	input: { purpose: CodePurpose; target: CodeTarget; code: string },
	work: (tx: Transaction) => Promise<T>,
): Promise<T> {
	const outcome = await db().transaction(async (tx): Promise<{ refused: AppError } | { value: T }> => {
		const refused = await useCode(input, tx);
		return refused ? { refused } : { value: await work(tx) };
	});
	if ("refused" in outcome) throw outcome.refused;
	return outcome.value;
}

/** Counts one try and, when the code matches and tries remain, uses it up; the refusal, if any. */
async function useCode(
	input: { purpose: CodePurpose; target: CodeTarget; code: string },
	tx: Transaction,
): Promise<AppError | null> {
	const index = targetIndex(input.target);
	const hash = /^\d{6}$/.test(input.code) ? hashCode(input.code) : "";
	// The outer conditions are checked again on the row a concurrent try just committed, so two
	// requests racing with the right code cannot both use it.
	const result = await tx.execute<{ attempts: number; used: boolean }>(sql`
		update verification_codes
		set attempts = attempts + 1,
			consumed_at = case when code_hash = ${hash} and attempts < ${maxCodeAttempts} then now() end
		where consumed_at is null and expires_at > now() and id = (
			select id from verification_codes
			where target_index = ${index} and purpose = ${input.purpose} and consumed_at is null and expires_at > now()
			order by created_at desc limit 1)
		returning attempts, consumed_at is not null as used`);
	const row = result.rows[0];
	if (row?.used) return null;
	if (row && row.attempts > maxCodeAttempts) return new AppError(401, "unauthorized", "accounts.errors.codeTooManyTries");
	return new AppError(401, "unauthorized", "accounts.errors.codeInvalid");
}
