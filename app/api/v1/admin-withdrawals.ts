import { z } from "zod";
import { reasonSchema } from "~/modules/accounts/admin/schema";
import { requireApiPermission } from "~/modules/accounts/guards.server";
import { bankBatchCsv, createBankBatch, listBankBatches, markBankLine } from "~/modules/payments/payouts/bank-batches.server";
import { approveWithdrawal, rejectWithdrawal } from "~/modules/payments/payouts/decide-withdrawal.server";
import { withdrawalStatuses } from "~/modules/payments/payouts/schema";
import { listWithdrawalsForStaff } from "~/modules/payments/payouts/staff-withdrawals.server";
import { authHeaders } from "../client";
import { defineEndpoint } from "../endpoint";
import { withdrawalSchema } from "./coach-payouts";

/** The back office's withdrawal queue (permission approve:withdrawal:any, admins). */
const tag = "admin";
const permission = "approve:withdrawal:any" as const;

const denied = {
	400: { description: "Invalid input; `error.fields` names each bad field" },
	401: { description: "Not signed in" },
	403: { description: "Signed in without the permission this needs" },
};
const idParams = z.object({ withdrawalId: z.string().uuid("payouts.errors.withdrawalNotFound") });

const staffWithdrawalSchema = withdrawalSchema.extend({
	coach: z.object({ id: z.string().uuid(), displayName: z.string() }),
	outBizNo: z.string().describe("The provider's business number (idempotency key)"),
	attempts: z.number().int(),
	lastError: z.string().nullable(),
	batchId: z.string().uuid().nullable(),
	decidedAt: z.string().nullable(),
});

export const listAdminWithdrawals = defineEndpoint({
	method: "get",
	path: "/admin/withdrawals",
	summary: "Coaches' withdrawals by status (all without one), newest first, with each transfer's state",
	tag,
	auth: "bearer",
	query: z.object({ status: z.enum(withdrawalStatuses, { error: "errors.field.invalidOption" }).optional() }),
	responses: { 200: { description: "The queue", schema: z.object({ items: z.array(staffWithdrawalSchema) }) }, ...denied },
	handler: async ({ query, req }) => {
		await requireApiPermission(authHeaders(req), permission);
		return { body: { items: await listWithdrawalsForStaff({ status: query.status }) } };
	},
});

export const approveAdminWithdrawal = defineEndpoint({
	method: "post",
	path: "/admin/withdrawals/:withdrawalId/approve",
	summary: "Approve a withdrawal waiting for approval: it is sent; audited",
	tag,
	auth: "bearer",
	params: idParams,
	responses: {
		200: { description: "Approved", schema: z.object({ status: z.literal("processing") }) },
		...denied,
		404: { description: "No such withdrawal" },
		409: { description: "Not waiting for approval" },
	},
	handler: async ({ params, req }) => {
		const session = await requireApiPermission(authHeaders(req), permission);
		return { body: await approveWithdrawal({ staffId: session.user.id, withdrawalId: params.withdrawalId }) };
	},
});

export const rejectAdminWithdrawal = defineEndpoint({
	method: "post",
	path: "/admin/withdrawals/:withdrawalId/reject",
	summary: "Reject a withdrawal waiting for approval, with a reason the coach is told: the money is available again; audited",
	tag,
	auth: "bearer",
	params: idParams,
	body: z.object({ reason: reasonSchema }),
	responses: {
		200: { description: "Rejected", schema: z.object({ status: z.literal("rejected") }) },
		...denied,
		404: { description: "No such withdrawal" },
		409: { description: "Not waiting for approval" },
	},
	handler: async ({ params, body, req }) => {
		const session = await requireApiPermission(authHeaders(req), permission);
		return {
			body: await rejectWithdrawal({ staffId: session.user.id, withdrawalId: params.withdrawalId, reason: body.reason }),
		};
	},
});

export const createAdminPayoutBatch = defineEndpoint({
	method: "post",
	path: "/admin/withdrawals/batches",
	summary: "Collect the bank-card withdrawals waiting into a payout batch for the finance team; audited",
	tag,
	auth: "bearer",
	responses: {
		201: { description: "Created", schema: z.object({ batchId: z.string().uuid(), lines: z.number().int() }) },
		...denied,
		409: { description: "No bank-card withdrawal is waiting" },
	},
	handler: async ({ req }) => {
		const session = await requireApiPermission(authHeaders(req), permission);
		return { status: 201, body: await createBankBatch(session.user.id) };
	},
});

export const listAdminPayoutBatches = defineEndpoint({
	method: "get",
	path: "/admin/withdrawals/batches",
	summary: "The bank payout batches, newest first",
	tag,
	auth: "bearer",
	responses: {
		200: {
			description: "Batches",
			schema: z.object({ batches: z.array(z.object({ id: z.string().uuid(), createdAt: z.string() })) }),
		},
		...denied,
	},
	handler: async ({ req }) => {
		await requireApiPermission(authHeaders(req), permission);
		return { body: { batches: await listBankBatches() } };
	},
});

export const downloadAdminPayoutBatch = defineEndpoint({
	method: "get",
	path: "/admin/withdrawals/batches/:batchId/file",
	summary: "A batch's CSV file for the bank (full card numbers and holders)",
	tag,
	auth: "bearer",
	params: z.object({ batchId: z.string().uuid("payouts.errors.batchNotFound") }),
	responses: {
		200: { description: "The CSV file", contentType: "text/csv" },
		...denied,
		404: { description: "No such batch" },
	},
	handler: async ({ params, req, res }) => {
		const session = await requireApiPermission(authHeaders(req), permission);
		const file = await bankBatchCsv(params.batchId, session.user.id);
		res.setHeader("content-disposition", `attachment; filename="${file.filename}"`);
		res.setHeader("cache-control", "no-store");
		return { text: { contentType: "text/csv; charset=utf-8", content: file.csv } };
	},
});

export const markAdminBankLine = defineEndpoint({
	method: "post",
	path: "/admin/withdrawals/:withdrawalId/bank-result",
	summary: "Mark a bank batch line paid or failed (as the bank's result says); failed gives the money back; audited",
	tag,
	auth: "bearer",
	params: idParams,
	body: z.object({
		outcome: z.enum(["paid", "failed"], { error: "errors.field.invalidOption" }),
		reason: reasonSchema.optional(),
	}),
	responses: {
		200: { description: "Marked", schema: z.object({ status: z.enum(["paid", "failed"]) }) },
		...denied,
		404: { description: "No such withdrawal" },
		409: { description: "Not a line of a batch, or marked already" },
	},
	handler: async ({ params, body, req }) => {
		const session = await requireApiPermission(authHeaders(req), permission);
		return {
			body: await markBankLine({
				staffId: session.user.id,
				withdrawalId: params.withdrawalId,
				outcome: body.outcome,
				reason: body.reason,
			}),
		};
	},
});
