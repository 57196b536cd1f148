import { useTranslation } from "react-i18next";
import { Form, Link, useNavigation } from "react-router";
import { isAppError } from "~/lib/errors";
import { pageTitle } from "~/lib/i18n";
import { fieldErrorKeys } from "~/lib/validation";
import { listAudit, listAuditActors } from "~/modules/accounts/admin/audit-log.server";
import { AuditList } from "~/modules/accounts/admin/components/audit-list";
import { KeysetPagination } from "~/modules/accounts/admin/components/keyset-pagination";
import { auditActions, auditFilterSchema } from "~/modules/accounts/admin/schema";
import { requirePermission } from "~/modules/accounts/guards.server";
import { Button, ButtonLink } from "~/ui/button";
import { EmptyState } from "~/ui/empty-state";
import { Field } from "~/ui/field";
import { Select } from "~/ui/select";
import type { Route } from "./+types/audit";

const filterNames = ["action", "actorId", "targetId", "from", "to"] as const;

export async function loader({ request }: Route.LoaderArgs) {
	await requirePermission(request, "read:audit:any");
	const searchParams = new URL(request.url).searchParams;
	const values = Object.fromEntries(filterNames.map((name) => [name, searchParams.get(name) ?? ""]));
	const base = { title: pageTitle(request, "admin.audit.title"), values, actors: await listAuditActors() };
	const parsed = auditFilterSchema.safeParse({ ...values, cursor: searchParams.get("cursor") ?? "" });
	if (!parsed.success) return { ...base, entries: [], nextCursor: null, errors: fieldErrorKeys(parsed.error) };
	try {
		return { ...base, ...(await listAudit(parsed.data)), errors: {} as Record<string, string> };
	} catch (error) {
		if (isAppError(error) && error.options.fields)
			return { ...base, entries: [], nextCursor: null, errors: error.options.fields };
		throw error;
	}
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function AdminAudit({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const { values, actors, entries, nextCursor, errors } = loaderData;
	const navigation = useNavigation();
	const filtering = navigation.state === "loading" && navigation.location.pathname === "/admin/audit";
	const filtered = filterNames.some((name) => values[name]);
	const error = (name: string) => (errors[name] ? t(errors[name]) : null);
	return (
		<div className="space-y-6">
			<div>
				<h1 className="text-2xl font-semibold sm:text-3xl">{t("admin.audit.title")}</h1>
				<p className="mt-1 text-muted">{t("admin.audit.body")}</p>
			</div>
			<Form method="get" aria-label={t("admin.audit.filters")} className="rounded-3xl bg-white p-4 shadow-(--shadow-card) sm:p-5">
				{values.targetId ? <input type="hidden" name="targetId" value={values.targetId} /> : null}
				<div className="grid grid-cols-2 gap-3 lg:grid-cols-[1fr_1fr_auto_auto_auto] lg:items-end">
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
					<div className="col-span-2 flex gap-2 lg:col-span-1">
						<Button type="submit" busy={filtering} className="flex-1 lg:flex-none">
							{t("admin.audit.apply")}
						</Button>
						{filtered ? (
							<ButtonLink to="/admin/audit" variant="ghost" className="flex-1 lg:flex-none">
								{t("admin.audit.clear")}
							</ButtonLink>
						) : null}
					</div>
				</div>
				{errors.targetId || errors.cursor ? (
					<p role="alert" className="mt-3 text-sm text-danger">
						{t(errors.targetId ?? errors.cursor ?? "")}
					</p>
				) : null}
			</Form>
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
