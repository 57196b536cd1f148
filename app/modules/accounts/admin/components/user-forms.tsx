import { useTranslation } from "react-i18next";
import { Form, useNavigation } from "react-router";
import { Button } from "~/ui/button";
import { cn } from "~/ui/cn";
import { Field, inputClasses } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import { Select } from "~/ui/select";
import { grantableRoles } from "../../permissions";
import { formatShanghai } from "../format";
import type { RoleGrantView } from "../get-user-detail.server";

export type UserIntent = "suspend" | "reinstate" | "grant" | "revoke";

/** What the user page's action hands back on failure: which form failed, and its errors as i18n keys. */
export interface UserActionData {
	intent: UserIntent | null;
	errors: { fields?: Record<string, string>; formError?: string; params?: Record<string, string | number> };
	/** What was typed, so a page re-rendered without JavaScript keeps it. */
	values?: Record<string, string>;
}

const cardClass = "rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6";

function usePending(intent: UserIntent, extra?: (formData: FormData) => boolean): boolean {
	const navigation = useNavigation();
	const formData = navigation.formData;
	return Boolean(formData && formData.get("intent") === intent && (!extra || extra(formData)));
}

function errorsFor(actionData: UserActionData | undefined, intent: UserIntent) {
	return actionData?.intent === intent ? actionData.errors : undefined;
}

function valuesFor(actionData: UserActionData | undefined, intent: UserIntent): Record<string, string> {
	return (actionData?.intent === intent ? actionData.values : undefined) ?? {};
}

/** Suspend (or reinstate) with a reason, or why this staff member may not. */
export function StatusForm({
	status,
	statusReason,
	blocker,
	actionData,
}: {
	status: "active" | "suspended" | "deleted";
	statusReason: string | null;
	blocker: string | null;
	actionData: UserActionData | undefined;
}) {
	const { t } = useTranslation();
	const intent = status === "suspended" ? "reinstate" : "suspend";
	const errors = errorsFor(actionData, intent);
	const values = valuesFor(actionData, intent);
	const busy = usePending(intent);
	return (
		<section aria-labelledby="status-title" className={cardClass}>
			<h2 id="status-title" className="text-lg font-semibold">
				{t("admin.user.account")}
			</h2>
			{status === "suspended" && statusReason ? (
				<div className="mt-3 rounded-2xl bg-red-50 px-4 py-3 ring-1 ring-red-200">
					<p className="text-sm font-medium text-danger">{t("admin.user.statusReason")}</p>
					<p className="mt-1 whitespace-pre-line break-words">{statusReason}</p>
				</div>
			) : null}
			{status === "deleted" ? (
				<p className="mt-2 text-muted">{t("admin.user.deletedBody")}</p>
			) : blocker ? (
				<p className="mt-2 text-muted">{t(blocker)}</p>
			) : (
				<Form method="post" key={intent} className="mt-3 space-y-4">
					<p className="text-sm text-muted">{t(intent === "suspend" ? "admin.user.suspendBody" : "admin.user.reinstateBody")}</p>
					<FormAlert messageKey={errors?.formError} params={errors?.params} />
					<input type="hidden" name="intent" value={intent} />
					<Field
						label={t("admin.user.reason")}
						hint={t("admin.user.reasonHint")}
						error={errors?.fields?.reason ? t(errors.fields.reason) : null}
					>
						{(wiring) => (
							<textarea
								name="reason"
								defaultValue={values.reason}
								rows={3}
								required
								maxLength={500}
								className={cn(inputClasses, "resize-y")}
								{...wiring}
							/>
						)}
					</Field>
					<Button type="submit" variant={intent === "suspend" ? "danger" : "primary"} busy={busy} className="w-full sm:w-auto">
						{t(`admin.user.${intent}`)}
					</Button>
				</Form>
			)}
		</section>
	);
}

/** The roles a person holds, with revoke buttons and a grant form for those who may change roles. */
export function RoleForms({
	grants,
	canManageRoles,
	isSelf,
	actionData,
}: {
	grants: RoleGrantView[];
	canManageRoles: boolean;
	isSelf: boolean;
	actionData: UserActionData | undefined;
}) {
	const { t } = useTranslation();
	const grantErrors = errorsFor(actionData, "grant");
	const grantValues = valuesFor(actionData, "grant");
	const revokeErrors = errorsFor(actionData, "revoke");
	const granting = usePending("grant");
	const navigation = useNavigation();
	const field = (name: string) => (grantErrors?.fields?.[name] ? t(grantErrors.fields[name]) : null);
	return (
		<section aria-labelledby="roles-title" className={cardClass}>
			<h2 id="roles-title" className="text-lg font-semibold">
				{t("admin.user.roles")}
			</h2>
			<p className="mt-1 text-sm text-muted">{t("admin.user.playerNote")}</p>
			<div className="mt-3">
				<FormAlert messageKey={revokeErrors?.formError ?? (revokeErrors?.fields ? "errors.validationFailed" : null)} />
			</div>
			{grants.length === 0 ? (
				<p className="mt-2">{t("admin.user.noRoles")}</p>
			) : (
				<ul className="mt-2 divide-y divide-line">
					{grants.map((grant) => {
						const roleName = t(`accounts.roles.${grant.role}`);
						const revoking =
							navigation.formData?.get("intent") === "revoke" &&
							navigation.formData.get("role") === grant.role &&
							(navigation.formData.get("venueId") || null) === grant.venueId;
						return (
							<li key={`${grant.role}:${grant.venueId ?? ""}`} className="flex items-center justify-between gap-3 py-3">
								<div className="min-w-0">
									<p className="font-medium">{roleName}</p>
									{grant.venueId ? (
										<p className="break-all text-sm text-muted">{t("admin.user.venue", { venueId: grant.venueId })}</p>
									) : null}
									<p className="text-xs text-muted">
										{t("admin.user.grantedAt", { date: formatShanghai(grant.grantedAt, false) })}
										{grant.grantedBy
											? ` · ${t("admin.user.grantedBy", { name: grant.grantedBy.displayName ?? t("admin.deletedUser") })}`
											: null}
									</p>
								</div>
								{canManageRoles && !(isSelf && grant.role === "admin") ? (
									<Form method="post" className="shrink-0">
										<input type="hidden" name="intent" value="revoke" />
										<input type="hidden" name="role" value={grant.role} />
										<input type="hidden" name="venueId" value={grant.venueId ?? ""} />
										<Button type="submit" size="sm" variant="secondary" busy={revoking}>
											{t("admin.user.revoke")}
											<span className="sr-only">{roleName}</span>
										</Button>
									</Form>
								) : null}
							</li>
						);
					})}
				</ul>
			)}
			{canManageRoles ? (
				<Form
					method="post"
					key={grants.map((grant) => `${grant.role}:${grant.venueId}`).join(",")}
					className="mt-4 space-y-4 border-t border-line pt-4"
					aria-labelledby="grant-title"
				>
					<h3 id="grant-title" className="font-semibold">
						{t("admin.user.grantTitle")}
					</h3>
					<FormAlert messageKey={grantErrors?.formError} params={grantErrors?.params} />
					<input type="hidden" name="intent" value="grant" />
					<div className="grid gap-4 sm:grid-cols-2">
						<Field label={t("admin.user.role")} error={field("role")}>
							{(wiring) => (
								<Select
									name="role"
									defaultValue={grantValues.role}
									options={grantableRoles.map((role) => ({ value: role, label: t(`accounts.roles.${role}`) }))}
									{...wiring}
								/>
							)}
						</Field>
						<Field
							label={t("admin.user.venueId")}
							hint={t("admin.user.venueIdHint")}
							name="venueId"
							defaultValue={grantValues.venueId}
							autoComplete="off"
							spellCheck={false}
							maxLength={64}
							error={field("venueId")}
						/>
					</div>
					<Field
						label={t("admin.user.optionalReason")}
						name="reason"
						defaultValue={grantValues.reason}
						maxLength={500}
						autoComplete="off"
						error={field("reason")}
					/>
					<Button type="submit" busy={granting} className="w-full sm:w-auto">
						{t("admin.user.grant")}
					</Button>
				</Form>
			) : null}
		</section>
	);
}
