import { z } from "zod";
import { yuanToFen } from "~/lib/money";
import { refuseControlCharacters } from "~/lib/validation";
import { ledgerAccounts } from "../ledger/accounts";

/** Forms send "" for an empty field and query strings send `?x=`: both mean "not given". */
const blankOr = <T extends z.ZodType<string | undefined>>(schema: T) =>
	z
		.union([z.literal(""), schema])
		.optional()
		.transform((value) => (value === "" ? undefined : (value as z.output<T> | undefined)));

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "payments.admin.errors.dateInvalid");
const option = { error: "errors.field.invalidOption" };

/**
 * The back office's payment list: by status, method, kind, the day it was opened (Shanghai), and
 * one search box for a booking id or the provider's trade number; newest first.
 */
export const adminPaymentFilterSchema = z
	.object({
		status: blankOr(z.enum(["pending", "succeeded", "failed", "closed"], option)),
		method: blankOr(z.enum(["alipay", "wechatpay", "stripe", "sandbox"], option)),
		kind: blankOr(z.enum(["deposit", "full", "balance", "tip"], option)),
		from: blankOr(day),
		to: blankOr(day),
		q: blankOr(z.string().trim().max(64, "payments.admin.errors.searchInvalid")),
		cursor: blankOr(z.string().max(200, "admin.errors.cursorInvalid")),
	})
	.superRefine((value, context) => {
		if (value.from && value.to && value.to < value.from)
			context.addIssue({ code: "custom", path: ["to"], message: "payments.admin.errors.dateRange" });
	});
export type AdminPaymentFilter = z.output<typeof adminPaymentFilterSchema>;

export const paymentIdSchema = z.object({ paymentId: z.string().uuid("payments.errors.notFound") });

/**
 * A refund by staff: how much in yuan as people type it ("12.5"), read exactly into fen, and why
 * (the payer is not told the reason; the audit log keeps it). The upper bound is what is left of
 * the payment, checked against the locked row by the service.
 */
export const adminRefundSchema = z.object({
	amount: z
		.string({ error: "payments.admin.errors.amountInvalid" })
		.trim()
		.transform((value, context) => {
			const fen = yuanToFen(value);
			if (fen === null || fen <= 0) {
				context.addIssue({ code: "custom", message: "payments.admin.errors.amountInvalid" });
				return z.NEVER;
			}
			return fen;
		}),
	reason: refuseControlCharacters(
		z
			.string({ error: "payments.admin.errors.reasonRequired" })
			.trim()
			.min(2, "payments.admin.errors.reasonRequired")
			.max(300, "errors.field.tooLong"),
	),
});
export type AdminRefundInput = z.output<typeof adminRefundSchema>;

/** One account kind's refs on the trial balance, 50 a page, largest balance first. */
export const trialBalanceQuerySchema = z.object({
	account: blankOr(z.enum(ledgerAccounts, option)),
	page: z.coerce.number({ error: "payments.admin.errors.pageInvalid" }).int().min(1).max(10_000).default(1),
});
export type TrialBalanceQuery = z.output<typeof trialBalanceQuerySchema>;

/** A failed refund asked for again (the same amount, a new provider number). */
export const retryRefundParams = paymentIdSchema.extend({ refundId: z.string().uuid("payments.admin.errors.refundNotFound") });
