import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import type { Caller } from "~/modules/booking/booking-record.server";
import { paymentProviderEvents, payments, refunds } from "../../../db/schema";

export interface PaymentView {
	id: string;
	bookingId: string;
	kind: "deposit" | "full" | "balance" | "tip";
	method: "alipay" | "wechatpay" | "stripe" | "sandbox";
	channel: string;
	outTradeNo: string;
	amountFen: number;
	status: "pending" | "succeeded" | "failed" | "closed";
	refundedFen: number;
	expiresAt: string;
	succeededAt: string | null;
	createdAt: string;
	refunds: Array<{
		id: string;
		amountFen: number;
		status: "pending" | "succeeded" | "failed";
		createdAt: string;
		settledAt: string | null;
	}>;
	history: Array<{ kind: string; outcome: string; at: string }>;
}

/** One payment with its refunds and what providers said of it, for its payer only (404 for anyone else). */
export async function getPayment(input: { caller: Caller; paymentId: string }): Promise<PaymentView> {
	if (!/^[0-9a-f-]{36}$/i.test(input.paymentId)) throw notFound("payments.errors.notFound");
	const database = db();
	const [payment] = await database.select().from(payments).where(eq(payments.id, input.paymentId)).limit(1);
	if (!payment || payment.payerId !== input.caller.userId) throw notFound("payments.errors.notFound");
	const [refundRows, events] = await Promise.all([
		database.select().from(refunds).where(eq(refunds.paymentId, payment.id)).orderBy(asc(refunds.createdAt)),
		database
			.select({ kind: paymentProviderEvents.kind, outcome: paymentProviderEvents.outcome, at: paymentProviderEvents.receivedAt })
			.from(paymentProviderEvents)
			.where(eq(paymentProviderEvents.paymentId, payment.id))
			.orderBy(asc(paymentProviderEvents.receivedAt)),
	]);
	return {
		id: payment.id,
		bookingId: payment.bookingId,
		kind: payment.purpose,
		method: payment.method,
		channel: payment.channel,
		outTradeNo: payment.outTradeNo,
		amountFen: payment.amountFen,
		status: payment.status,
		refundedFen: payment.refundedFen,
		expiresAt: payment.expiresAt.toISOString(),
		succeededAt: payment.succeededAt?.toISOString() ?? null,
		createdAt: payment.createdAt.toISOString(),
		refunds: refundRows.map((refund) => ({
			id: refund.id,
			amountFen: refund.amountFen,
			status: refund.status,
			createdAt: refund.createdAt.toISOString(),
			settledAt: refund.settledAt?.toISOString() ?? null,
		})),
		history: events.map((event) => ({ kind: event.kind, outcome: event.outcome, at: event.at.toISOString() })),
	};
}

export interface BookingPaymentLine {
	id: string;
	kind: PaymentView["kind"];
	method: PaymentView["method"];
	amountFen: number;
	status: PaymentView["status"];
	refundedFen: number;
	refundPending: boolean;
	at: string;
}

/**
 * The payments of one of the payer's bookings, newest first, for the booking page's record of
 * payments and refunds. Only the payer's own: the caller must already have been checked as the
 * booking's player, and the payer id is matched again here.
 */
export async function paymentsOfBooking(input: { caller: Caller; bookingId: string }): Promise<BookingPaymentLine[]> {
	const database = db();
	const rows = await database
		.select()
		.from(payments)
		.where(and(eq(payments.bookingId, input.bookingId), eq(payments.payerId, input.caller.userId)))
		.orderBy(desc(payments.createdAt));
	const pendingRefunds = rows.length
		? await database
				.select({ paymentId: refunds.paymentId })
				.from(refunds)
				.where(
					and(
						inArray(
							refunds.paymentId,
							rows.map((row) => row.id),
						),
						eq(refunds.status, "pending"),
					),
				)
		: [];
	const refunding = new Set(pendingRefunds.map((row) => row.paymentId));
	return (
		rows
			// An abandoned attempt (opened, never paid) is noise on the booking page; its own page still shows it.
			.filter((row) => row.status !== "closed")
			.map((row) => ({
				id: row.id,
				kind: row.purpose,
				method: row.method,
				amountFen: row.amountFen,
				status: row.status,
				refundedFen: row.refundedFen,
				refundPending: refunding.has(row.id),
				at: (row.succeededAt ?? row.createdAt).toISOString(),
			}))
	);
}
