import { useTranslation } from "react-i18next";
import { data, Form, Link, useNavigation } from "react-router";
import { z } from "zod";
import { type FormErrors, formErrorsOf } from "~/lib/form.server";
import { pageTitle } from "~/lib/i18n";
import { redirectWithToast } from "~/lib/toast.server";
import { fieldErrorKeys } from "~/lib/validation";
import { reasonSchema } from "~/modules/accounts/admin/schema";
import { requirePermission } from "~/modules/accounts/guards.server";
import { createBankBatch, listBankBatches, markBankLine } from "~/modules/payments/payouts/bank-batches.server";
import { StaffWithdrawalCard } from "~/modules/payments/payouts/components/staff-withdrawal-card";
import { approveWithdrawal, rejectWithdrawal } from "~/modules/payments/payouts/decide-withdrawal.server";
import { withdrawalStatuses } from "~/modules/payments/payouts/schema";
import { listWithdrawalsForStaff } from "~/modules/payments/payouts/staff-withdrawals.server";
import { Button } from "~/ui/button";
import { EmptyState } from "~/ui/empty-state";
import { FormAlert } from "~/ui/form-alert";
import type { Route } from "./+types/withdrawals";

const permission = "approve:withdrawal:any" as const;
const statusFilter = z.enum(withdrawalStatuses).optional().catch(undefined);

export async function loader({ request }: Route.LoaderArgs) {
	await requirePermission(request, permission);
	const status = statusFilter.parse(new URL(request.url).searchParams.get("status") ?? undefined);
	return {
		status: status ?? null,
		items: await listWithdrawalsForStaff({ status }),
		batches: await listBankBatches(),
		title: pageTitle(request, "payouts.admin.title"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

const inputs = z.object({
	intent: z.enum(["approve", "reject", "bank-paid", "bank-failed", "batch"]),
	withdrawalId: z.string().uuid("payouts.errors.withdrawalNotFound").optional(),
	reason: z.string().optional(),
});

/** Each decision through the payouts services, which audit it in the same transaction. */
export async function action({ request }: Route.ActionArgs) {
	const session = await requirePermission(request, permission);
	const form = Object.fromEntries(await request.formData());
	const parsed = inputs.safeParse(form);
	const withdrawalId = typeof form.withdrawalId === "string" ? form.withdrawalId : null;
	const failed = (errors: FormErrors, status: number) => data({ withdrawalId, errors }, { status });
	if (!parsed.success) return failed({ formError: "errors.badRequest" }, 400);
	const { intent } = parsed.data;
	const staffId = session.user.id;
	// Back to the queue as it was filtered (request.url of a client-side submission names the data route, not the page).
	const status = statusFilter.parse(new URL(request.url).searchParams.get("status") ?? undefined);
	const back = status ? `/admin/withdrawals?status=${status}` : "/admin/withdrawals";
	try {
		if (intent === "batch") {
			await createBankBatch(staffId);
			return redirectWithToast(back, { kind: "success", messageKey: "payouts.admin.batchCreated" });
		}
		const id = parsed.data.withdrawalId;
		if (!id) return failed({ formError: "payouts.errors.withdrawalNotFound" }, 404);
		if (intent === "approve") await approveWithdrawal({ staffId, withdrawalId: id });
		if (intent === "bank-paid") await markBankLine({ staffId, withdrawalId: id, outcome: "paid" });
		if (intent === "reject" || intent === "bank-failed") {
			const reason = reasonSchema.safeParse(parsed.data.reason);
			if (!reason.success)
				return failed({ fields: { reason: fieldErrorKeys(reason.error)._ ?? "admin.errors.reasonRequired" } }, 400);
			if (intent === "reject") await rejectWithdrawal({ staffId, withdrawalId: id, reason: reason.data });
			else await markBankLine({ staffId, withdrawalId: id, outcome: "failed", reason: reason.data });
		}
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		return failed(errors, init.status ?? 400);
	}
	const done = intent === "approve" ? "approved" : intent === "reject" ? "rejected" : "marked";
	return redirectWithToast(back, { kind: "success", messageKey: `payouts.admin.${done}` });
}

export default function AdminWithdrawals({ loaderData, actionData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const navigation = useNavigation();
	const busy = (key: string) =>
		navigation.state !== "idle" && `${navigation.formData?.get("intent")}:${navigation.formData?.get("withdrawalId")}` === key;
	const { items, batches, status } = loaderData;
	const errorsFor = (id: string) => (actionData && actionData.withdrawalId === id ? actionData.errors : null);
	const tab = (value: string | null) => (
		<Link
			key={value ?? "all"}
			to={value ? `/admin/withdrawals?status=${value}` : "/admin/withdrawals"}
			aria-current={status === value ? "page" : undefined}
			className="inline-flex h-9 shrink-0 items-center rounded-full px-4 text-sm ring-1 ring-line aria-[current=page]:bg-cloth-800 aria-[current=page]:text-white aria-[current=page]:ring-cloth-800"
		>
			{value ? t(`payouts.status.${value}`) : t("payouts.admin.all")}
		</Link>
	);
	return (
		<div className="space-y-6">
			<div>
				<h1 className="text-2xl font-semibold sm:text-3xl">{t("payouts.admin.title")}</h1>
				<p className="mt-1 text-muted">{t("payouts.admin.intro")}</p>
			</div>
			<nav aria-label={t("payouts.admin.filter")} className="-mx-1 flex gap-2 overflow-x-auto px-1 pb-1">
				{[null, ...withdrawalStatuses].map(tab)}
			</nav>
			{items.length === 0 ? (
				<EmptyState icon="¥" title={t("payouts.admin.empty")} />
			) : (
				<ul className="space-y-3">
					{items.map((item) => (
						<StaffWithdrawalCard key={item.id} item={item} errors={errorsFor(item.id)} busy={busy} />
					))}
				</ul>
			)}
			<section aria-labelledby="batches" className="space-y-3 rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6">
				<div className="flex flex-wrap items-center justify-between gap-2">
					<h2 id="batches" className="text-lg font-semibold">
						{t("payouts.admin.batches")}
					</h2>
					<Form method="post">
						<input type="hidden" name="intent" value="batch" />
						<Button type="submit" size="sm" variant="secondary" busy={busy("batch:null")}>
							{t("payouts.admin.createBatch")}
						</Button>
					</Form>
				</div>
				{actionData && actionData.withdrawalId === null ? <FormAlert messageKey={actionData.errors.formError} /> : null}
				{batches.length === 0 ? (
					<p className="text-sm text-muted">{t("payouts.admin.noBatches")}</p>
				) : (
					<ul className="divide-y divide-line text-sm">
						{batches.map((batch) => (
							<li key={batch.id} className="flex items-center justify-between gap-3 py-2">
								<span className="font-mono text-xs">{batch.id.slice(0, 8)}</span>
								<span className="text-muted">
									{new Date(batch.createdAt).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" })}
								</span>
								<a
									className="font-medium text-cloth-700 underline underline-offset-2"
									href={`/admin/withdrawals/batches/${batch.id}/file.csv`}
								>
									{t("payouts.admin.download")}
								</a>
							</li>
						))}
					</ul>
				)}
			</section>
		</div>
	);
}
