import { useTranslation } from "react-i18next";
import { data, useActionData, useNavigation } from "react-router";
import { type FormErrors, formErrorsOf } from "~/lib/form.server";
import { localeOfRequest, pageTitle } from "~/lib/i18n";
import { requestInfo } from "~/lib/request-context.server";
import { redirectWithToast } from "~/lib/toast.server";
import { fieldErrorKeys } from "~/lib/validation";
import { sendFreshProofCode } from "~/modules/accounts/fresh-proof.server";
import { requireUser } from "~/modules/accounts/guards.server";
import { boundWechatOf } from "~/modules/accounts/social/wechat-openid.server";
import { CoachGate, CoachPage } from "~/modules/coaches/dashboard/coach-page";
import { getMyCoachStatus } from "~/modules/coaches/dashboard/get-dashboard.server";
import { changePayoutAccount, removePayoutAccount } from "~/modules/payments/payouts/change-payout-account.server";
import { AddPayoutAccountForm } from "~/modules/payments/payouts/components/add-payout-account-form";
import { PayoutAccountList } from "~/modules/payments/payouts/components/payout-account-list";
import { RemovePayoutAccountForm } from "~/modules/payments/payouts/components/remove-payout-account-form";
import { addPayoutAccount, listPayoutAccounts } from "~/modules/payments/payouts/payout-accounts.server";
import { addPayoutAccountSchema, type PayoutAccountKind, removePayoutAccountSchema } from "~/modules/payments/payouts/schema";
import { alipayTransfersOffered, wechatTransfersOffered } from "~/modules/payments/payouts/transfer-channels.server";
import { ButtonLink } from "~/ui/button";
import type { Route } from "./+types/payout-accounts";

export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const coach = await getMyCoachStatus(session.user.id);
	const accounts = coach && coach.status !== "suspended" ? await listPayoutAccounts(session.user.id) : [];
	const search = new URL(request.url).searchParams;
	const asked = search.get("add");
	const pick = (id: string | null) => {
		const found = accounts.find((account) => account.id === id);
		return found ? { id: found.id, masked: found.masked } : null;
	};
	const wechatOffered = wechatTransfersOffered();
	const add: PayoutAccountKind = asked === "bank_card" || (asked === "wechat" && wechatOffered) ? asked : "alipay";
	const bound = wechatOffered ? await boundWechatOf(session.user.id) : null;
	return {
		coach,
		accounts,
		add,
		alipayOffered: alipayTransfersOffered(),
		wechat: { offered: wechatOffered, bound: Boolean(bound), nickname: bound?.nickname ?? null },
		changing: pick(search.get("change")),
		removing: pick(search.get("remove")),
		title: pageTitle(request, "payouts.accounts.title"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

type Outcome = { intent: string; errors: FormErrors; codeSent?: boolean; values?: Record<string, string> };

export async function action({ request, context }: Route.ActionArgs) {
	const session = await requireUser(request);
	const formData = await request.formData();
	const intent = String(formData.get("intent"));
	// What was typed comes back to the form (never the code), so a refusal does not clear it.
	const values = Object.fromEntries(
		[...formData].filter(([name]) => name !== "smsCode" && name !== "intent").map(([name, value]) => [name, String(value)]),
	);
	try {
		if (intent === "proof-code") {
			await sendFreshProofCode({ userId: session.user.id, ip: requestInfo(context).clientIp, locale: localeOfRequest(request) });
			return data<Outcome>({ intent, errors: {}, codeSent: true });
		}
		const accountId = String(formData.get("accountId") ?? "");
		if (intent === "remove") {
			const parsed = removePayoutAccountSchema.safeParse(Object.fromEntries(formData));
			if (!parsed.success) return data<Outcome>({ intent, errors: { fields: fieldErrorKeys(parsed.error) } }, { status: 400 });
			await removePayoutAccount({ userId: session.user.id, accountId, smsCode: parsed.data.smsCode });
			return redirectWithToast("/coach/payout-accounts", { kind: "success", messageKey: "payouts.accounts.removed" });
		}
		if (intent !== "add" && intent !== "change")
			return data<Outcome>({ intent, errors: { formError: "errors.badRequest" } }, { status: 400 });
		const parsed = addPayoutAccountSchema.safeParse(Object.fromEntries(formData));
		if (!parsed.success)
			return data<Outcome>({ intent, errors: { fields: fieldErrorKeys(parsed.error) }, values }, { status: 400 });
		if (intent === "change") {
			await changePayoutAccount({ userId: session.user.id, accountId, account: parsed.data });
			return redirectWithToast("/coach/payout-accounts", { kind: "success", messageKey: "payouts.accounts.changed" });
		}
		await addPayoutAccount({ userId: session.user.id, account: parsed.data });
		return redirectWithToast("/coach/payout-accounts", { kind: "success", messageKey: "payouts.accounts.saved" });
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		return data<Outcome>({ intent, errors, values }, init);
	}
}

export default function PayoutAccounts({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const outcome = useActionData<typeof action>() as Outcome | undefined;
	const navigation = useNavigation();
	const busy = (intent: string) => navigation.state !== "idle" && navigation.formData?.get("intent") === intent;
	const { coach, accounts, add, alipayOffered, wechat, changing, removing } = loaderData;
	const formErrors = (intent: string) => (outcome?.intent === intent || outcome?.intent === "proof-code" ? outcome.errors : {});
	return (
		<CoachPage
			title={t("payouts.accounts.title")}
			intro={t("payouts.accounts.intro")}
			aside={
				accounts.length > 0 ? (
					<ButtonLink to="/coach/withdrawals/new" size="sm">
						{t("payouts.withdrawals.new")}
					</ButtonLink>
				) : null
			}
		>
			<CoachGate coach={coach}>
				{alipayOffered ? null : (
					<p className="rounded-2xl bg-wood-100 px-4 py-3 text-sm text-wood-700 ring-1 ring-wood-300 ring-inset">
						{t("payouts.accounts.alipayUnavailable")}
					</p>
				)}
				<PayoutAccountList accounts={accounts} />
				{removing ? (
					<RemovePayoutAccountForm
						account={removing}
						errors={formErrors("remove")}
						codeSent={Boolean(outcome?.codeSent)}
						busy={busy}
					/>
				) : null}
				<AddPayoutAccountForm
					kind={add}
					wechat={wechat}
					{...(changing ? { changing } : {})}
					errors={formErrors(changing ? "change" : "add")}
					codeSent={Boolean(outcome?.codeSent)}
					busy={busy}
					values={outcome?.values ?? {}}
				/>
			</CoachGate>
		</CoachPage>
	);
}
