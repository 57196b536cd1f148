import type { DbOrTx } from "~/lib/db.server";
import { hashPassword } from "~/modules/accounts/password.server";
import type { GrantableRole } from "~/modules/accounts/permissions";
import { addRoleGrant, createUser, findUserByPhone } from "~/modules/accounts/users.server";

/** The demo accounts listed in the README; outside checks sign in with them. */
export const demoPassword = "Demo@2026";
export const demoAccounts: Array<{ phone: string; displayName: string; email: string; roles: GrantableRole[] }> = [
	{ phone: "+8613800000001", displayName: "王小明", email: "player@demo.cuepal.cn", roles: [] },
	{ phone: "+8613800000002", displayName: "李教练", email: "coach@demo.cuepal.cn", roles: ["coach"] },
	{ phone: "+8613800000003", displayName: "张老板", email: "owner@demo.cuepal.cn", roles: ["venue_owner"] },
	{ phone: "+8613800000004", displayName: "客服小周", email: "support@demo.cuepal.cn", roles: ["support"] },
	{ phone: "+8613800000005", displayName: "管理员", email: "admin@demo.cuepal.cn", roles: ["admin"] },
];

export async function seedDemoAccounts(tx: DbOrTx): Promise<number> {
	let added = 0;
	let passwordHash: string | undefined;
	for (const account of demoAccounts) {
		if (await findUserByPhone(account.phone, tx)) continue;
		passwordHash ??= await hashPassword(demoPassword);
		const user = await createUser(
			{ displayName: account.displayName, phone: account.phone, email: account.email, emailVerified: true, passwordHash },
			tx,
		);
		for (const role of account.roles) await addRoleGrant({ userId: user.id, role }, tx);
		added += 1;
	}
	return added;
}
