import { randomInt } from "node:crypto";
import { type Challenge, createChallenge, type Payload, verifySolution } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { z } from "zod";
import { blindIndex, sha256Hex } from "~/lib/crypto.server";
import { AppError } from "~/lib/errors";
import { consume, hit, peek } from "~/lib/rate-limit.server";

/**
 * The human check in front of SMS sending (docs/decisions/008-sms-human-check.md): a self-hosted
 * ALTCHA proof of work. The first sends of an address in an hour need none; after that each send
 * needs one solved, unused challenge, which costs a browser or app about half a second of hashing
 * and makes a flood of texts expensive. No third party is involved.
 */
export const freeSmsSendsPerHour = 5;
const freeWindowSeconds = 3600;
export const challengeLifetimeSeconds = 10 * 60;
/** The secret counter is drawn up to this: the solver tries ~half of it on average (SHA-256, one round each). */
const maxCounter = 60_000;

const freeKey = (ip: string) => `sms:human:ip:${blindIndex("ip", ip)}`;
// Derived from the blind-index key, so there is no extra secret to deploy, and no other use of
// that key can produce it.
const signatureSecret = () => blindIndex("altcha-signature", "v1");

/** A new challenge for `GET /api/v1/auth/challenge` and the page's widget. */
export function createSmsChallenge(): Promise<Challenge> {
	return createChallenge({
		algorithm: "SHA-256",
		cost: 1,
		counter: randomInt(1_000, maxCounter),
		deriveKey,
		expiresAt: new Date(Date.now() + challengeLifetimeSeconds * 1000),
		hmacSignatureSecret: signatureSecret(),
	});
}

const payloadSchema = z.object({
	challenge: z.object({
		parameters: z.object({
			algorithm: z.string(),
			nonce: z.string(),
			salt: z.string(),
			cost: z.number(),
			keyLength: z.number(),
			keyPrefix: z.string(),
			expiresAt: z.number().optional(),
			data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
		}),
		signature: z.string().max(256),
	}),
	solution: z.object({ counter: z.number(), derivedKey: z.string().max(256) }),
});

/** The `challenge` field: base64 of the JSON `{ challenge, solution }` (what the ALTCHA widget submits). */
function decodePayload(value: string): Payload | null {
	try {
		const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(value, "base64").toString("utf8")));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

const invalid = () => new AppError(403, "challenge_required", "accounts.errors.humanCheckInvalid");

/**
 * Counts one SMS send for the address (refused ones too); past the free sends of the hour it
 * needs a valid, unused solved challenge, else a 403 `challenge_required`.
 */
export async function requireHumanCheck(input: { ip: string; challenge?: string | null }): Promise<void> {
	const { exceeded } = await hit({ key: freeKey(input.ip), points: freeSmsSendsPerHour, windowSeconds: freeWindowSeconds });
	if (exceeded) await requireSolvedChallenge(input.challenge);
}

/** A valid, unused solved challenge, or a 403 `challenge_required`; the challenge is then used up. */
export async function requireSolvedChallenge(
	challenge: string | null | undefined,
	requiredKey = "accounts.errors.humanCheckRequired",
): Promise<void> {
	if (!challenge) throw new AppError(403, "challenge_required", requiredKey);
	const payload = decodePayload(challenge);
	if (!payload) throw invalid();
	const result = await verifySolution({
		challenge: payload.challenge,
		solution: payload.solution,
		deriveKey,
		hmacSignatureSecret: signatureSecret(),
	}).catch(() => null);
	if (!result?.verified) throw invalid();
	// One send per solution: the signature is remembered until the challenge has expired anyway.
	try {
		await consume({
			key: `sms:human:used:${sha256Hex(payload.challenge.signature ?? "")}`,
			points: 1,
			windowSeconds: challengeLifetimeSeconds,
		});
	} catch {
		throw invalid();
	}
}

/** Whether the next send from this address needs a solved challenge (read only; for the forms). */
export async function humanCheckNeeded(ip: string): Promise<boolean> {
	return (await peek(freeKey(ip))).points >= freeSmsSendsPerHour;
}
