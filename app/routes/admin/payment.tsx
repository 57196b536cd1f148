import { useTranslation } from "react-i18next";
import { data, Form, Link, useNavigation } from "react-router";
import { isAppError } from "~/lib/errors";
import { type FormErrors, formFailure, parseForm } from "~/lib/form.server";
import { pageTitle } from "~/lib/i18n";
import { fenToYuan, formatFen } from "~/lib/money";
import { redirectWithToast } from "~/lib/toast.server";
import { formatShanghai } from "~/modules/accounts/admin/format";
import { requirePermission } from "~/modules/accounts/guards.server";
import { can } from "~/modules/accounts/permissions";
import { PaymentStatus, RefundStatus } from "~/modules/payments/admin/components/payment-status";
import { getAdminPaymentHistory } from "~/modules/payments/admin/payment-history.server";
import { refundAsStaff, retryRefundAsStaff } from "~/modules/payments/admin/refund-as-staff.server";
import { adminRefundSchema, paymentIdSchema, retryRefundParams } from "~/modules/payments/admin/schema";
import { Button } from "~/ui/button";
import { Field } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import type { Route } from "./+types/payment";

export async function loader({ request, params }: Route.LoaderArgs) {
	const session = await requirePermission(request, "read:payment:any");
	if (!paymentIdSchema.safeParse(params).success) throw data(null, { status: 404 });
	try {
		const history = await getAdminPaymentHistory(params.paymentId);
		return {
			...history,
			mayRefund: can(session.roles, "refund:payment:any"),
			title: pageTitle(request, "payments.admin.detail.title"),
		};
	} catch (error) {
		if (isAppError(error) && error.status === 404) throw data(null, { status: 404 });
		throw error;
	}
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

/** Staff refund with a reason (admins only), or ask again for a refund the provider refused. */
export async function action({ request, params }: Route.ActionArgs) {
	const session = await requirePermission(request, "refund:payment:any");
	if (!paymentIdSchema.safeParse(params).success) throw data(null, { status: 404 });
	const form = await request.formData();
	const back = `/admin/payments/${params.paymentId}`;
	if (form.get("intent") === "retry") {
		const parsed = retryRefundParams.safeParse({ paymentId: params.paymentId, refundId: form.get("refundId") });
		if (!parsed.success)
			return data({ errors: { formError: "payments.admin.errors.refundNotFound" } as FormErrors }, { status: 400 });
		try {
			await retryRefundAsStaff({ staffId: session.user.id, ...parsed.data });
		} catch (error) {
			return formFailure(error);
		}
		return redirectWithToast(back, { kind: "success", messageKey: "payments.admin.refund.retried" });
	}
	const parsed = parseForm(form, adminRefundSchema);
	if (!parsed.ok) return parsed.response;
	try {
		await refundAsStaff({
			staffId: session.user.id,
			paymentId: params.paymentId,
			amountFen: parsed.data.amount,
			reason: parsed.data.reason,
		});
	} catch (error) {
		return formFailure(error);
	}
	return redirectWithToast(back, { kind: "success", messageKey: "payments.admin.refund.done" });
}

const card = "rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6";

export default function AdminPayment({ loaderData, actionData }: Route.ComponentProps) {
	const { t, i18n } = useTranslation();
	const money = (fen: number) => formatFen(fen, i18n.language);
	const { payment, booking, events, refunds, journals, mayRefund } = loaderData;
	const navigation = useNavigation();
	const errors = actionData?.errors;
	const fieldError = (name: string) => (errors?.fields?.[name] ? t(errors.fields[name], errors.params ?? {}) : null);
	const facts: Array<[string, string]> = [
		[t("payments.admin.detail.amount"), `${money(payment.amountFen)} · ${t(`payments.kinds.${payment.kind}`)}`],
		[t("payments.admin.method"), `${t(`payments.methods.${payment.method}`)} · ${payment.channel}`],
		[t("payments.admin.detail.refunded"), money(payment.refundedFen)],
		[t("payments.admin.detail.refundable"), money(payment.refundableFen)],
		[t("payments.admin.detail.payer"), payment.payerName],
		[t("payments.admin.detail.outTradeNo"), payment.outTradeNo],
		[t("payments.admin.detail.created"), formatShanghai(payment.createdAt)],
	];
	if (payment.providerTradeNo) facts.push([t("payments.admin.detail.providerTradeNo"), payment.providerTradeNo]);
	if (payment.succeededAt) facts.push([t("payments.admin.detail.succeeded"), formatShanghai(payment.succeededAt)]);
	else facts.push([t("payments.admin.detail.expires"), formatShanghai(payment.expiresAt)]);
	if (payment.failureReason) facts.push([t("payments.admin.detail.failure"), payment.failureReason]);
	const submitting = (intent: string) =>
		navigation.state === "submitting" && (navigation.formData?.get("intent") ?? "refund") === intent;
	return (
		<div className="space-y-5">
			<Link to="/admin/payments" className="inline-flex items-center gap-1 text-sm text-cloth-700 hover:underline">
				<span aria-hidden>←</span> {t("payments.admin.detail.back")}
			</Link>
			<header className="space-y-1">
				<div className="flex flex-wrap items-center gap-2">
					<h1 className="text-2xl font-semibold tabular-nums">{money(payment.amountFen)}</h1>
					<PaymentStatus status={payment.status} />
				</div>
				<p className="break-all font-mono text-xs text-muted">{payment.id}</p>
			</header>
			<div className="grid gap-5 lg:grid-cols-2 lg:items-start">
				<div className="space-y-5">
					<section aria-labelledby="facts" className={card}>
						<h2 id="facts" className="text-lg font-semibold">
							{t("payments.admin.detail.facts")}
						</h2>
						<dl className="mt-3 divide-y divide-line">
							{facts.map(([label, value]) => (
								<div key={label} className="grid grid-cols-[7rem_1fr] gap-3 py-2.5 text-sm">
									<dt className="text-muted">{label}</dt>
									<dd className="break-all tabular-nums">{value}</dd>
								</div>
							))}
							<div className="grid grid-cols-[7rem_1fr] gap-3 py-2.5 text-sm">
								<dt className="text-muted">{t("payments.admin.detail.booking")}</dt>
								<dd>
									<Link className="text-cloth-700 hover:underline" to={`/admin/bookings/${booking.id}`}>
										{t("payments.admin.detail.bookingLink", { status: t(`booking.orders.status.${booking.status}`) })}
									</Link>
									<span className="block text-muted">
										{formatShanghai(booking.startsAt)} ·{" "}
										{t("payments.admin.detail.bookingAmounts", { price: money(booking.priceFen), paid: money(booking.paidFen) })}
									</span>
								</dd>
							</div>
						</dl>
					</section>
					{mayRefund ? (
						<section aria-labelledby="refund" className={card}>
							<h2 id="refund" className="text-lg font-semibold">
								{t("payments.admin.refund.title")}
							</h2>
							{payment.refundableFen > 0 ? (
								<Form method="post" className="mt-3 space-y-3">
									<p className="text-sm text-muted">{t("payments.admin.refund.body", { left: money(payment.refundableFen) })}</p>
									<FormAlert messageKey={errors?.formError} params={errors?.params} />
									<Field
										label={t("payments.admin.refund.amount")}
										name="amount"
										inputMode="decimal"
										required
										autoComplete="off"
										placeholder={fenToYuan(payment.refundableFen)}
										error={fieldError("amount")}
									/>
									<Field
										label={t("payments.admin.refund.reason")}
										name="reason"
										required
										minLength={2}
										maxLength={300}
										autoComplete="off"
										error={fieldError("reason")}
									/>
									<Button type="submit" variant="danger" busy={submitting("refund")}>
										{t("payments.admin.refund.submit")}
									</Button>
								</Form>
							) : (
								<>
									<FormAlert messageKey={errors?.formError} params={errors?.params} />
									<p className="mt-2 text-sm text-muted">{t("payments.admin.refund.notNow")}</p>
								</>
							)}
						</section>
					) : null}
					<section aria-labelledby="refunds" className={card}>
						<h2 id="refunds" className="text-lg font-semibold">
							{t("payments.admin.detail.refunds")}
						</h2>
						{refunds.length === 0 ? (
							<p className="mt-2 text-sm text-muted">{t("payments.admin.detail.refundsEmpty")}</p>
						) : (
							<ul className="mt-3 divide-y divide-line">
								{refunds.map((refund) => (
									<li key={refund.id} className="space-y-1 py-3 text-sm">
										<div className="flex flex-wrap items-center gap-2">
											<span className="font-medium tabular-nums">{money(refund.amountFen)}</span>
											<RefundStatus status={refund.status} />
											<span className="text-muted">{formatShanghai(refund.createdAt)}</span>
										</div>
										<p className="break-words">{refund.reason}</p>
										<p className="break-all font-mono text-xs text-muted">
											{refund.outRequestNo} · {t("payments.admin.detail.attempts", { count: refund.attempts })}
										</p>
										{refund.lastError ? (
											<p className="break-words text-danger">
												{t("payments.admin.detail.lastError", { error: refund.lastError })}
											</p>
										) : null}
										{refund.status === "failed" && mayRefund ? (
											<Form method="post" className="flex flex-wrap items-center gap-2 pt-1">
												<input type="hidden" name="intent" value="retry" />
												<input type="hidden" name="refundId" value={refund.id} />
												<span className="text-muted">{t("payments.admin.detail.retryBody")}</span>
												<Button type="submit" variant="ghost" busy={submitting("retry")}>
													{t("payments.admin.detail.retry")}
												</Button>
											</Form>
										) : null}
									</li>
								))}
							</ul>
						)}
					</section>
				</div>
				<div className="space-y-5">
					<section aria-labelledby="events" className={card}>
						<h2 id="events" className="text-lg font-semibold">
							{t("payments.admin.detail.events")}
						</h2>
						{events.length === 0 ? (
							<p className="mt-2 text-sm text-muted">{t("payments.admin.detail.eventsEmpty")}</p>
						) : (
							<ol className="mt-3 divide-y divide-line">
								{events.map((event) => (
									<li key={event.id} className="space-y-1 py-3 text-sm">
										<div className="flex flex-wrap items-center gap-x-2">
											<span className="font-medium">{event.kind}</span>
											<span className={event.outcome === "applied" ? "text-cloth-700" : "text-muted"}>{event.outcome}</span>
											<span className="text-muted">{formatShanghai(event.at)}</span>
										</div>
										<details>
											<summary className="cursor-pointer text-cloth-700">{t("payments.admin.detail.eventFacts")}</summary>
											<pre className="mt-1 overflow-x-auto rounded-xl bg-paper p-2 text-xs">
												{JSON.stringify({ eventId: event.eventId, ...event.detail }, null, 2)}
											</pre>
										</details>
									</li>
								))}
							</ol>
						)}
					</section>
					<section aria-labelledby="journals" className={card}>
						<h2 id="journals" className="text-lg font-semibold">
							{t("payments.admin.detail.journals")}
						</h2>
						{journals.length === 0 ? (
							<p className="mt-2 text-sm text-muted">{t("payments.admin.detail.journalsEmpty")}</p>
						) : (
							<div className="mt-3 space-y-4">
								{journals.map((journal) => (
									<div key={journal.id}>
										<p className="text-sm">
											<span className="font-medium">{journal.kind}</span>{" "}
											<span className="text-muted">{formatShanghai(journal.createdAt)}</span>
										</p>
										<div className="mt-1 overflow-x-auto">
											<table className="w-full text-sm">
												<thead className="text-left text-xs text-muted">
													<tr>
														<th className="py-1 pr-2 font-normal">{t("payments.admin.detail.account")}</th>
														<th className="py-1 pr-2 font-normal">{t("payments.admin.detail.ref")}</th>
														<th className="py-1 text-right font-normal">{t("payments.admin.detail.entryAmount")}</th>
													</tr>
												</thead>
												<tbody className="divide-y divide-line">
													{journal.entries.map((entry, index) => (
														<tr key={`${entry.account}-${entry.ref}-${index}`}>
															<td className="py-1.5 pr-2">
																{t(`payments.ledger.accounts.${entry.account}`, { defaultValue: entry.account })}
															</td>
															<td className="max-w-[9rem] truncate py-1.5 pr-2 font-mono text-xs" title={entry.ref}>
																{entry.ref || t("payments.ledger.noRef")}
															</td>
															<td className="py-1.5 text-right tabular-nums">
																{entry.amountFen > 0 ? "+" : "−"}
																{money(Math.abs(entry.amountFen))}
															</td>
														</tr>
													))}
												</tbody>
											</table>
										</div>
									</div>
								))}
							</div>
						)}
					</section>
				</div>
			</div>
		</div>
	);
}
