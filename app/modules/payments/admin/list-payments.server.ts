import { and, desc, eq, gte, lt, or, type SQL, sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { cursorTime, olderThan, pageSize, toPage } from "~/modules/accounts/admin/cursor.server";
import { payments, users } from "../../../../db/schema";
import type { AdminPaymentFilter } from "./schema";

export interface AdminPaymentRow {
	id: string;
	bookingId: string;
	payerId: string;
	payerName: string;
	kind: "deposit" | "full" | "balance" | "tip";
	method: "alipay" | "wechatpay" | "stripe" | "sandbox";
	channel: string;
	outTradeNo: string;
	amountFen: number;
	refundedFen: number;
	status: "pending" | "succeeded" | "failed" | "closed";
	createdAt: string;
	succeededAt: string | null;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every payment for the back office, filtered, newest first, 20 a page with a keyset cursor over
 * (created_at, id). The search box takes a booking id (all its payments) or a trade number, ours
 * or the provider's, as staff copy them from a complaint or a bill. Days are days in China.
 */
export async function listAdminPayments(
	filter: AdminPaymentFilter,
): Promise<{ payments: AdminPaymentRow[]; nextCursor: string | null }> {
	const q = filter.q;
	const conditions: Array<SQL | undefined> = [
		filter.status ? eq(payments.status, filter.status) : undefined,
		filter.method ? eq(payments.method, filter.method) : undefined,
		filter.kind ? eq(payments.purpose, filter.kind) : undefined,
		filter.from ? gte(payments.createdAt, sql`(${filter.from}::date)::timestamp at time zone 'Asia/Shanghai'`) : undefined,
		filter.to ? lt(payments.createdAt, sql`(${filter.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`) : undefined,
		q
			? uuidPattern.test(q)
				? or(eq(payments.bookingId, q), eq(payments.id, q))
				: or(eq(payments.outTradeNo, q), eq(payments.providerTradeNo, q))
			: undefined,
		olderThan(filter.cursor, payments.createdAt, payments.id),
	];
	const rows = await db()
		.select({ payment: payments, payerName: users.displayName, id: payments.id, cursorTime: cursorTime(payments.createdAt) })
		.from(payments)
		.innerJoin(users, eq(users.id, payments.payerId))
		.where(and(...conditions))
		.orderBy(desc(payments.createdAt), desc(payments.id))
		.limit(pageSize + 1);
	const page = toPage(rows);
	return {
		payments: page.rows.map(({ payment, payerName }) => ({
			id: payment.id,
			bookingId: payment.bookingId,
			payerId: payment.payerId,
			payerName,
			kind: payment.purpose,
			method: payment.method,
			channel: payment.channel,
			outTradeNo: payment.outTradeNo,
			amountFen: payment.amountFen,
			refundedFen: payment.refundedFen,
			status: payment.status,
			createdAt: payment.createdAt.toISOString(),
			succeededAt: payment.succeededAt?.toISOString() ?? null,
		})),
		nextCursor: page.nextCursor,
	};
}
