import { useTranslation } from "react-i18next";
import { data, Form, Link, useNavigation } from "react-router";
import { type FormErrors, formErrorsOf } from "~/lib/form.server";
import { pageTitle } from "~/lib/i18n";
import { formatFen } from "~/lib/money";
import { redirectWithToast } from "~/lib/toast.server";
import { fieldErrorKeys } from "~/lib/validation";
import { formatShanghai } from "~/modules/accounts/admin/format";
import { requirePermission } from "~/modules/accounts/guards.server";
import { listReconciliationRuns } from "~/modules/payments/admin/reconciliation-runs.server";
import { listDifferences, resolveDifference } from "~/modules/payments/reconciliation/differences.server";
import { differenceIdSchema, resolveDifferenceSchema } from "~/modules/payments/reconciliation/schema";
import { Button } from "~/ui/button";
import { cn } from "~/ui/cn";
import { EmptyState } from "~/ui/empty-state";
import { Field } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import type { Route } from "./+types/reconciliation";

export async function loader({ request }: Route.LoaderArgs) {
	await requirePermission(request, "reconcile:payment:any");
	const status = new URL(request.url).searchParams.get("status") === "all" ? "all" : "open";
	const [runs, differences] = await Promise.all([listReconciliationRuns(), listDifferences({ status })]);
	return { runs, differences, status, title: pageTitle(request, "payments.reconciliationPage.title") };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

/** Resolving a difference with a note, through the reconciliation's own service (audited there). */
export async function action({ request }: Route.ActionArgs) {
	const session = await requirePermission(request, "reconcile:payment:any");
	const form = await request.formData();
	const differenceId = String(form.get("differenceId") ?? "");
	const id = differenceIdSchema.safeParse({ differenceId });
	const note = resolveDifferenceSchema.safeParse({ note: form.get("note") ?? undefined });
	const failed = (errors: FormErrors, status: number) => data({ differenceId, errors }, { status });
	if (!id.success) return failed({ formError: "payments.reconciliation.errors.notFound" }, 404);
	if (!note.success) return failed({ fields: fieldErrorKeys(note.error) }, 400);
	try {
		await resolveDifference({ staffId: session.user.id, differenceId, note: note.data.note });
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		return failed(errors, init.status ?? 400);
	}
	// Back to the list as it was filtered, by name: a submission from the page's script is addressed
	// to the route's data URL (…/reconciliation.data), which is no page to land on.
	const back =
		new URL(request.url).searchParams.get("status") === "all" ? "/admin/reconciliation?status=all" : "/admin/reconciliation";
	return redirectWithToast(back, {
		kind: "success",
		messageKey: "payments.reconciliationPage.done",
	});
}

const card = "rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6";

export default function AdminReconciliation({ loaderData, actionData }: Route.ComponentProps) {
	const { t, i18n } = useTranslation();
	const money = (fen: number | null) => (fen === null ? t("payments.reconciliationPage.none") : formatFen(fen, i18n.language));
	const { runs, differences, status } = loaderData;
	const navigation = useNavigation();
	const tab = (value: "open" | "all") => (
		<Link
			to={value === "all" ? "/admin/reconciliation?status=all" : "/admin/reconciliation"}
			aria-current={status === value ? "page" : undefined}
			className="inline-flex h-9 items-center rounded-full px-4 text-sm ring-1 ring-line aria-[current=page]:bg-cloth-800 aria-[current=page]:text-white aria-[current=page]:ring-cloth-800"
		>
			{t(`payments.reconciliationPage.${value}`)}
		</Link>
	);
	return (
		<div className="space-y-6">
			<div>
				<h1 className="text-2xl font-semibold sm:text-3xl">{t("payments.reconciliationPage.title")}</h1>
				<p className="mt-1 text-muted">{t("payments.reconciliationPage.body")}</p>
			</div>
			<section aria-labelledby="differences" className="space-y-3">
				<div className="flex flex-wrap items-center justify-between gap-2">
					<h2 id="differences" className="text-lg font-semibold">
						{t("payments.reconciliationPage.differences")}
					</h2>
					<div className="flex gap-2">
						{tab("open")}
						{tab("all")}
					</div>
				</div>
				{differences.length === 0 ? (
					<EmptyState
						icon="✓"
						title={t(
							status === "all"
								? "payments.reconciliationPage.differencesEmptyAll"
								: "payments.reconciliationPage.differencesEmpty",
						)}
						body=""
					/>
				) : (
					<ul className="space-y-3">
						{differences.map((difference) => {
							const mine = actionData?.differenceId === difference.id ? actionData.errors : undefined;
							return (
								<li key={difference.id} className={card}>
									<div className="flex flex-wrap items-center gap-2">
										<span
											className={cn(
												"inline-flex rounded-full px-2.5 py-0.5 text-xs font-medium",
												difference.resolvedAt ? "bg-slate-100 text-muted" : "bg-red-50 text-danger",
											)}
										>
											{t(`payments.reconciliationPage.kinds.${difference.kind}`)}
										</span>
										<span className="text-sm">
											{t(`payments.methods.${difference.provider}`, { defaultValue: difference.provider })} ·{" "}
											{difference.billDate}
										</span>
									</div>
									<p className="mt-2 break-all font-mono text-xs text-muted">
										{difference.outTradeNo}
										{difference.outRequestNo ? ` · ${difference.outRequestNo}` : ""}
									</p>
									<p className="mt-1 text-sm tabular-nums">
										{t("payments.reconciliationPage.ours", { amount: money(difference.ourFen) })} ·{" "}
										{t("payments.reconciliationPage.bill", { amount: money(difference.billFen) })}
									</p>
									{difference.paymentId ? (
										<Link
											to={`/admin/payments/${difference.paymentId}`}
											className="mt-1 inline-block text-sm text-cloth-700 hover:underline"
										>
											{t("payments.reconciliationPage.payment")}
										</Link>
									) : null}
									{difference.resolvedAt ? (
										<p className="mt-2 whitespace-pre-line break-words rounded-xl bg-paper px-3 py-2 text-sm">
											{t("payments.reconciliationPage.resolved", { note: difference.note ?? "" })} ·{" "}
											<span className="text-muted">{formatShanghai(difference.resolvedAt)}</span>
										</p>
									) : (
										<Form method="post" className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-start">
											<input type="hidden" name="differenceId" value={difference.id} />
											<div className="flex-1">
												<FormAlert messageKey={mine?.formError} params={mine?.params} />
												<Field
													label={t("payments.reconciliationPage.note")}
													name="note"
													required
													minLength={2}
													maxLength={1000}
													autoComplete="off"
													error={mine?.fields?.note ? t(mine.fields.note) : null}
												/>
											</div>
											<Button
												type="submit"
												className="sm:mt-7"
												busy={navigation.state === "submitting" && navigation.formData?.get("differenceId") === difference.id}
											>
												{t("payments.reconciliationPage.resolve")}
											</Button>
										</Form>
									)}
								</li>
							);
						})}
					</ul>
				)}
			</section>
			<section aria-labelledby="runs" className={card}>
				<h2 id="runs" className="text-lg font-semibold">
					{t("payments.reconciliationPage.runs")}
				</h2>
				{runs.length === 0 ? (
					<p className="mt-2 text-sm text-muted">{t("payments.reconciliationPage.runsEmpty")}</p>
				) : (
					<ul className="mt-3 divide-y divide-line">
						{runs.map((run) => (
							<li key={run.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2.5 text-sm">
								<span className="font-medium tabular-nums">{run.billDate}</span>
								<span>{t(`payments.methods.${run.provider}`, { defaultValue: run.provider })}</span>
								<span className={run.status === "failed" ? "text-danger" : "text-muted"}>
									{t(`payments.reconciliationPage.runStatus.${run.status}`, { defaultValue: run.status })}
								</span>
								<span className="basis-full text-muted sm:basis-auto">
									{t("payments.reconciliationPage.counts", {
										lines: run.billLines,
										matched: run.matched,
										differences: run.differences,
									})}
								</span>
								{run.error ? <span className="basis-full break-words text-danger">{run.error}</span> : null}
							</li>
						))}
					</ul>
				)}
			</section>
		</div>
	);
}
