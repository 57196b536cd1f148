import { useTranslation } from "react-i18next";
import { data, Form, Link, useActionData, useNavigation } from "react-router";
import { z } from "zod";
import { type FormErrors, formErrorsOf } from "~/lib/form.server";
import { pageTitle } from "~/lib/i18n";
import { formatFen, yuanToFen } from "~/lib/money";
import { redirectWithToast } from "~/lib/toast.server";
import { fieldErrorKeys } from "~/lib/validation";
import { requireUser } from "~/modules/accounts/guards.server";
import { CoachGate, CoachPage } from "~/modules/coaches/dashboard/coach-page";
import { getMyCoachStatus } from "~/modules/coaches/dashboard/get-dashboard.server";
import { withdrawalTerms } from "~/modules/payments/payouts/list-withdrawals.server";
import { listPayoutAccounts } from "~/modules/payments/payouts/payout-accounts.server";
import { requestWithdrawal } from "~/modules/payments/payouts/request-withdrawal.server";
import { Button } from "~/ui/button";
import { EmptyState } from "~/ui/empty-state";
import { Field } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import { Select } from "~/ui/select";
import type { Route } from "./+types/withdrawals-new";

export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const coach = await getMyCoachStatus(session.user.id);
	const ready = coach && coach.status !== "suspended";
	return {
		coach,
		accounts: ready ? (await listPayoutAccounts(session.user.id)).filter((account) => account.usable) : [],
		terms: ready ? await withdrawalTerms(session.user.id) : null,
		title: pageTitle(request, "payouts.withdrawals.new"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

/** The amount as people type it in yuan ("150", "150.5"), read exactly into fen; more than two decimals is refused. */
const formSchema = z.object({
	amount: z
		.string()
		.trim()
		.transform((value, context) => {
			const fen = yuanToFen(value);
			if (fen === null || fen <= 0) {
				const tooPrecise = /^\d+\.\d{3,}$/.test(value);
				context.addIssue({
					code: "custom",
					message: tooPrecise ? "payouts.errors.amountNotWholeFen" : "payouts.errors.amountInvalid",
				});
				return z.NEVER;
			}
			return fen;
		}),
	payoutAccountId: z.string().uuid("payouts.errors.accountRequired"),
});

type Outcome = { errors: FormErrors; amount?: string };

export async function action({ request }: Route.ActionArgs) {
	const session = await requireUser(request);
	const formData = await request.formData();
	const amount = String(formData.get("amount") ?? "");
	const parsed = formSchema.safeParse(Object.fromEntries(formData));
	if (!parsed.success) return data<Outcome>({ errors: { fields: fieldErrorKeys(parsed.error) }, amount }, { status: 400 });
	try {
		await requestWithdrawal({
			userId: session.user.id,
			request: { amountFen: parsed.data.amount, payoutAccountId: parsed.data.payoutAccountId },
		});
		return redirectWithToast("/coach/withdrawals", { kind: "success", messageKey: "payouts.withdrawals.requested" });
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		// The service names the API's field; the form's is the amount in yuan.
		const fields = errors.fields?.amountFen ? { ...errors.fields, amount: errors.fields.amountFen } : errors.fields;
		return data<Outcome>({ errors: { ...errors, fields }, amount }, init);
	}
}

export default function NewWithdrawal({ loaderData }: Route.ComponentProps) {
	const { t, i18n } = useTranslation();
	const outcome = useActionData<typeof action>() as Outcome | undefined;
	const navigation = useNavigation();
	const { coach, accounts, terms } = loaderData;
	const errors = outcome?.errors ?? {};
	const fieldError = (name: string) => (errors.fields?.[name] ? t(errors.fields[name] as string, errors.params ?? {}) : null);
	const money = (fen: number) => formatFen(fen, i18n.language);
	return (
		<CoachPage title={t("payouts.withdrawals.new")}>
			<CoachGate coach={coach}>
				{terms && accounts.length === 0 ? (
					<EmptyState
						icon="¥"
						title={t("payouts.withdrawals.needAccount")}
						action={
							<Link to="/coach/payout-accounts" className="font-medium text-cloth-700 underline underline-offset-2">
								{t("payouts.accounts.add")}
							</Link>
						}
					/>
				) : terms ? (
					<Form method="post" className="space-y-4 rounded-(--radius-card) bg-white p-4 ring-1 ring-line sm:p-6" noValidate>
						<div>
							<p className="text-sm text-muted">{t("payouts.withdrawals.available")}</p>
							<p className="text-3xl font-semibold tabular-nums" data-testid="available">
								{money(terms.availableFen)}
							</p>
							<ul className="mt-2 space-y-0.5 text-sm text-muted">
								<li>{t("payouts.withdrawals.minimum", { amount: money(terms.minFen) })}</li>
								<li>{t("payouts.withdrawals.dailyLimit", { amount: money(terms.dailyLimitFen) })}</li>
								<li>{t("payouts.withdrawals.approvalNote", { amount: money(terms.approvalThresholdFen) })}</li>
							</ul>
						</div>
						<Field
							label={t("payouts.withdrawals.amountLabel")}
							name="amount"
							inputMode="decimal"
							autoComplete="off"
							defaultValue={outcome?.amount}
							error={fieldError("amount")}
						/>
						<Field label={t("payouts.withdrawals.account")} name="payoutAccountId" error={fieldError("payoutAccountId")}>
							{(wiring) => (
								<Select
									{...wiring}
									name="payoutAccountId"
									options={accounts.map((account) => ({
										value: account.id,
										label: `${t(`payouts.kinds.${account.kind}`)} ${account.masked}`,
									}))}
								/>
							)}
						</Field>
						<FormAlert messageKey={errors.formError} params={errors.params} />
						<Button type="submit" busy={navigation.state !== "idle"}>
							{t("payouts.withdrawals.submit")}
						</Button>
					</Form>
				) : null}
			</CoachGate>
		</CoachPage>
	);
}
