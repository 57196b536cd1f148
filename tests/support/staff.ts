import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { demoAccounts, demoPassword } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { completeSecondFactor, createSession } from "~/modules/accounts/sessions.server";
import { findUserByPhone } from "~/modules/accounts/users.server";
import { postJson } from "./accounts";

/**
 * Staff reach the back office only after their second factor. These helpers get them there as a
 * person would (password, then the code of their authenticator app), with the demo TOTP keys.
 */

const period = 30;
const usedCodes = new Map<string, Set<string>>();

/**
 * A code of a TOTP key that this test process has not used yet. The server takes each code once
 * and accepts the current 30-second step and its neighbours, so up to three sign-ins of one account
 * fit in a step; the current and next steps come first, as they stay valid the longest.
 */
export function freshTotpCode(base32Secret: string): string {
	const key = decodeBase32IgnorePadding(base32Secret);
	const step = Math.floor(Date.now() / 1000 / period);
	const used = usedCodes.get(base32Secret) ?? new Set<string>();
	usedCodes.set(base32Secret, used);
	for (const counter of [step, step + 1, step - 1]) {
		const code = generateHOTP(key, BigInt(counter), 6);
		if (!used.has(code)) {
			used.add(code);
			return code;
		}
	}
	throw new Error("all three codes of this 30-second step are used: sign staff in through staffSessionToken instead");
}

/** The demo staff account an identifier (phone in any spelling, or email) names, with its TOTP key. */
export function demoStaff(identifier: string) {
	const digits = identifier.replace(/\D/g, "").slice(-11);
	const account = demoAccounts.find(
		(entry) => entry.email === identifier || (digits.length === 11 && entry.phone.endsWith(digits)),
	);
	if (!account?.totpSecret) throw new Error(`${identifier} is not a demo staff account`);
	return { ...account, totpSecret: account.totpSecret };
}

/** Signs a demo staff member in over the API: password, then the TOTP code. */
export async function signInStaff(
	appUrl: string,
	identifier: string,
	password = demoPassword,
): Promise<{ token: string; user: { id: string } }> {
	const login = await postJson(`${appUrl}/api/v1/auth/password-login`, { identifier, password });
	if (login.status !== 200) throw new Error(`sign-in of ${identifier} failed: ${login.status} ${JSON.stringify(login.body)}`);
	const verified = await postJson(
		`${appUrl}/api/v1/auth/two-factor`,
		{ code: freshTotpCode(demoStaff(identifier).totpSecret) },
		{ authorization: `Bearer ${login.body.token}` },
	);
	if (verified.status !== 204) throw new Error(`second factor of ${identifier} failed: ${verified.status}`);
	return login.body;
}

/**
 * A back-office session for a demo staff member made through the session services, the state the
 * two-factor sign-in ends in; for tests that need many staff sessions (each TOTP code works once).
 */
export async function staffSessionToken(identifier: string): Promise<string> {
	const user = await findUserByPhone(demoStaff(identifier).phone);
	if (!user) throw new Error(`${identifier} is not seeded`);
	const session = await createSession(user.id, { ip: "127.0.0.1", userAgent: "tests" });
	await completeSecondFactor(session.id);
	return session.token;
}
