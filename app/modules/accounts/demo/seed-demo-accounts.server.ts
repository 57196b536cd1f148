import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { eq } from "drizzle-orm";
import { isProduction } from "~/lib/config.server";
import { encrypt } from "~/lib/crypto.server";
import type { DbOrTx } from "~/lib/db.server";
import { sealedIn } from "~/lib/encrypted-columns.server";
import { needsConsent, recordConsent, termsVersion } from "~/modules/accounts/consent.server";
import { hashPassword } from "~/modules/accounts/password.server";
import type { GrantableRole } from "~/modules/accounts/permissions";
import { addRoleGrant, createUser, findUserByPhone } from "~/modules/accounts/users.server";
import { users } from "../../../../db/schema";

/** The demo accounts listed in the README; outside checks sign in with them. */
export const demoPassword = "Demo@2026";
/**
 * The TOTP keys (base32) of the demo staff, printed in the README: the back office needs a second
 * factor, and a fresh development start must still reach it. Development and tests only.
 */
export const demoTotpSecrets = {
	support: "CUEPALSUPPORTDEMOTOTPSECRETKEY22",
	admin: "CUEPALADMINDEMOTOTPSECRETKEY2222",
} as const;

export const demoAccounts: Array<{
	phone: string;
	displayName: string;
	email: string;
	roles: GrantableRole[];
	totpSecret?: string;
}> = [
	{ phone: "+8613800000001", displayName: "王小明", email: "player@demo.cuepal.cn", roles: [] },
	{ phone: "+8613800000002", displayName: "李教练", email: "coach@demo.cuepal.cn", roles: ["coach"] },
	{ phone: "+8613800000003", displayName: "张老板", email: "owner@demo.cuepal.cn", roles: ["venue_owner"] },
	{
		phone: "+8613800000004",
		displayName: "客服小周",
		email: "support@demo.cuepal.cn",
		roles: ["support"],
		totpSecret: demoTotpSecrets.support,
	},
	{
		phone: "+8613800000005",
		displayName: "管理员",
		email: "admin@demo.cuepal.cn",
		roles: ["admin"],
		totpSecret: demoTotpSecrets.admin,
	},
];

export async function seedDemoAccounts(tx: DbOrTx): Promise<number> {
	let added = 0;
	let passwordHash: string | undefined;
	for (const account of demoAccounts) {
		const existing = await findUserByPhone(account.phone, tx);
		if (existing) {
			if (account.totpSecret && !existing.totpEnabledAt) await setDemoTotpSecret(existing.id, account.totpSecret, tx);
			// Demo accounts from before a new version of the terms have agreed to it, so the demo opens straight away.
			if (needsConsent(existing)) await recordConsent({ userId: existing.id, version: termsVersion }, tx);
			continue;
		}
		passwordHash ??= await hashPassword(demoPassword);
		const user = await createUser(
			{ displayName: account.displayName, phone: account.phone, email: account.email, emailVerified: true, passwordHash },
			tx,
		);
		for (const role of account.roles) await addRoleGrant({ userId: user.id, role }, tx);
		if (account.totpSecret) await setDemoTotpSecret(user.id, account.totpSecret, tx);
		added += 1;
	}
	return added;
}

/**
 * Turns TOTP on with a published key. Only for the demo staff: a key in the README protects
 * nothing, so this refuses to run in production. An account whose TOTP is already on keeps its key.
 */
export async function setDemoTotpSecret(userId: string, base32Secret: string, tx: DbOrTx): Promise<void> {
	if (isProduction()) throw new Error("demo TOTP keys are never set in production");
	const key = Buffer.from(decodeBase32IgnorePadding(base32Secret)).toString("base64");
	await tx
		.update(users)
		.set({ totpSecretEnc: encrypt(key, sealedIn(users.totpSecretEnc, userId)), totpEnabledAt: new Date() })
		.where(eq(users.id, userId));
}
