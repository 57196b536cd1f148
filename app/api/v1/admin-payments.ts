import { z } from "zod";
import { requireApiPermission } from "~/modules/accounts/guards.server";
import { listAdminPayments } from "~/modules/payments/admin/list-payments.server";
import { getAdminPaymentHistory } from "~/modules/payments/admin/payment-history.server";
import { refundAsStaff, retryRefundAsStaff } from "~/modules/payments/admin/refund-as-staff.server";
import {
	adminPaymentFilterSchema,
	adminRefundSchema,
	paymentIdSchema,
	retryRefundParams,
	trialBalanceQuerySchema,
} from "~/modules/payments/admin/schema";
import { accountRefs, trialBalance } from "~/modules/payments/admin/trial-balance.server";
import { listDifferences, resolveDifference } from "~/modules/payments/reconciliation/differences.server";
import { differenceFilterSchema, differenceIdSchema, resolveDifferenceSchema } from "~/modules/payments/reconciliation/schema";
import { authHeaders } from "../client";
import { defineEndpoint } from "../endpoint";

/** The back office's reconciliation with the providers' daily bills, over JSON (staff with reconcile:payment:any). */
const tag = "admin";

const denied = {
	400: { description: "Invalid input; `error.fields` names each bad field" },
	401: { description: "Not signed in" },
	403: { description: "Signed in without the permission this needs" },
};

const differenceSchema = z.object({
	id: z.string().uuid(),
	provider: z.string(),
	billDate: z.string().describe("The bill's day, yyyy-MM-dd (Beijing)"),
	kind: z
		.enum(["missing_in_bill", "missing_here", "amount_mismatch", "status_mismatch"])
		.describe(
			"missing_in_bill: ours, not on the bill; missing_here: on the bill, not ours; amount_mismatch / status_mismatch: both, differing",
		),
	outTradeNo: z.string(),
	outRequestNo: z.string().nullable().describe("The refund's provider number, for refund lines"),
	paymentId: z.string().uuid().nullable(),
	refundId: z.string().uuid().nullable(),
	ourFen: z.number().int().nullable(),
	billFen: z.number().int().nullable(),
	foundAt: z.string(),
	resolvedAt: z.string().nullable(),
	resolvedBy: z.string().uuid().nullable(),
	note: z.string().nullable(),
});

export const listReconciliationDifferences = defineEndpoint({
	method: "get",
	path: "/admin/payments/differences",
	summary: "Differences between the providers' daily bills and our payments and refunds: the open ones (default) or all",
	tag,
	auth: "bearer",
	query: differenceFilterSchema,
	responses: {
		200: { description: "The differences, newest bill day first", schema: z.object({ differences: z.array(differenceSchema) }) },
		...denied,
	},
	handler: async ({ query, req }) => {
		await requireApiPermission(authHeaders(req), "reconcile:payment:any");
		return { body: { differences: await listDifferences(query) } };
	},
});

export const resolveReconciliationDifference = defineEndpoint({
	method: "post",
	path: "/admin/payments/differences/:differenceId/resolve",
	summary: "Resolve a reconciliation difference with a note of what was found or done; audited",
	tag,
	auth: "bearer",
	params: differenceIdSchema,
	body: resolveDifferenceSchema,
	responses: {
		200: { description: "Resolved", schema: z.object({ difference: differenceSchema }) },
		...denied,
		404: { description: "No such difference" },
		409: { description: "Resolved already" },
	},
	handler: async ({ params, body, req }) => {
		const session = await requireApiPermission(authHeaders(req), "reconcile:payment:any");
		return {
			body: {
				difference: await resolveDifference({ staffId: session.user.id, differenceId: params.differenceId, note: body.note }),
			},
		};
	},
});

const yuanOf = "Amounts are integer fen (CNY); ¥1 is 100";

const paymentRowSchema = z.object({
	id: z.string().uuid(),
	bookingId: z.string().uuid(),
	payerId: z.string().uuid(),
	payerName: z.string(),
	kind: z.enum(["deposit", "full", "balance", "tip"]),
	method: z.enum(["alipay", "wechatpay", "stripe", "sandbox"]),
	channel: z.string(),
	outTradeNo: z.string(),
	amountFen: z.number().int().describe(yuanOf),
	refundedFen: z.number().int().describe("Refunds promised or paid; a failed refund is given back to the payment"),
	status: z.enum(["pending", "succeeded", "failed", "closed"]),
	createdAt: z.string(),
	succeededAt: z.string().nullable(),
});

const historySchema = z.object({
	payment: paymentRowSchema.extend({
		providerTradeNo: z.string().nullable(),
		expiresAt: z.string(),
		failureReason: z.string().nullable(),
		refundableFen: z
			.number()
			.int()
			.describe("What staff may still refund: what is left of the payment, within what the booking's escrow holds"),
	}),
	booking: z.object({
		id: z.string().uuid(),
		status: z.string(),
		priceFen: z.number().int(),
		paidFen: z.number().int(),
		startsAt: z.string(),
	}),
	events: z.array(
		z.object({
			id: z.string().uuid(),
			kind: z.string(),
			outcome: z.string().describe("applied, duplicate-state or rejected (and why)"),
			eventId: z.string(),
			at: z.string(),
			detail: z.record(z.string(), z.unknown()).describe("The facts checked: amounts, trade numbers, outcome"),
		}),
	),
	refunds: z.array(
		z.object({
			id: z.string().uuid(),
			outRequestNo: z.string(),
			amountFen: z.number().int(),
			reason: z.string(),
			status: z.enum(["pending", "succeeded", "failed"]),
			attempts: z.number().int(),
			lastError: z.string().nullable(),
			requestedBy: z.string().uuid().nullable(),
			createdAt: z.string(),
			settledAt: z.string().nullable(),
		}),
	),
	journals: z.array(
		z.object({
			id: z.string().uuid(),
			kind: z.string(),
			memo: z.string().nullable(),
			createdAt: z.string(),
			entries: z.array(
				z.object({ account: z.string(), ref: z.string(), amountFen: z.number().int().describe("Debit +, credit −") }),
			),
		}),
	),
});

export const listAdminPaymentsEndpoint = defineEndpoint({
	method: "get",
	path: "/admin/payments",
	summary:
		"All payments, filtered by status, method, kind, the day opened (Shanghai), a booking id or trade number; newest first",
	tag,
	auth: "bearer",
	query: adminPaymentFilterSchema,
	responses: {
		200: {
			description: "20 payments a page; pass `nextCursor` as `cursor` for the next page",
			schema: z.object({ payments: z.array(paymentRowSchema), nextCursor: z.string().nullable() }),
		},
		...denied,
	},
	handler: async ({ query, req }) => {
		await requireApiPermission(authHeaders(req), "read:payment:any");
		return { body: await listAdminPayments(query) };
	},
});

export const getAdminPaymentEndpoint = defineEndpoint({
	method: "get",
	path: "/admin/payments/:paymentId",
	summary: "One payment's whole history: its booking, every provider event, its refunds and the ledger postings of its journals",
	tag,
	auth: "bearer",
	params: paymentIdSchema,
	responses: {
		200: { description: "The payment and its history", schema: historySchema },
		...denied,
		404: { description: "No such payment" },
	},
	handler: async ({ params, req }) => {
		await requireApiPermission(authHeaders(req), "read:payment:any");
		return { body: await getAdminPaymentHistory(params.paymentId) };
	},
});

export const refundAdminPaymentEndpoint = defineEndpoint({
	method: "post",
	path: "/admin/payments/:paymentId/refunds",
	summary: 'Refund part or all of a payment with a reason (`amount` in yuan, e.g. "12.50"), at most what is left of it; audited',
	tag,
	auth: "bearer",
	params: paymentIdSchema,
	body: adminRefundSchema,
	responses: {
		201: { description: "The refund is promised and sent to the provider", schema: z.object({ refundId: z.string().uuid() }) },
		...denied,
		404: { description: "No such payment, or no such refund of it" },
		409: { description: "The payment did not succeed (nothing to refund)" },
	},
	handler: async ({ params, body, req }) => {
		const session = await requireApiPermission(authHeaders(req), "refund:payment:any");
		return {
			status: 201,
			body: await refundAsStaff({
				staffId: session.user.id,
				paymentId: params.paymentId,
				amountFen: body.amount,
				reason: body.reason,
			}),
		};
	},
});

export const retryAdminRefundEndpoint = defineEndpoint({
	method: "post",
	path: "/admin/payments/:paymentId/refunds/:refundId/retry",
	summary: "Ask again for a refund the provider refused: a new refund of the same amount (a new provider number); once; audited",
	tag,
	auth: "bearer",
	params: retryRefundParams,
	responses: {
		201: {
			description: "The new refund is promised and sent to the provider",
			schema: z.object({ refundId: z.string().uuid() }),
		},
		...denied,
		404: { description: "No such payment, or no such refund of it" },
		409: { description: "The refund did not fail, or it was retried already" },
	},
	handler: async ({ params, req }) => {
		const session = await requireApiPermission(authHeaders(req), "refund:payment:any");
		return {
			status: 201,
			body: await retryRefundAsStaff({ staffId: session.user.id, paymentId: params.paymentId, refundId: params.refundId }),
		};
	},
});

const fenAmount = z.number().int();
export const trialBalanceEndpoint = defineEndpoint({
	method: "get",
	path: "/admin/ledger/trial-balance",
	summary:
		"The trial balance: every account kind's debits, credits and balance, the whole ledger's sum (0 when it balances) and the ledger check's breaks; with `account`, that kind per ref, 50 a page",
	tag,
	auth: "bearer",
	query: trialBalanceQuerySchema,
	responses: {
		200: {
			description: "The trial balance",
			schema: z.object({
				accounts: z.array(
					z.object({ account: z.string(), debitFen: fenAmount, creditFen: fenAmount, balanceFen: fenAmount, refs: fenAmount }),
				),
				totalFen: fenAmount,
				debitFen: fenAmount,
				creditFen: fenAmount,
				check: z.object({
					journals: fenAmount,
					entries: fenAmount,
					breaks: z.array(z.object({ check: z.string(), detail: z.string() })),
				}),
				refs: z
					.object({
						account: z.string(),
						page: fenAmount,
						pageSize: fenAmount,
						total: fenAmount,
						refs: z.array(z.object({ ref: z.string(), debitFen: fenAmount, creditFen: fenAmount, balanceFen: fenAmount })),
					})
					.nullable(),
			}),
		},
		...denied,
	},
	handler: async ({ query, req }) => {
		await requireApiPermission(authHeaders(req), "reconcile:payment:any");
		const [balance, refs] = await Promise.all([
			trialBalance(),
			query.account ? accountRefs(query.account, query.page) : Promise.resolve(null),
		]);
		return { body: { ...balance, refs } };
	},
});
