import type { Transaction } from "~/lib/db.server";
import { findUserByPhone } from "~/modules/accounts/users.server";
import { coachPayoutIdentity } from "~/modules/coaches/payout-identity.server";
import { insertPayoutAccount } from "../payouts/payout-accounts.server";

/**
 * The demo coach (13800000002) has a verified Alipay payout account (the same phone as login, in
 * the coach's verified real name), so a fresh start can withdraw the demo income end to end.
 * Idempotent: the account's unique index makes a second start add nothing. Without the SMS step
 * and its notice: nobody asked for this change, the demo did.
 */
export async function seedDemoPayoutAccount(tx: Transaction): Promise<number> {
	const user = await findUserByPhone("+8613800000002", tx);
	if (!user) return 0;
	const coach = await coachPayoutIdentity(user.id, tx);
	if (!coach?.verifiedRealName) return 0;
	const row = await insertPayoutAccount(tx, coach.coachId, {
		kind: "alipay",
		alipayLogin: "13800000002",
		holderName: coach.verifiedRealName,
	});
	return row ? 1 : 0;
}
