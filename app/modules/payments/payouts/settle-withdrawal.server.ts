import { eq } from "drizzle-orm";
import type { Transaction } from "~/lib/db.server";
import { fenToYuan } from "~/lib/money";
import { coachIdentity } from "~/modules/coaches/booking-terms.server";
import { withdrawals } from "../../../../db/schema";
import { entries } from "../ledger/accounts";
import { postJournal } from "../ledger/post-journal.server";
import { tellCoach } from "./payout-news.server";
import type { WithdrawalRow } from "./withdrawal-record.server";

/** Known reasons a provider gives for refusing a transfer, each with words for the coach; others read "other". */
const knownFailures = new Set([
	"PAYEE_NOT_EXIST",
	"PAYEE_USER_INFO_ERROR",
	"PAYEE_ACCOUNT_STATUS_ERROR",
	"PAYEE_CARD_INFO_ERROR",
	"EXCEED_LIMIT_PERSONAL_SM_AMOUNT",
	"COACH_SUSPENDED",
	// WeChat Pay transfer bills
	"CANCELLED",
	"NAME_NOT_CORRECT",
	"REAL_NAME_CHECK_FAIL",
	"OPENID_INVALID",
	"ACCOUNT_FROZEN",
	"ACCOUNT_NOT_EXIST",
	"DAY_RECEIVED_QUOTA_EXCEED",
	"OVERDUE_CLOSE",
	"TRANSFER_RISK",
]);
export const failureReasonKey = (reason: string | null) =>
	`payouts.failures.${reason && knownFailures.has(reason) ? reason : "other"}`;

async function coachUserId(tx: Transaction, coachId: string) {
	return (await coachIdentity(coachId, tx))?.userId ?? null;
}

/**
 * The money reached the coach: payouts in transit → the provider's clearing account (the channel
 * the money left by), and the coach hears of it. In the caller's transaction, the row locked.
 */
export async function markWithdrawalPaid(tx: Transaction, row: WithdrawalRow, providerOrderId: string | null): Promise<void> {
	const now = new Date();
	await tx
		.update(withdrawals)
		.set({ status: "paid", providerOrderId, paidAt: now, lastError: null, confirmPackage: null, updatedAt: now })
		.where(eq(withdrawals.id, row.id));
	await postJournal(tx, {
		idempotencyKey: `withdrawal-paid:${row.id}`,
		kind: "withdrawal_paid",
		memo: `withdrawal ${row.id}`,
		lines: entries(row.amountFen, {
			debit: { account: "payouts_in_transit", ref: row.coachId },
			credit: { account: "provider_clearing", ref: row.channel },
		}),
	});
	const userId = await coachUserId(tx, row.coachId);
	if (userId) {
		await tellCoach(tx, {
			userId,
			news: "withdrawalPaid",
			params: { amount: fenToYuan(row.amountFen) },
			link: "/coach/withdrawals",
		});
	}
}

/**
 * The money did not go (the provider refused, the bank returned it, or staff rejected the
 * request): the reservation is reversed (payouts in transit → coach payable), so it is available
 * again, and the coach is told why. `reason` is the provider's code or staff's words.
 */
export async function reverseWithdrawal(
	tx: Transaction,
	row: WithdrawalRow,
	outcome: { status: "failed" | "rejected"; reason: string; decidedBy?: string },
): Promise<void> {
	const now = new Date();
	await tx
		.update(withdrawals)
		.set({
			status: outcome.status,
			failureReason: outcome.reason,
			confirmPackage: null,
			updatedAt: now,
			...(outcome.decidedBy ? { decidedBy: outcome.decidedBy, decidedAt: now } : {}),
		})
		.where(eq(withdrawals.id, row.id));
	await postJournal(tx, {
		idempotencyKey: `withdrawal-reversed:${row.id}`,
		kind: "withdrawal_reversed",
		memo: `withdrawal ${row.id}: ${outcome.status}`,
		lines: entries(row.amountFen, {
			debit: { account: "payouts_in_transit", ref: row.coachId },
			credit: { account: "coach_payable", ref: row.coachId },
		}),
	});
	const userId = await coachUserId(tx, row.coachId);
	if (!userId) return;
	const amount = fenToYuan(row.amountFen);
	if (outcome.status === "rejected") {
		await tellCoach(tx, {
			userId,
			news: "withdrawalRejected",
			params: { amount, reason: outcome.reason },
			link: "/coach/withdrawals",
		});
		return;
	}
	await tellCoach(tx, {
		userId,
		news: "withdrawalFailed",
		params: { amount },
		reasonKey: failureReasonKey(outcome.reason),
		link: "/coach/withdrawals",
	});
}

/**
 * WeChat holds the transfer bill until the payee confirms receipt in WeChat (and cancels it if they
 * never do): the coach is asked to, with the page that opens WeChat's confirm sheet.
 */
export async function tellCoachToConfirm(tx: Transaction, row: WithdrawalRow): Promise<void> {
	const userId = await coachUserId(tx, row.coachId);
	if (!userId) return;
	await tellCoach(tx, {
		userId,
		news: "withdrawalAwaitsConfirm",
		params: { amount: fenToYuan(row.amountFen) },
		link: `/coach/withdrawals/${row.id}/confirm`,
	});
}
