import { asc, eq, inArray } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import { bookings, ledgerEntries, ledgerJournals, paymentProviderEvents, payments, refunds, users } from "../../../../db/schema";
import type { AdminPaymentRow } from "./list-payments.server";

export interface AdminPaymentHistory {
	payment: AdminPaymentRow & {
		providerTradeNo: string | null;
		expiresAt: string;
		failureReason: string | null;
		/** What staff may still give back: what was collected less every refund promised or paid. */
		refundableFen: number;
	};
	booking: { id: string; status: string; priceFen: number; paidFen: number; startsAt: string };
	events: Array<{ id: string; kind: string; outcome: string; eventId: string; at: string; detail: Record<string, unknown> }>;
	refunds: Array<{
		id: string;
		outRequestNo: string;
		amountFen: number;
		reason: string;
		status: "pending" | "succeeded" | "failed";
		attempts: number;
		lastError: string | null;
		requestedBy: string | null;
		createdAt: string;
		settledAt: string | null;
	}>;
	journals: Array<{
		id: string;
		kind: string;
		memo: string | null;
		createdAt: string;
		entries: Array<{ account: string; ref: string; amountFen: number }>;
	}>;
}

/**
 * One payment's whole story for the back office: the payment and its booking, every message a
 * provider (or the poller, or the sandbox) sent of it with the facts we checked, its refunds with
 * their attempts and last error, and the ledger postings of every journal about it or its refunds.
 */
export async function getAdminPaymentHistory(paymentId: string): Promise<AdminPaymentHistory> {
	const database = db();
	const [found] = await database
		.select({ payment: payments, payerName: users.displayName, booking: bookings })
		.from(payments)
		.innerJoin(users, eq(users.id, payments.payerId))
		.innerJoin(bookings, eq(bookings.id, payments.bookingId))
		.where(eq(payments.id, paymentId))
		.limit(1);
	if (!found) throw notFound("payments.errors.notFound");
	const { payment, booking } = found;
	const [eventRows, refundRows, journalRows] = await Promise.all([
		database
			.select()
			.from(paymentProviderEvents)
			.where(eq(paymentProviderEvents.paymentId, payment.id))
			.orderBy(asc(paymentProviderEvents.receivedAt)),
		database.select().from(refunds).where(eq(refunds.paymentId, payment.id)).orderBy(asc(refunds.createdAt)),
		// A refund's journals carry the payment too (request-refund posts them with paymentId).
		database.select().from(ledgerJournals).where(eq(ledgerJournals.paymentId, payment.id)).orderBy(asc(ledgerJournals.createdAt)),
	]);
	const entryRows = journalRows.length
		? await database
				.select()
				.from(ledgerEntries)
				.where(
					inArray(
						ledgerEntries.journalId,
						journalRows.map((journal) => journal.id),
					),
				)
				.orderBy(asc(ledgerEntries.id))
		: [];
	const pendingOrPaid = refundRows
		.filter((refund) => refund.status !== "failed")
		.reduce((sum, refund) => sum + refund.amountFen, 0);
	return {
		payment: {
			id: payment.id,
			bookingId: payment.bookingId,
			payerId: payment.payerId,
			payerName: found.payerName,
			kind: payment.purpose,
			method: payment.method,
			channel: payment.channel,
			outTradeNo: payment.outTradeNo,
			providerTradeNo: payment.providerTradeNo,
			amountFen: payment.amountFen,
			refundedFen: payment.refundedFen,
			refundableFen: payment.status === "succeeded" ? payment.amountFen - Math.max(payment.refundedFen, pendingOrPaid) : 0,
			status: payment.status,
			failureReason: payment.failureReason,
			expiresAt: payment.expiresAt.toISOString(),
			createdAt: payment.createdAt.toISOString(),
			succeededAt: payment.succeededAt?.toISOString() ?? null,
		},
		booking: {
			id: booking.id,
			status: booking.status,
			priceFen: booking.priceFen,
			paidFen: booking.paidFen,
			startsAt: booking.startsAt.toISOString(),
		},
		events: eventRows.map((event) => ({
			id: event.id,
			kind: event.kind,
			outcome: event.outcome,
			eventId: event.eventId,
			at: event.receivedAt.toISOString(),
			detail: event.detail,
		})),
		refunds: refundRows.map((refund) => ({
			id: refund.id,
			outRequestNo: refund.outRequestNo,
			amountFen: refund.amountFen,
			reason: refund.reason,
			status: refund.status,
			attempts: refund.attempts,
			lastError: refund.lastError,
			requestedBy: refund.requestedBy,
			createdAt: refund.createdAt.toISOString(),
			settledAt: refund.settledAt?.toISOString() ?? null,
		})),
		journals: journalRows.map((journal) => ({
			id: journal.id,
			kind: journal.kind,
			memo: journal.memo,
			createdAt: journal.createdAt.toISOString(),
			entries: entryRows
				.filter((entry) => entry.journalId === journal.id)
				.map((entry) => ({ account: entry.account, ref: entry.accountRef, amountFen: entry.amountFen })),
		})),
	};
}
