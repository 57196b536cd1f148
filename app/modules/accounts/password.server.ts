import { type Algorithm, hash, verify } from "@node-rs/argon2";

/**
 * argon2id. Costs chosen so one verification takes 50–150 ms on the 2-core machines here
 * (measured by `npm run bench`: 4 passes took 41 ms, 8 took 57–76 ms, so 10): slow for an
 * attacker, fine for a sign-in. The cost is raised in passes rather than memory, so fifty
 * sign-ins at once still need under 1 GB. Hashes carry their own costs: older ones keep verifying.
 */
export const argon2Options = { algorithm: 2 as Algorithm, memoryCost: 19_456, timeCost: 10, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, argon2Options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** A hash of a random password, verified against when an account does not exist: same timing. */
let decoyHash: Promise<string> | undefined;
export function verifyDecoy(password: string): Promise<boolean> {
	decoyHash ??= hashPassword("decoy-password-that-never-matches");
	return decoyHash.then((value) => verifyPassword(value, `${password}-`)).then(() => false);
}
