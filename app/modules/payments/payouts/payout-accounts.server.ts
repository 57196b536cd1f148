import { randomUUID } from "node:crypto";
import { and, asc, eq, isNull } from "drizzle-orm";
import { blindIndex, encrypt } from "~/lib/crypto.server";
import { type DbOrTx, db } from "~/lib/db.server";
import { sealedIn } from "~/lib/encrypted-columns.server";
import { AppError, notFound } from "~/lib/errors";
import { requireFreshProof } from "~/modules/accounts/fresh-proof.server";
import { boundWechatOf } from "~/modules/accounts/social/wechat-openid.server";
import { type CoachPayoutIdentity, coachPayoutIdentity } from "~/modules/coaches/payout-identity.server";
import { payoutAccounts } from "../../../../db/schema";
import { maskAlipayLogin, maskCardNumber, sameName } from "./masking";
import { tellCoach } from "./payout-news.server";
import type { AddPayoutAccountInput, PayoutAccountKind } from "./schema";
import { alipayTransfersOffered, wechatTransfersOffered } from "./transfer-channels.server";

/** An account to store, its holder checked against the verified real name. */
export type CheckedPayoutAccount =
	| { kind: "alipay"; alipayLogin: string; holderName: string }
	| { kind: "bank_card"; bankName: string; bankBranch: string; cardNumber: string; holderName: string }
	| { kind: "wechat"; appid: string; openid: string; nickname: string | null; holderName: string };

/** What identifies the account (its blind index is made of it) and what is stored, encrypted, as its number. */
export function numberOf(account: CheckedPayoutAccount): string {
	if (account.kind === "alipay") return account.alipayLogin.toLowerCase();
	if (account.kind === "bank_card") return account.cardNumber;
	return JSON.stringify({ appid: account.appid, openid: account.openid });
}

function maskedOf(account: CheckedPayoutAccount): string {
	if (account.kind === "alipay") return maskAlipayLogin(account.alipayLogin.toLowerCase());
	if (account.kind === "bank_card") return maskCardNumber(account.cardNumber);
	return account.nickname ?? `****${account.openid.slice(-4)}`;
}

/** The WeChat a transfer goes to: the appid and openid stored (encrypted) with a `wechat` account. */
export const wechatPayeeOf = (number: string) => JSON.parse(number) as { appid: string; openid: string };

export interface PayoutAccountView {
	id: string;
	kind: PayoutAccountKind;
	masked: string;
	bankName: string | null;
	bankBranch: string | null;
	verified: boolean;
	/** Whether withdrawals to it can be made now (Alipay needs the transfer certificates configured). */
	usable: boolean;
	createdAt: string;
}

/** The caller's coach record for payouts; 404 before they are a coach. */
export async function requirePayoutCoach(userId: string, tx: DbOrTx = db()): Promise<CoachPayoutIdentity> {
	const coach = await coachPayoutIdentity(userId, tx);
	if (!coach) throw notFound("payouts.errors.notACoach");
	return coach;
}

export const payoutAccountView = (row: typeof payoutAccounts.$inferSelect): PayoutAccountView => ({
	id: row.id,
	kind: row.kind,
	masked: row.masked,
	bankName: row.bankName,
	bankBranch: row.bankBranch,
	verified: true,
	usable: row.kind === "bank_card" || (row.kind === "wechat" ? wechatTransfersOffered() : alipayTransfersOffered()),
	createdAt: row.createdAt.toISOString(),
});

export async function listPayoutAccounts(userId: string): Promise<PayoutAccountView[]> {
	const coach = await requirePayoutCoach(userId);
	const rows = await db()
		.select()
		.from(payoutAccounts)
		.where(and(eq(payoutAccounts.coachId, coach.coachId), isNull(payoutAccounts.removedAt)))
		.orderBy(asc(payoutAccounts.createdAt));
	return rows.map(payoutAccountView);
}

/** One of the coach's own accounts, not removed; anyone else's (or none) is 404, so ids reveal nothing. */
export async function ownPayoutAccount(tx: DbOrTx, coachId: string, accountId: string) {
	const [row] = await tx
		.select()
		.from(payoutAccounts)
		.where(and(eq(payoutAccounts.id, accountId), eq(payoutAccounts.coachId, coachId), isNull(payoutAccounts.removedAt)))
		.limit(1);
	if (!row)
		throw new AppError(404, "not_found", "payouts.errors.accountNotFound", {
			fields: { payoutAccountId: "payouts.errors.accountNotFound" },
		});
	return row;
}

/**
 * Adds a payout account: a fresh SMS code first (a stolen session must not redirect a coach's
 * money), then the holder must be the coach's verified real name, the number is stored encrypted
 * and shown masked, and the coach is told by SMS that their payout accounts changed — so a change
 * they did not make does not go unnoticed. Adding the same account again is refused.
 */
export async function addPayoutAccount(input: { userId: string; account: AddPayoutAccountInput }): Promise<PayoutAccountView> {
	const coach = await requirePayoutCoach(input.userId);
	if (coach.suspended) throw new AppError(403, "forbidden", "payouts.errors.coachSuspended");
	if (!coach.verifiedRealName) throw new AppError(409, "conflict", "payouts.errors.identityNotVerified");
	const account = await checkedAccount(input.userId, input.account, coach.verifiedRealName);
	const masked = maskedOf(account);
	const accountIndex = blindIndex(`payout:${account.kind}`, numberOf(account));
	// Refused before the code is checked, so the code is not spent on an account that is there already.
	const [existing] = await db()
		.select({ id: payoutAccounts.id })
		.from(payoutAccounts)
		.where(
			and(
				eq(payoutAccounts.coachId, coach.coachId),
				eq(payoutAccounts.accountIndex, accountIndex),
				isNull(payoutAccounts.removedAt),
			),
		)
		.limit(1);
	if (existing) throw new AppError(409, "conflict", "payouts.errors.accountExists");
	await requireFreshProof(input.userId, { smsCode: input.account.smsCode });
	return db().transaction(async (tx) => {
		const row = await insertPayoutAccount(tx, coach.coachId, account);
		if (!row) throw new AppError(409, "conflict", "payouts.errors.accountExists");
		await tellCoach(tx, { userId: coach.userId, news: "accountChanged", params: { masked }, link: "/coach/payout-accounts" });
		return payoutAccountView(row);
	});
}

/**
 * The account as it will be stored, its holder the coach's verified real name. A WeChat account is
 * the WeChat bound to the coach's sign-in (its openid under the AppID it signed in with), so money
 * goes to the coach's own WeChat and no one can type in someone else's; with no WeChat bound, or a
 * binding from before openids were kept, the coach is told what to do first.
 */
export async function checkedAccount(
	userId: string,
	account: AddPayoutAccountInput,
	verifiedRealName: string,
): Promise<CheckedPayoutAccount> {
	if (account.kind === "wechat") {
		if (!wechatTransfersOffered()) throw new AppError(409, "conflict", "payouts.errors.wechatUnavailable");
		const bound = await boundWechatOf(userId);
		if (!bound) throw new AppError(409, "wechat_not_bound", "payouts.errors.wechatNotBound");
		if (!bound.openid) throw new AppError(409, "wechat_not_bound", "payouts.errors.wechatSignInAgain");
		return { kind: "wechat", ...bound.openid, nickname: bound.nickname, holderName: verifiedRealName };
	}
	if (!sameName(account.holderName, verifiedRealName)) {
		throw new AppError(400, "validation_failed", "payouts.errors.nameMismatch", {
			fields: { holderName: "payouts.errors.nameMismatch" },
		});
	}
	return account;
}

/**
 * Writes a checked account (the holder is the coach's verified real name): encrypted, masked,
 * indexed. Undefined when the coach has it already (the unique index decides under races).
 */
export async function insertPayoutAccount(
	tx: DbOrTx,
	coachId: string,
	account: CheckedPayoutAccount,
): Promise<typeof payoutAccounts.$inferSelect | undefined> {
	const number = numberOf(account);
	const id = randomUUID();
	const [row] = await tx
		.insert(payoutAccounts)
		.values({
			id,
			coachId,
			kind: account.kind,
			accountNoEnc: encrypt(number, sealedIn(payoutAccounts.accountNoEnc, id)),
			holderNameEnc: encrypt(account.holderName, sealedIn(payoutAccounts.holderNameEnc, id)),
			accountIndex: blindIndex(`payout:${account.kind}`, number),
			masked: maskedOf(account),
			bankName: account.kind === "bank_card" ? account.bankName : null,
			bankBranch: account.kind === "bank_card" ? account.bankBranch : null,
			verifiedAt: new Date(),
		})
		.onConflictDoNothing()
		.returning();
	return row;
}
