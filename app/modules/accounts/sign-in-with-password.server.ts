import { blindIndex } from "~/lib/crypto.server";
import { db } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { consume, hit, peek, resetLimits } from "~/lib/rate-limit.server";
import { requireSolvedChallenge } from "./human-check.server";
import { verifyDecoy, verifyPassword } from "./password.server";
import { normalisePhone } from "./phone";
import type { ClientInfo } from "./sessions.server";
import { finishSignIn, type SignInResult } from "./sign-in.server";
import { findUserByEmail, findUserByPhone } from "./users.server";

const freeFailures = 5;
/** Tries on one identifier from all addresses together before each further try needs a human check. */
const triesPerIdentifierBeforeCheck = 20;

/** After five failures a client waits 30 s, then 60 s, 120 s… up to an hour, between tries. */
export function lockoutSeconds(failures: number): number {
	return failures < freeFailures ? 0 : Math.min(3600, 30 * 2 ** (failures - freeFailures));
}

const tooSoon = (seconds: number) =>
	new AppError(429, "rate_limited", "errors.rateLimited", { params: { seconds }, retryAfterSeconds: seconds });

/**
 * Phone or email + password. Nothing in the answer tells whether the account exists: an unknown
 * account is refused like a wrong password (a decoy hash is verified, for the same timing), and
 * the lockout is kept the same way for both. It locks the pair of identifier and client address,
 * not the account: a stranger guessing from elsewhere cannot lock the owner out. Guesses spread
 * over many addresses meet a human check (the SMS one) once the identifier has had 20 tries in
 * 15 minutes. Email addresses must be confirmed first.
 */
export async function signInWithPassword(input: {
	identifier: string;
	password: string;
	client: ClientInfo;
	challenge?: string | null;
}): Promise<SignInResult> {
	const identifier = input.identifier.trim();
	const phone = normalisePhone(identifier);
	const isEmail = identifier.includes("@");
	const identifierIndex = blindIndex("login", phone ?? identifier.toLowerCase());
	const pair = `${identifierIndex}:${blindIndex("ip", input.client.ip)}`;
	const failuresKey = `login:fail:${pair}`;
	const lockKey = `login:lock:${pair}`;

	await consume({ key: `login:ip:${blindIndex("ip", input.client.ip)}`, points: 100, windowSeconds: 3600 });
	const lock = await peek(lockKey);
	if (lock.points > 0) throw tooSoon(lock.retryAfterSeconds);
	const tries = await hit({ key: `login:id:${identifierIndex}`, points: triesPerIdentifierBeforeCheck, windowSeconds: 15 * 60 });
	if (tries.exceeded) await requireSolvedChallenge(input.challenge, "accounts.errors.humanCheckRequiredSignIn");

	const user = phone ? await findUserByPhone(phone) : isEmail ? await findUserByEmail(identifier) : undefined;
	const canUsePassword = Boolean(user?.passwordHash) && !(isEmail && !user?.emailVerifiedAt);
	const passwordRight =
		user?.passwordHash && canUsePassword
			? await verifyPassword(user.passwordHash, input.password)
			: await verifyDecoy(input.password);
	if (!user || !passwordRight) {
		const { points: failures } = await hit({ key: failuresKey, points: Number.MAX_SAFE_INTEGER, windowSeconds: 3600 });
		const wait = lockoutSeconds(failures);
		// The lock's window is its wait: it starts afresh, as the pair is never locked at this point.
		if (wait > 0) await hit({ key: lockKey, points: 1, windowSeconds: wait });
		throw new AppError(401, "unauthorized", "accounts.errors.credentialsInvalid");
	}
	await resetLimits([failuresKey, lockKey]);
	return db().transaction((tx) => finishSignIn(user, input.client, tx));
}
