import { useTranslation } from "react-i18next";
import { loadFilteredList } from "~/lib/filtered-list.server";
import { pageTitle } from "~/lib/i18n";
import { formatFen } from "~/lib/money";
import { ResultList } from "~/modules/accounts/admin/components/result-list";
import { formatShanghai } from "~/modules/accounts/admin/format";
import { requirePermission } from "~/modules/accounts/guards.server";
import { PaymentStatus } from "~/modules/payments/admin/components/payment-status";
import { listAdminPayments } from "~/modules/payments/admin/list-payments.server";
import { adminPaymentFilterSchema } from "~/modules/payments/admin/schema";
import { Field } from "~/ui/field";
import { FilterForm, isFiltered, useFilterError } from "~/ui/filter-form";
import { Select } from "~/ui/select";
import type { Route } from "./+types/payments";

const filterNames = ["status", "method", "kind", "from", "to", "q"] as const;
const statuses = ["pending", "succeeded", "failed", "closed"] as const;
const methods = ["alipay", "wechatpay", "stripe", "sandbox"] as const;
const kinds = ["deposit", "full", "balance", "tip"] as const;

export async function loader({ request }: Route.LoaderArgs) {
	await requirePermission(request, "read:payment:any");
	const list = await loadFilteredList(request, filterNames, adminPaymentFilterSchema, listAdminPayments, {
		payments: [],
		nextCursor: null,
	});
	return { title: pageTitle(request, "payments.admin.title"), ...list };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function AdminPayments({ loaderData }: Route.ComponentProps) {
	const { t, i18n } = useTranslation();
	const { values, payments, nextCursor, errors } = loaderData;
	const filtered = isFiltered(values);
	const error = useFilterError(errors);
	const options = (prefix: string, list: readonly string[]) => [
		{ value: "", label: t("payments.admin.any") },
		...list.map((value) => ({ value, label: t(`${prefix}.${value}`) })),
	];
	return (
		<div className="space-y-6">
			<div>
				<h1 className="text-2xl font-semibold sm:text-3xl">{t("payments.admin.title")}</h1>
				<p className="mt-1 text-muted">{t("payments.admin.body")}</p>
			</div>
			<FilterForm
				label={t("payments.admin.filters")}
				values={values}
				alert={errors.cursor}
				gridClassName="grid grid-cols-2 gap-3 lg:grid-cols-6 lg:items-start"
			>
				<Field label={t("payments.admin.status")} error={error("status")}>
					{(wiring) => (
						<Select name="status" defaultValue={values.status} options={options("payments.status", statuses)} {...wiring} />
					)}
				</Field>
				<Field label={t("payments.admin.method")} error={error("method")}>
					{(wiring) => (
						<Select name="method" defaultValue={values.method} options={options("payments.methods", methods)} {...wiring} />
					)}
				</Field>
				<Field label={t("payments.admin.kind")} error={error("kind")}>
					{(wiring) => <Select name="kind" defaultValue={values.kind} options={options("payments.kinds", kinds)} {...wiring} />}
				</Field>
				<Field label={t("payments.admin.from")} type="date" name="from" defaultValue={values.from} error={error("from")} />
				<Field label={t("payments.admin.to")} type="date" name="to" defaultValue={values.to} error={error("to")} />
				<Field
					className="col-span-2 lg:col-span-1"
					label={t("payments.admin.q")}
					name="q"
					defaultValue={values.q}
					placeholder={t("payments.admin.qPlaceholder")}
					autoComplete="off"
					error={error("q")}
				/>
			</FilterForm>
			<ResultList
				label={t("payments.admin.results")}
				items={payments}
				href={(payment) => `/admin/payments/${payment.id}`}
				columns="sm:grid-cols-[minmax(0,1fr)_minmax(0,1.3fr)_auto]"
				nextCursor={nextCursor}
				empty={{
					icon: "💳",
					title: t(filtered ? "payments.admin.noMatchTitle" : "payments.admin.emptyTitle"),
					body: t(filtered ? "payments.admin.noMatchBody" : "payments.admin.emptyBody"),
				}}
			>
				{(payment) => (
					<>
						<span className="flex min-w-0 flex-wrap items-center gap-2">
							<span className="font-medium tabular-nums">{formatShanghai(payment.createdAt)}</span>
							<PaymentStatus status={payment.status} />
						</span>
						<span className="mt-0.5 block min-w-0 text-sm text-muted sm:mt-0">
							<span className="block truncate">
								{payment.payerName} · {t(`payments.kinds.${payment.kind}`)} · {t(`payments.methods.${payment.method}`)}
							</span>
							<span className="block truncate font-mono text-xs">{payment.outTradeNo}</span>
						</span>
						<span className="mt-0.5 block text-sm tabular-nums sm:mt-0 sm:text-right">
							<span className="font-medium">{formatFen(payment.amountFen, i18n.language)}</span>
							{payment.refundedFen > 0 ? (
								<span className="block text-xs text-muted">
									{t("payments.admin.refunded", { amount: formatFen(payment.refundedFen, i18n.language) })}
								</span>
							) : null}
						</span>
					</>
				)}
			</ResultList>
		</div>
	);
}
