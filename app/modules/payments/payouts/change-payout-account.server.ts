import { and, eq, inArray, isNull } from "drizzle-orm";
import { blindIndex } from "~/lib/crypto.server";
import { db, type Transaction } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { requireFreshProof } from "~/modules/accounts/fresh-proof.server";
import { payoutAccounts, withdrawals } from "../../../../db/schema";
import {
	checkedAccount,
	insertPayoutAccount,
	numberOf,
	ownPayoutAccount,
	type PayoutAccountView,
	payoutAccountView,
	requirePayoutCoach,
} from "./payout-accounts.server";
import { tellCoach } from "./payout-news.server";
import { lockCoachPayouts } from "./request-withdrawal.server";
import type { AddPayoutAccountInput } from "./schema";

/** Withdrawals still on their way to an account: it must stay until they are paid or given back. */
const inFlight = ["pending_approval", "processing", "in_bank_batch"] as const;

async function hasWithdrawalInFlight(tx: Transaction | ReturnType<typeof db>, accountId: string): Promise<boolean> {
	const [row] = await tx
		.select({ id: withdrawals.id })
		.from(withdrawals)
		.where(and(eq(withdrawals.payoutAccountId, accountId), inArray(withdrawals.status, [...inFlight])))
		.limit(1);
	return Boolean(row);
}

const accountInFlight = () => new AppError(409, "payout_in_flight", "payouts.errors.accountInFlight");

async function changingCoach(userId: string) {
	const coach = await requirePayoutCoach(userId);
	if (coach.suspended) throw new AppError(403, "forbidden", "payouts.errors.coachSuspended");
	return coach;
}

/**
 * Replaces one of the coach's payout accounts with other details, under the rules of adding one (a
 * fresh SMS code, the holder the verified real name, WeChat only the bound one), and tells them by
 * SMS. The old row is kept, marked removed, so past and in-flight withdrawals still name the account
 * they went to; the changed account is a new one (a new id).
 */
export async function changePayoutAccount(input: {
	userId: string;
	accountId: string;
	account: AddPayoutAccountInput;
}): Promise<PayoutAccountView> {
	const coach = await changingCoach(input.userId);
	if (!coach.verifiedRealName) throw new AppError(409, "conflict", "payouts.errors.identityNotVerified");
	const current = await ownPayoutAccount(db(), coach.coachId, input.accountId);
	const account = await checkedAccount(input.userId, input.account, coach.verifiedRealName);
	if (blindIndex(`payout:${account.kind}`, numberOf(account)) === current.accountIndex && account.kind === current.kind) {
		throw new AppError(409, "conflict", "payouts.errors.accountUnchanged");
	}
	await requireFreshProof(input.userId, { smsCode: input.account.smsCode });
	return db().transaction(async (tx) => {
		// The same lock a withdrawal request takes: no request picks the old account while it goes.
		await lockCoachPayouts(tx, coach.coachId);
		const old = await ownPayoutAccount(tx, coach.coachId, input.accountId);
		await tx.update(payoutAccounts).set({ removedAt: new Date() }).where(eq(payoutAccounts.id, old.id));
		const row = await insertPayoutAccount(tx, coach.coachId, account);
		if (!row) throw new AppError(409, "conflict", "payouts.errors.accountExists");
		await tellCoach(tx, {
			userId: coach.userId,
			news: "accountReplaced",
			params: { old: old.masked, masked: row.masked },
			link: "/coach/payout-accounts",
		});
		return payoutAccountView(row);
	});
}

/**
 * Removes one of the coach's payout accounts after a fresh SMS code, and tells them by SMS. Refused
 * (409 payout_in_flight, nothing changed, the code not spent) while a withdrawal to it is still on
 * its way: the money must have an account to land in, or to be given back from.
 */
export async function removePayoutAccount(input: { userId: string; accountId: string; smsCode: string }): Promise<void> {
	const coach = await changingCoach(input.userId);
	const account = await ownPayoutAccount(db(), coach.coachId, input.accountId);
	if (await hasWithdrawalInFlight(db(), account.id)) throw accountInFlight();
	await requireFreshProof(input.userId, { smsCode: input.smsCode });
	await db().transaction(async (tx) => {
		await lockCoachPayouts(tx, coach.coachId);
		const current = await ownPayoutAccount(tx, coach.coachId, input.accountId);
		// Asked again under the lock: a withdrawal requested meanwhile keeps the account.
		if (await hasWithdrawalInFlight(tx, current.id)) throw accountInFlight();
		await tx
			.update(payoutAccounts)
			.set({ removedAt: new Date() })
			.where(and(eq(payoutAccounts.id, current.id), isNull(payoutAccounts.removedAt)));
		await tellCoach(tx, {
			userId: coach.userId,
			news: "accountRemoved",
			params: { masked: current.masked },
			link: "/coach/payout-accounts",
		});
	});
}
