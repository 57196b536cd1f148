import { desc, eq, inArray } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { payments, payoutAccounts, refunds } from "../../../db/schema";

/**
 * The payments module's part of a user's data export: what they paid and what came back, and —
 * for a coach — their payout accounts, masked as the screens show them (never the full number).
 */
export async function exportPaymentsPart(input: { userId: string; coachId: string | null }) {
	const paid = await db()
		.select({
			id: payments.id,
			bookingId: payments.bookingId,
			purpose: payments.purpose,
			method: payments.method,
			amountFen: payments.amountFen,
			currency: payments.currency,
			status: payments.status,
			refundedFen: payments.refundedFen,
			createdAt: payments.createdAt,
			succeededAt: payments.succeededAt,
		})
		.from(payments)
		.where(eq(payments.payerId, input.userId))
		.orderBy(desc(payments.createdAt));
	const refunded =
		paid.length === 0
			? []
			: await db()
					.select({
						paymentId: refunds.paymentId,
						amountFen: refunds.amountFen,
						status: refunds.status,
						createdAt: refunds.createdAt,
						settledAt: refunds.settledAt,
					})
					.from(refunds)
					.where(
						inArray(
							refunds.paymentId,
							paid.map((payment) => payment.id),
						),
					);
	const accounts = input.coachId
		? await db()
				.select({
					kind: payoutAccounts.kind,
					masked: payoutAccounts.masked,
					bankName: payoutAccounts.bankName,
					createdAt: payoutAccounts.createdAt,
					removedAt: payoutAccounts.removedAt,
				})
				.from(payoutAccounts)
				.where(eq(payoutAccounts.coachId, input.coachId))
		: [];
	const iso = (value: Date | null) => value?.toISOString() ?? null;
	return {
		payments: paid.map((payment) => ({
			...payment,
			createdAt: payment.createdAt.toISOString(),
			succeededAt: iso(payment.succeededAt),
			refunds: refunded
				.filter((refund) => refund.paymentId === payment.id)
				.map(({ paymentId: _, ...refund }) => ({
					...refund,
					createdAt: refund.createdAt.toISOString(),
					settledAt: iso(refund.settledAt),
				})),
		})),
		payoutAccounts: accounts.map((account) => ({
			...account,
			createdAt: account.createdAt.toISOString(),
			removedAt: iso(account.removedAt),
		})),
	};
}
