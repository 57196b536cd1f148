import type { Request } from "express";
import { z } from "zod";
import { requireApiSession } from "~/modules/accounts/guards.server";
import { changePayoutAccount, removePayoutAccount } from "~/modules/payments/payouts/change-payout-account.server";
import { myWithdrawal, recheckMyWithdrawal } from "~/modules/payments/payouts/confirm-withdrawal.server";
import { listMyWithdrawals, withdrawalTerms } from "~/modules/payments/payouts/list-withdrawals.server";
import { addPayoutAccount, listPayoutAccounts } from "~/modules/payments/payouts/payout-accounts.server";
import { requestWithdrawal } from "~/modules/payments/payouts/request-withdrawal.server";
import {
	addPayoutAccountSchema,
	payoutAccountKinds,
	removePayoutAccountSchema,
	requestWithdrawalSchema,
	withdrawalStatuses,
} from "~/modules/payments/payouts/schema";
import { authHeaders } from "../client";
import { defineEndpoint } from "../endpoint";

/**
 * A coach's payout accounts and withdrawals (money in fen). Every call works on the caller's own
 * coach record; another coach's account id answers 404.
 */
const tag = "coach";

const userIdOf = async (req: Request) => (await requireApiSession(authHeaders(req))).user.id;

/** Coaches only: a player's token is refused (403 not_a_coach) by the router, before the input is read. */
const permission = {
	name: "manage:payout:own",
	refusal: { code: "not_a_coach", messageKey: "payouts.errors.notACoachForbidden" },
} as const;

const errors = {
	400: { description: "Invalid input; `error.fields` names each bad field" },
	401: { description: "Not signed in" },
	403: { description: "`not_a_coach`: the caller is not a coach (a player's token)" },
	404: { description: "No coach record yet, or no such payout account of mine" },
};
const accountParams = z.object({ id: z.string().uuid() });

export const payoutAccountSchema = z.object({
	id: z.string().uuid(),
	kind: z.enum(payoutAccountKinds),
	masked: z.string().describe("138****0002 for an Alipay phone login, ****1234 for a card"),
	bankName: z.string().nullable(),
	bankBranch: z.string().nullable(),
	verified: z.boolean().describe("The holder matched the coach's verified real name"),
	usable: z.boolean().describe("Withdrawals to it can be made now (Alipay transfers need their certificates configured)"),
	createdAt: z.string(),
});

export const withdrawalSchema = z.object({
	id: z.string().uuid(),
	status: z.enum(withdrawalStatuses),
	amountFen: z.number().int(),
	channel: z.string().describe("alipay | wechatpay | bank | sandbox"),
	payoutAccount: z.object({ id: z.string().uuid(), kind: z.enum(payoutAccountKinds), masked: z.string() }),
	failureReason: z.string().nullable(),
	awaitingConfirmation: z
		.boolean()
		.describe(
			"A WeChat transfer bill waiting for me to confirm receipt in WeChat (GET /coach/withdrawals/{id} has what that takes)",
		),
	createdAt: z.string(),
	paidAt: z.string().nullable(),
});

export const listMyPayoutAccounts = defineEndpoint({
	method: "get",
	path: "/coach/payout-accounts",
	summary: "My payout accounts, masked",
	tag,
	auth: "bearer",
	permission,
	responses: {
		200: { description: "The accounts", schema: z.object({ items: z.array(payoutAccountSchema) }) },
		401: errors[401],
		403: errors[403],
		404: errors[404],
	},
	handler: async ({ req }) => ({ body: { items: await listPayoutAccounts(await userIdOf(req)) } }),
});

export const addMyPayoutAccount = defineEndpoint({
	method: "post",
	path: "/coach/payout-accounts",
	summary:
		"Add an Alipay account (login id + real name), a bank card (bank, branch, number, holder) in my verified real name, or (kind wechat, when WeChat Pay is configured) the WeChat bound to my sign-in (409 wechat_not_bound without one); needs a fresh SMS code from POST /me/proof-codes; I am told by SMS",
	tag,
	auth: "bearer",
	permission,
	body: addPayoutAccountSchema,
	responses: {
		201: { description: "Added", schema: z.object({ account: payoutAccountSchema }) },
		...errors,
		403: { description: "`not_a_coach`, or `forbidden`: my coach record is suspended" },
		409: { description: "My real name is not verified yet, or the account is mine already" },
	},
	handler: async ({ body, req }) => ({
		status: 201,
		body: { account: await addPayoutAccount({ userId: await userIdOf(req), account: body }) },
	}),
});

export const changeMyPayoutAccount = defineEndpoint({
	method: "patch",
	path: "/coach/payout-accounts/:id",
	summary:
		"Change one of my payout accounts to other details (the same body as adding one, with a fresh SMS code); I am told by SMS. Answers the account as it is now, under a new id: past withdrawals keep the account they went to",
	tag,
	auth: "bearer",
	permission,
	params: accountParams,
	body: addPayoutAccountSchema,
	responses: {
		200: { description: "Changed", schema: z.object({ account: payoutAccountSchema }) },
		...errors,
		403: { description: "`not_a_coach`, or `forbidden`: my coach record is suspended" },
		409: { description: "The same details as now, an account I have already, my real name not verified, or `wechat_not_bound`" },
	},
	handler: async ({ params, body, req }) => ({
		body: { account: await changePayoutAccount({ userId: await userIdOf(req), accountId: params.id, account: body }) },
	}),
});

export const removeMyPayoutAccount = defineEndpoint({
	method: "delete",
	path: "/coach/payout-accounts/:id",
	summary:
		"Remove one of my payout accounts, with a fresh SMS code; I am told by SMS. Refused while a withdrawal to it is on its way",
	tag,
	auth: "bearer",
	permission,
	params: accountParams,
	body: removePayoutAccountSchema,
	responses: {
		204: { description: "Removed" },
		...errors,
		403: { description: "`not_a_coach`, or `forbidden`: my coach record is suspended" },
		409: {
			description: "`payout_in_flight`: a withdrawal to it is pending approval, processing or in a bank batch; nothing changed",
		},
	},
	handler: async ({ params, body, req }) => {
		await removePayoutAccount({ userId: await userIdOf(req), accountId: params.id, smsCode: body.smsCode });
		return { status: 204 };
	},
});

export const listMyWithdrawalsEndpoint = defineEndpoint({
	method: "get",
	path: "/coach/withdrawals",
	summary: "My withdrawals, newest first, with their state; and the terms of a new one",
	tag,
	auth: "bearer",
	permission,
	responses: {
		200: {
			description: "Withdrawals and terms",
			schema: z.object({
				items: z.array(withdrawalSchema),
				terms: z.object({
					availableFen: z.number().int(),
					minFen: z.number().int(),
					dailyLimitFen: z.number().int(),
					approvalThresholdFen: z.number().int(),
					alipayOffered: z.boolean(),
					suspended: z.boolean(),
				}),
			}),
		},
		401: errors[401],
		403: errors[403],
		404: errors[404],
	},
	handler: async ({ req }) => {
		const userId = await userIdOf(req);
		return { body: { items: await listMyWithdrawals(userId), terms: await withdrawalTerms(userId) } };
	},
});

export const requestMyWithdrawal = defineEndpoint({
	method: "post",
	path: "/coach/withdrawals",
	summary:
		"Withdraw whole fen from my available balance to one of my payout accounts: reserved at once; above the approval threshold it waits for the back office (status pending_approval), otherwise it is sent (processing)",
	tag,
	auth: "bearer",
	permission,
	body: requestWithdrawalSchema,
	responses: {
		201: { description: "Requested", schema: z.object({ withdrawal: withdrawalSchema }) },
		...errors,
		403: { description: "`not_a_coach`, or `forbidden`: my coach record is suspended" },
		409: { description: "Withdrawals to this kind of account are not offered now" },
		422: {
			description:
				"Refused by the rules, nothing reserved: `insufficient_balance` (above what is available), `below_minimum`, `daily_limit_exceeded`",
		},
	},
	handler: async ({ body, req }) => ({
		status: 201,
		body: { withdrawal: await requestWithdrawal({ userId: await userIdOf(req), request: body }) },
	}),
});

const withdrawalParams = z.object({ id: z.string().uuid() });

const withdrawalWithConfirmSchema = z.object({
	withdrawal: withdrawalSchema,
	confirm: z
		.object({
			mchId: z.string(),
			appId: z.string(),
			package: z.string().describe("The transfer bill's package_info"),
		})
		.nullable()
		.describe(
			"While a WeChat transfer bill waits for me: what WeChat's confirm sheet takes — JSAPI `WeixinJSBridge.invoke('requestMerchantTransfer', { mchId, appId, package })`, or `wx.requestMerchantTransfer` in a mini-program; null otherwise",
		),
});

export const getMyWithdrawalEndpoint = defineEndpoint({
	method: "get",
	path: "/coach/withdrawals/:id",
	summary: "One of my withdrawals, with what confirming receipt in WeChat takes while its transfer bill waits for me",
	tag,
	auth: "bearer",
	permission,
	params: withdrawalParams,
	responses: {
		200: { description: "The withdrawal", schema: withdrawalWithConfirmSchema },
		...errors,
		404: { description: "No coach record yet, or no such withdrawal of mine (another coach's answers the same)" },
	},
	handler: async ({ params, req }) => ({ body: await myWithdrawal(await userIdOf(req), params.id) }),
});

export const recheckMyWithdrawalEndpoint = defineEndpoint({
	method: "post",
	path: "/coach/withdrawals/:id/recheck",
	summary:
		"After I confirmed receipt in WeChat: ask WeChat Pay about the withdrawal's transfer bill now (it is also asked on a schedule). Answers the withdrawal as it is then; one not on its way by WeChat is answered as it is",
	tag,
	auth: "bearer",
	permission,
	params: withdrawalParams,
	responses: {
		200: { description: "The withdrawal after asking", schema: withdrawalWithConfirmSchema },
		...errors,
		404: { description: "No coach record yet, or no such withdrawal of mine" },
		429: { description: "`rate_limited`: asked too often; see Retry-After" },
	},
	handler: async ({ params, req }) => ({ body: await recheckMyWithdrawal(await userIdOf(req), params.id) }),
});
