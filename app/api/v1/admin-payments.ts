import { z } from "zod";
import { requireApiPermission } from "~/modules/accounts/guards.server";
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
