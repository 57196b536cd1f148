import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { formatDateTime } from "~/modules/booking/components/time-format";
import { Button } from "~/ui/button";

/** The player's sharing choices on their progress page: booked coaches, and the report link (shown once). */
export function SharingCard({
	sharing,
	newLink,
}: {
	sharing: { shareWithCoaches: boolean; reportShared: boolean; reportSharedAt: string | null };
	newLink: string | null;
}) {
	const { t, i18n } = useTranslation();
	return (
		<section className="space-y-4 rounded-2xl bg-white p-4 shadow-(--shadow-card) sm:p-6 print:hidden" aria-labelledby="sharing">
			<h2 id="sharing" className="text-lg font-semibold">
				{t("learning.sharing.title")}
			</h2>
			<Form method="post" className="space-y-2">
				<input type="hidden" name="intent" value="share" />
				<label className="flex items-start gap-3">
					<input
						type="checkbox"
						name="shareWithCoaches"
						value="on"
						defaultChecked={sharing.shareWithCoaches}
						className="mt-1 size-5 accent-cloth-700"
					/>
					<span>
						<span className="block">{t("learning.sharing.coaches")}</span>
						<span className="block text-xs text-muted">{t("learning.sharing.coachesHint")}</span>
					</span>
				</label>
				<Button type="submit" variant="secondary" size="sm">
					{t("learning.sharing.save")}
				</Button>
			</Form>
			<div className="space-y-2 border-t border-stone-100 pt-4">
				<h3 className="font-medium">{t("learning.sharing.report")}</h3>
				<Link to="/me/progress/report" className="text-cloth-700 underline underline-offset-2">
					{t("learning.sharing.openReport")}
				</Link>
				{newLink ? (
					<p className="text-sm break-all" data-testid="report-link">
						{t("learning.sharing.linkOnce")} <code className="rounded bg-stone-100 px-1">{newLink}</code>
					</p>
				) : sharing.reportShared && sharing.reportSharedAt ? (
					<p className="text-sm text-muted">
						{t("learning.sharing.linkActive", { time: formatDateTime(sharing.reportSharedAt, i18n.language) })}
					</p>
				) : null}
				<div className="flex flex-wrap gap-2">
					<Form method="post">
						<input type="hidden" name="intent" value="createLink" />
						<Button type="submit" variant="secondary" size="sm">
							{sharing.reportShared ? t("learning.sharing.newLink") : t("learning.sharing.createLink")}
						</Button>
					</Form>
					{sharing.reportShared ? (
						<Form method="post">
							<input type="hidden" name="intent" value="revokeLink" />
							<Button type="submit" variant="secondary" size="sm">
								{t("learning.sharing.revoke")}
							</Button>
						</Form>
					) : null}
				</div>
			</div>
		</section>
	);
}
