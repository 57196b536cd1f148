import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import type { ZodError } from "zod";
import { isAppError } from "~/lib/errors";
import { formErrorsOf } from "~/lib/form.server";
import { pageTitle } from "~/lib/i18n";
import { redirectWithToast } from "~/lib/toast.server";
import { fieldErrorKeys } from "~/lib/validation";
import { AuditList } from "~/modules/accounts/admin/components/audit-list";
import { RoleChips, StatusBadge } from "~/modules/accounts/admin/components/status-badge";
import { RoleForms, StatusForm, type UserActionData } from "~/modules/accounts/admin/components/user-forms";
import { formatShanghai } from "~/modules/accounts/admin/format";
import { getUserDetail } from "~/modules/accounts/admin/get-user-detail.server";
import { grantRole } from "~/modules/accounts/admin/grant-role.server";
import { canManageRoles, statusChangeBlocker } from "~/modules/accounts/admin/policy";
import { reinstateUser } from "~/modules/accounts/admin/reinstate-user.server";
import { revokeRole } from "~/modules/accounts/admin/revoke-role.server";
import { roleGrantSchema, statusChangeSchema, userIdSchema } from "~/modules/accounts/admin/schema";
import { suspendUser } from "~/modules/accounts/admin/suspend-user.server";
import { requirePermission } from "~/modules/accounts/guards.server";
import type { Route } from "./+types/user";

function userIdOf(params: { userId?: string }): string {
	const parsed = userIdSchema.safeParse(params.userId);
	if (!parsed.success) throw data(null, { status: 404 });
	return parsed.data;
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const session = await requirePermission(request, "read:user:any");
	const actor = { id: session.user.id, roles: session.roles };
	try {
		const detail = await getUserDetail(userIdOf(params));
		return {
			detail,
			title: pageTitle(request, "admin.user.details"),
			statusBlocker: statusChangeBlocker(actor, { id: detail.user.id, roles: detail.user.roles }),
			canManageRoles: canManageRoles(actor),
			isSelf: actor.id === detail.user.id,
		};
	} catch (error) {
		if (isAppError(error) && error.status === 404) {
			throw data(null, { status: 404 });
		}
		throw error;
	}
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
	{ title: loaderData ? `${loaderData.detail.user.displayName ?? ""} · ${loaderData.title}` : undefined },
];

const toasts = {
	suspend: "admin.toast.suspended",
	reinstate: "admin.toast.reinstated",
	grant: "admin.toast.roleGranted",
	revoke: "admin.toast.roleRevoked",
} as const;

/** One form per intent; every one works as a plain POST without JavaScript. */
export async function action({ request, params }: Route.ActionArgs) {
	const userId = userIdOf(params);
	const form = Object.fromEntries(await request.formData());
	const intent = form.intent;
	if (intent !== "suspend" && intent !== "reinstate" && intent !== "grant" && intent !== "revoke") {
		return data({ intent: null, errors: { formError: "errors.badRequest" } } satisfies UserActionData, { status: 400 });
	}
	const session = await requirePermission(
		request,
		intent === "grant" || intent === "revoke" ? "grant:role:any" : "suspend:user:any",
	);
	const actor = { id: session.user.id, roles: session.roles };
	const values = Object.fromEntries(
		(["role", "venueId", "reason"] as const).map((name) => [name, String(form[name] ?? "").slice(0, 500)]),
	);
	const invalid = (error: ZodError) =>
		data({ intent, errors: { fields: fieldErrorKeys(error) }, values } satisfies UserActionData, { status: 400 });
	try {
		if (intent === "suspend" || intent === "reinstate") {
			const parsed = statusChangeSchema.safeParse(form);
			if (!parsed.success) return invalid(parsed.error);
			const change = intent === "suspend" ? suspendUser : reinstateUser;
			await change({ actor, userId, reason: parsed.data.reason });
		} else {
			const parsed = roleGrantSchema.safeParse(form);
			if (!parsed.success) return invalid(parsed.error);
			const change = intent === "grant" ? grantRole : revokeRole;
			await change({ actor, userId, ...parsed.data });
		}
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		return data({ intent, errors, values } satisfies UserActionData, init);
	}
	return redirectWithToast(`/admin/users/${userId}`, { kind: "success", messageKey: toasts[intent] });
}

export default function AdminUser({ loaderData, actionData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const { detail, statusBlocker, isSelf } = loaderData;
	const { user } = detail;
	const facts: Array<[string, string]> = [
		[t("admin.user.phone"), user.phoneMasked ?? t("admin.user.none")],
		[
			t("admin.user.email"),
			user.emailMasked
				? `${user.emailMasked} (${t(user.emailVerified ? "admin.user.verified" : "admin.user.unverified")})`
				: t("admin.user.none"),
		],
		[t("admin.user.language"), t(`common.language.${user.locale}`, { defaultValue: user.locale })],
		[t("admin.user.twoFactor"), t(user.twoFactorEnabled ? "admin.user.on" : "admin.user.off")],
		[t("admin.user.joined"), formatShanghai(user.createdAt)],
		[t("admin.user.sessions"), t("admin.user.sessionCount", { count: detail.sessionCount })],
		[t("admin.user.lastSeen"), detail.lastSeenAt ? formatShanghai(detail.lastSeenAt) : t("admin.user.never")],
	];
	return (
		<div className="space-y-5">
			<Link to="/admin" className="inline-flex items-center gap-1 text-sm text-cloth-700 hover:underline">
				<span aria-hidden>←</span> {t("admin.user.back")}
			</Link>
			<header className="flex items-center gap-4">
				<span
					aria-hidden
					className="flex size-14 shrink-0 items-center justify-center rounded-full bg-cloth-800 text-xl font-semibold text-white sm:size-16"
				>
					{(user.displayName ?? "?").slice(0, 1)}
				</span>
				<div className="min-w-0 space-y-1">
					<div className="flex flex-wrap items-center gap-2">
						<h1 className="truncate text-2xl font-semibold">{user.displayName ?? t("admin.deletedUser")}</h1>
						<StatusBadge status={user.status} />
					</div>
					<RoleChips roles={user.roles} />
					<p className="break-all text-xs text-muted">
						{t("admin.user.id")}: <span className="font-mono">{user.id}</span>
					</p>
				</div>
			</header>

			<div className="grid gap-5 lg:grid-cols-2 lg:items-start">
				<div className="space-y-5">
					<section aria-labelledby="details-title" className="rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6">
						<h2 id="details-title" className="text-lg font-semibold">
							{t("admin.user.details")}
						</h2>
						<dl className="mt-3 divide-y divide-line">
							{facts.map(([label, value]) => (
								<div key={label} className="flex justify-between gap-4 py-2.5 text-[15px]">
									<dt className="shrink-0 text-muted">{label}</dt>
									<dd className="min-w-0 break-all text-right tabular-nums">{value}</dd>
								</div>
							))}
						</dl>
					</section>
					<StatusForm status={user.status} statusReason={user.statusReason} blocker={statusBlocker} actionData={actionData} />
				</div>
				<div className="space-y-5">
					<RoleForms
						grants={detail.grants}
						canManageRoles={loaderData.canManageRoles && user.status !== "deleted"}
						isSelf={isSelf}
						actionData={actionData}
					/>
					<section aria-labelledby="activity-title" className="rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6">
						<div className="flex items-baseline justify-between gap-3">
							<h2 id="activity-title" className="text-lg font-semibold">
								{t("admin.user.recentActivity")}
							</h2>
							{detail.recentAudit.length > 0 ? (
								<Link to={`/admin/audit?targetId=${user.id}`} className="text-sm text-cloth-700 hover:underline">
									{t("admin.user.allActivity")}
								</Link>
							) : null}
						</div>
						<div className="mt-3">
							{detail.recentAudit.length > 0 ? (
								<AuditList entries={detail.recentAudit} showTarget={false} />
							) : (
								<p className="text-muted">{t("admin.user.noActivity")}</p>
							)}
						</div>
					</section>
				</div>
			</div>
		</div>
	);
}
