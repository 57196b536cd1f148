import { and, asc, desc, eq, like } from "drizzle-orm";
import { db, type Transaction } from "~/lib/db.server";
import { AppError, notFound } from "~/lib/errors";
import { fenToYuan } from "~/lib/money";
import { recordAudit } from "~/modules/accounts/admin/audit-log.server";
import { payments, refunds } from "../../../../db/schema";
import { accountBalance } from "../ledger/post-journal.server";
import { RefundRefused, requestRefund } from "../refunds/request-refund.server";

const tooMuch = (leftFen: number) =>
	new AppError(400, "validation_failed", "payments.admin.errors.amountTooHigh", {
		fields: { amount: "payments.admin.errors.amountTooHigh" },
		params: { left: fenToYuan(leftFen) },
	});

/**
 * Locks the booking's payments (in the order the cancellation's settlement locks them, so the two
 * never deadlock) and returns the one asked for with what staff may still give back of it: what is
 * left of the payment, and never more than the booking's escrow still holds — money already paid
 * out to the coach cannot be refunded from the escrow without overdrawing it.
 */
async function lockRefundable(tx: Transaction, paymentId: string) {
	const [target] = await tx.select().from(payments).where(eq(payments.id, paymentId)).limit(1);
	if (!target) throw notFound("payments.errors.notFound");
	const locked = await tx
		.select()
		.from(payments)
		.where(eq(payments.bookingId, target.bookingId))
		.orderBy(desc(payments.succeededAt))
		.for("update");
	const payment = locked.find((row) => row.id === paymentId) ?? target;
	if (payment.status !== "succeeded") throw new AppError(409, "conflict", "payments.admin.errors.notRefundable");
	const held = -(await accountBalance(tx, "booking_escrow", payment.bookingId));
	return { payment, leftFen: Math.max(0, Math.min(payment.amountFen - payment.refundedFen, held)) };
}

/**
 * Staff give money back with a reason: a refund through the one refund path (reason "admin"), and
 * the audit entry, in one transaction — so the refund exists exactly when its audit row does. More
 * than what is left is refused with the amount that is left, and nothing changes.
 */
export async function refundAsStaff(input: {
	staffId: string;
	paymentId: string;
	amountFen: number;
	reason: string;
}): Promise<{ refundId: string }> {
	return db().transaction(async (tx) => {
		const { payment, leftFen } = await lockRefundable(tx, input.paymentId);
		if (input.amountFen > leftFen) throw tooMuch(leftFen);
		const { refundId } = await promise(tx, {
			paymentId: payment.id,
			amountFen: input.amountFen,
			staffId: input.staffId,
			note: input.reason,
			leftFen,
		});
		await recordAudit(tx, {
			actorId: input.staffId,
			action: "payment.refunded",
			targetType: "payment",
			targetId: payment.id,
			reason: input.reason,
			detail: { refundId, amountFen: input.amountFen, bookingId: payment.bookingId, method: payment.method },
		});
		return { refundId };
	});
}

/**
 * A refund the provider refused is asked for again as a new refund of the same amount (a new
 * provider number: the old one is final at the provider). Once per failed refund: the new one
 * names the old one, so a second click finds it and is refused.
 */
export async function retryRefundAsStaff(input: { staffId: string; paymentId: string; refundId: string }) {
	return db().transaction(async (tx) => {
		const { payment, leftFen } = await lockRefundable(tx, input.paymentId);
		const [failed] = await tx
			.select()
			.from(refunds)
			.where(and(eq(refunds.id, input.refundId), eq(refunds.paymentId, payment.id)))
			.limit(1);
		if (!failed) throw notFound("payments.admin.errors.refundNotFound");
		if (failed.status !== "failed") throw new AppError(409, "conflict", "payments.admin.errors.notFailed");
		const marker = `retry of ${failed.outRequestNo}`;
		const [retried] = await tx
			.select({ id: refunds.id })
			.from(refunds)
			.where(and(eq(refunds.paymentId, payment.id), like(refunds.reason, `%${marker}%`)))
			.orderBy(asc(refunds.createdAt))
			.limit(1);
		if (retried) throw new AppError(409, "conflict", "payments.admin.errors.retriedAlready");
		if (failed.amountFen > leftFen) throw tooMuch(leftFen);
		const { refundId } = await promise(tx, {
			paymentId: payment.id,
			amountFen: failed.amountFen,
			staffId: input.staffId,
			note: marker,
			leftFen,
		});
		await recordAudit(tx, {
			actorId: input.staffId,
			action: "payment.refund.retried",
			targetType: "payment",
			targetId: payment.id,
			reason: marker,
			detail: { refundId, failedRefundId: failed.id, amountFen: failed.amountFen, bookingId: payment.bookingId },
		});
		return { refundId };
	});
}

async function promise(
	tx: Transaction,
	input: { paymentId: string; amountFen: number; staffId: string; note: string; leftFen: number },
) {
	try {
		return await requestRefund(tx, {
			paymentId: input.paymentId,
			amountFen: input.amountFen,
			reason: "admin",
			requestedBy: input.staffId,
			note: input.note,
		});
	} catch (error) {
		if (error instanceof RefundRefused) throw tooMuch(input.leftFen);
		throw error;
	}
}
