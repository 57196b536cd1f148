import { z } from "zod";

/**
 * Inputs of payout accounts and withdrawals, shared by the API and the pages. Messages are i18n
 * keys under `payouts.errors.`.
 */
const smsCode = z
	.string({ error: "payouts.errors.smsCodeRequired" })
	.trim()
	.regex(/^\d{6}$/, "accounts.errors.codeFormat")
	.describe("A code from POST /me/proof-codes, sent to the account's phone: adding a payout account needs a fresh one");

const holderName = z
	.string({ error: "payouts.errors.holderNameRequired" })
	.trim()
	.min(2, "payouts.errors.holderNameRequired")
	.max(40, "errors.field.tooLong");

/** An Alipay login id is the phone number (11 digits) or the e-mail address the account signs in with. */
const alipayLogin = z
	.string({ error: "payouts.errors.alipayLoginInvalid" })
	.trim()
	.refine((value) => /^1\d{10}$/.test(value) || /^[^\s@]{1,64}@[^\s@]{1,190}\.[A-Za-z]{2,}$/.test(value), {
		message: "payouts.errors.alipayLoginInvalid",
	});

/** Chinese debit cards: 12 to 19 digits; spaces people type between groups are dropped. */
const cardNumber = z
	.string({ error: "payouts.errors.cardNumberInvalid" })
	.transform((value) => value.replace(/[\s-]/g, ""))
	.pipe(z.string().regex(/^\d{12,19}$/, "payouts.errors.cardNumberInvalid"));

export const addPayoutAccountSchema = z.discriminatedUnion(
	"kind",
	[
		z.object({
			kind: z.literal("alipay"),
			alipayLogin: alipayLogin.describe("The Alipay login id: phone number or e-mail"),
			holderName: holderName.describe("The Alipay account's real name: must be the coach's verified real name"),
			smsCode,
		}),
		z.object({
			kind: z.literal("bank_card"),
			bankName: z.string({ error: "payouts.errors.bankRequired" }).trim().min(2, "payouts.errors.bankRequired").max(40),
			bankBranch: z.string({ error: "payouts.errors.branchRequired" }).trim().min(2, "payouts.errors.branchRequired").max(80),
			cardNumber,
			holderName: holderName.describe("The card holder: must be the coach's verified real name"),
			smsCode,
		}),
		z
			.object({ kind: z.literal("wechat"), smsCode })
			.describe("The WeChat bound to my sign-in, paid by WeChat Pay transfer; the payee is my verified real name"),
	],
	{ error: "payouts.errors.kindInvalid" },
);
export type AddPayoutAccountInput = z.output<typeof addPayoutAccountSchema>;

export const removePayoutAccountSchema = z.object({ smsCode });

export const requestWithdrawalSchema = z.object({
	amountFen: z
		.number({ error: "payouts.errors.amountInvalid" })
		.int("payouts.errors.amountNotWholeFen")
		.positive("payouts.errors.amountInvalid")
		// The column is a 4-byte integer: ¥21,474,836.47 at the most, far above any daily limit.
		.max(2_147_483_647, "payouts.errors.amountInvalid")
		.describe("Whole fen"),
	payoutAccountId: z.string({ error: "payouts.errors.accountRequired" }).uuid("payouts.errors.accountRequired"),
});
export type RequestWithdrawalInput = z.output<typeof requestWithdrawalSchema>;

export const withdrawalStatuses = ["pending_approval", "processing", "in_bank_batch", "paid", "failed", "rejected"] as const;
export type WithdrawalStatus = (typeof withdrawalStatuses)[number];

export const payoutAccountKinds = ["alipay", "bank_card", "wechat"] as const;
export type PayoutAccountKind = (typeof payoutAccountKinds)[number];
