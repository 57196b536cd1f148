import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { loadFilteredList } from "~/lib/filtered-list.server";
import { pageTitle } from "~/lib/i18n";
import { listAudit, listAuditActors } from "~/modules/accounts/admin/audit-log.server";
import { AuditList } from "~/modules/accounts/admin/components/audit-list";
import { KeysetPagination } from "~/modules/accounts/admin/components/keyset-pagination";
import { auditActions, auditFilterSchema } from "~/modules/accounts/admin/schema";
import { requirePermission } from "~/modules/accounts/guards.server";
import { EmptyState } from "~/ui/empty-state";
import { Field } from "~/ui/field";
import { FilterForm, useFilterError } from "~/ui/filter-form";
import { Select } from "~/ui/select";
import type { Route } from "./+types/audit";

const filterNames = ["action", "actorId", "targetId", "from", "to"] as const;

export async function loader({ request }: Route.LoaderArgs) {
	await requirePermission(request, "read:audit:any");
	const list = await loadFilteredList(request, filterNames, auditFilterSchema, listAudit, { entries: [], nextCursor: null });
	return { title: pageTitle(request, "admin.audit.title"), actors: await listAuditActors(), ...list };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function AdminAudit({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const { values, actors, entries, nextCursor, errors } = loaderData;
	const error = useFilterError(errors);
	return (
		<div className="space-y-6">
			<div>
				<h1 className="text-2xl font-semibold sm:text-3xl">{t("admin.audit.title")}</h1>
				<p className="mt-1 text-muted">{t("admin.audit.body")}</p>
			</div>
			<FilterForm
				label={t("admin.audit.filters")}
				values={values}
				alert={errors.targetId ?? errors.cursor}
				gridClassName="grid grid-cols-2 gap-3 lg:grid-cols-4 lg:items-end"
			>
				{values.targetId ? <input type="hidden" name="targetId" value={values.targetId} /> : null}
				<Field className="col-span-2 sm:col-span-1" label={t("admin.audit.action")} error={error("action")}>
					{(wiring) => (
						<Select
							name="action"
							defaultValue={values.action}
							options={[
								{ value: "", label: t("admin.audit.any") },
								...auditActions.map((action) => ({ value: action, label: t(`admin.audit.actions.${action}`) })),
							]}
							{...wiring}
						/>
					)}
				</Field>
				<Field className="col-span-2 sm:col-span-1" label={t("admin.audit.actor")} error={error("actorId")}>
					{(wiring) => (
						<Select
							name="actorId"
							defaultValue={values.actorId}
							options={[
								{ value: "", label: t("admin.audit.any") },
								...actors.map((actor) => ({ value: actor.id, label: actor.displayName ?? t("admin.deletedUser") })),
							]}
							{...wiring}
						/>
					)}
				</Field>
				<Field label={t("admin.audit.from")} type="date" name="from" defaultValue={values.from} error={error("from")} />
				<Field label={t("admin.audit.to")} type="date" name="to" defaultValue={values.to} error={error("to")} />
			</FilterForm>
			{entries.length === 0 ? (
				<EmptyState icon="📋" title={t("admin.audit.emptyTitle")} body={t("admin.audit.emptyBody")} />
			) : (
				<section aria-label={t("admin.audit.title")} className="rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6">
					<AuditList entries={entries} />
					<KeysetPagination nextCursor={nextCursor} />
				</section>
			)}
			{values.targetId ? (
				<Link to={`/admin/users/${values.targetId}`} className="inline-flex text-sm text-cloth-700 hover:underline">
					<span aria-hidden>← </span>
					{t("admin.audit.backToUser")}
				</Link>
			) : null}
		</div>
	);
}
