import { eq, sql } from "drizzle-orm";
import { blindIndex } from "~/lib/crypto.server";
import { db } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { consumeAll } from "~/lib/rate-limit.server";
import { users } from "../../../db/schema";
import { verifyDecoy, verifyPassword } from "./password.server";
import { normalisePhone } from "./phone";
import type { ClientInfo } from "./sessions.server";
import { finishSignIn, type SignInResult } from "./sign-in.server";
import { findUserByEmail, findUserByPhone } from "./users.server";

const freeFailures = 5;

/** After five failures an account waits 30 s, then 60 s, 120 s… up to an hour, between tries. */
export function lockoutSeconds(failures: number): number {
	return failures < freeFailures ? 0 : Math.min(3600, 30 * 2 ** (failures - freeFailures));
}

/**
 * Phone or email + password. The answer is the same whether or not the account exists (a decoy
 * hash is verified for unknown accounts), and email addresses must be confirmed first.
 */
export async function signInWithPassword(input: {
	identifier: string;
	password: string;
	client: ClientInfo;
}): Promise<SignInResult> {
	const identifier = input.identifier.trim();
	const phone = normalisePhone(identifier);
	const isEmail = identifier.includes("@");
	await consumeAll([
		{ key: `login:id:${blindIndex("login", phone ?? identifier.toLowerCase())}`, points: 20, windowSeconds: 15 * 60 },
		{ key: `login:ip:${blindIndex("ip", input.client.ip)}`, points: 100, windowSeconds: 3600 },
	]);
	const user = phone ? await findUserByPhone(phone) : isEmail ? await findUserByEmail(identifier) : undefined;
	const refused = new AppError(401, "unauthorized", "accounts.errors.credentialsInvalid");
	if (!user?.passwordHash || (isEmail && !user.emailVerifiedAt)) {
		await verifyDecoy(input.password);
		throw refused;
	}
	if (user.lockedUntil && user.lockedUntil > new Date()) {
		const seconds = Math.ceil((user.lockedUntil.getTime() - Date.now()) / 1000);
		throw new AppError(429, "rate_limited", "errors.rateLimited", { params: { seconds }, retryAfterSeconds: seconds });
	}
	if (!(await verifyPassword(user.passwordHash, input.password))) {
		const failures = user.failedLogins + 1;
		const wait = lockoutSeconds(failures);
		await db()
			.update(users)
			.set({
				failedLogins: sql`${users.failedLogins} + 1`,
				lockedUntil: wait > 0 ? new Date(Date.now() + wait * 1000) : null,
			})
			.where(eq(users.id, user.id));
		throw refused;
	}
	return db().transaction((tx) => finishSignIn(user, input.client, tx));
}
