import { useTranslation } from "react-i18next";
import { data, Form, redirect, useNavigation } from "react-router";
import { z } from "zod";
import { pageTitle } from "~/lib/i18n";
import { formatFen } from "~/lib/money";
import { orPageError } from "~/lib/page-errors.server";
import { requireUser } from "~/modules/accounts/guards.server";
import { completeSandboxPayment, sandboxPaymentOf } from "~/modules/payments/sandbox.server";
import { Button } from "~/ui/button";
import type { Route } from "./+types/sandbox";

/**
 * The sandbox cashier: stands in for a provider's cashier where none is configured (or
 * PAYMENTS_SANDBOX=1), clearly labelled, and completes or fails the payment through the same path
 * as a provider's notification. It exists only while the sandbox is on (404 otherwise).
 */
export async function loader({ request, params }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const payment = await orPageError(sandboxPaymentOf({ userId: session.user.id, roles: session.roles }, params.paymentId));
	return {
		payment: {
			id: payment.id,
			amountFen: payment.amountFen,
			outTradeNo: payment.outTradeNo,
			kind: payment.purpose,
			status: payment.status,
		},
		title: pageTitle(request, "payments.sandbox.title"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

const verdictSchema = z.object({ outcome: z.enum(["success", "failure"]) });

export async function action({ request, params }: Route.ActionArgs) {
	const session = await requireUser(request);
	const parsed = verdictSchema.safeParse(Object.fromEntries(await request.formData().catch(() => new FormData())));
	if (!parsed.success) throw data({ code: "bad_request" }, { status: 400 });
	const done = await orPageError(
		completeSandboxPayment({
			caller: { userId: session.user.id, roles: session.roles },
			paymentId: params.paymentId,
			outcome: parsed.data.outcome,
		}),
	);
	return redirect(`/me/payments/${done.paymentId}`);
}

export default function SandboxCashier({ loaderData }: Route.ComponentProps) {
	const { t, i18n } = useTranslation();
	const navigation = useNavigation();
	const { payment } = loaderData;
	const busy = (outcome: string) => navigation.state !== "idle" && navigation.formData?.get("outcome") === outcome;
	return (
		<div className="mx-auto max-w-md space-y-5 px-4 py-6 sm:py-12">
			<p
				role="note"
				className="rounded-2xl bg-wood-100 px-4 py-3 text-center text-sm font-medium text-wood-700 ring-1 ring-wood-300"
			>
				{t("payments.sandbox.banner")}
			</p>
			<section className="space-y-4 rounded-3xl bg-white p-6 text-center shadow-(--shadow-card)">
				<h1 className="text-xl font-semibold">{t("payments.sandbox.title")}</h1>
				<p className="text-sm text-muted">{t(`payments.kinds.${payment.kind}`)}</p>
				<p className="text-4xl font-semibold tabular-nums" data-testid="sandbox-amount">
					{formatFen(payment.amountFen, i18n.language)}
				</p>
				<p className="text-xs text-muted">
					{t("payments.sandbox.order")} {payment.outTradeNo}
				</p>
				<Form method="post" className="grid gap-3 pt-2">
					<Button type="submit" name="outcome" value="success" busy={busy("success")}>
						{t("payments.sandbox.succeed")}
					</Button>
					<Button type="submit" name="outcome" value="failure" variant="secondary" busy={busy("failure")}>
						{t("payments.sandbox.fail")}
					</Button>
				</Form>
			</section>
		</div>
	);
}
