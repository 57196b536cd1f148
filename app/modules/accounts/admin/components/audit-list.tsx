import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { AuditEntry } from "../audit-log.server";
import { formatShanghai } from "../format";

/** Audit entries as a readable timeline: what, when, by whom, on whom, why. */
export function AuditList({ entries, showTarget = true }: { entries: AuditEntry[]; showTarget?: boolean }) {
	const { t } = useTranslation();
	return (
		<ol className="divide-y divide-line">
			{entries.map((entry) => {
				const role = typeof entry.detail.role === "string" ? entry.detail.role : null;
				const venueId = typeof entry.detail.venueId === "string" ? entry.detail.venueId : null;
				return (
					<li key={entry.id} className="py-3.5 first:pt-0 last:pb-0">
						<div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
							<p className="font-medium">
								{t(`admin.audit.actions.${entry.action}`, { defaultValue: entry.action })}
								{role ? <span className="text-cloth-800"> · {t(`accounts.roles.${role}`)}</span> : null}
							</p>
							<time dateTime={entry.createdAt} className="text-sm tabular-nums text-muted">
								{formatShanghai(entry.createdAt)}
							</time>
						</div>
						<p className="mt-1 text-sm text-muted">
							{t("admin.audit.byActor", {
								name: entry.actor ? (entry.actor.displayName ?? t("admin.deletedUser")) : t("admin.system"),
							})}
							{showTarget && entry.targetId ? (
								<>
									<span aria-hidden> · </span>
									{t("admin.audit.target")}
									{entry.targetType === "user" ? (
										<Link to={`/admin/users/${entry.targetId}`} className="text-cloth-700 underline underline-offset-2">
											{entry.targetName ?? t("admin.deletedUser")}
										</Link>
									) : entry.targetType === "payment" ? (
										<Link to={`/admin/payments/${entry.targetId}`} className="text-cloth-700 underline underline-offset-2">
											{t("admin.audit.paymentTarget")}
										</Link>
									) : entry.targetType === "booking" ? (
										<Link to={`/admin/bookings/${entry.targetId}`} className="text-cloth-700 underline underline-offset-2">
											{t("admin.audit.bookingTarget")}
										</Link>
									) : (
										entry.targetId
									)}
								</>
							) : null}
						</p>
						{venueId ? <p className="mt-0.5 break-all text-sm text-muted">{t("admin.audit.venue", { venueId })}</p> : null}
						{entry.reason ? (
							<p className="mt-1.5 whitespace-pre-line break-words rounded-xl bg-paper px-3 py-2 text-sm">
								{t("admin.audit.reason", { reason: entry.reason })}
							</p>
						) : null}
					</li>
				);
			})}
		</ol>
	);
}
