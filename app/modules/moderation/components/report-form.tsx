import { useTranslation } from "react-i18next";
import { useLocation, useRouteLoaderData } from "react-router";
import { reportReasons } from "../categories";

/**
 * A small "举报" disclosure with the report form, for anything users can report. It posts to the
 * owner's report route (`action`) and comes back to this page; shown to signed-in visitors only.
 * Works without JavaScript (a native <details> and a plain form).
 */
export function ReportForm({ action, targets }: { action: string; targets: Array<"review" | "reply"> }) {
	const { t } = useTranslation();
	const location = useLocation();
	const root = useRouteLoaderData("root") as { signedIn?: boolean } | undefined;
	if (!root?.signedIn || targets.length === 0) return null;
	return (
		<details className="mt-2 text-sm" data-testid="report">
			<summary className="inline-flex cursor-pointer list-none items-center rounded-full px-2 py-1 text-xs text-muted hover:bg-paper hover:text-ink">
				⚑ {t("moderation.report.open")}
			</summary>
			<form method="post" action={action} className="mt-2 space-y-3 rounded-2xl bg-paper p-3">
				<input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
				<p className="font-medium">{t("moderation.report.title")}</p>
				{targets.length > 1 ? (
					<fieldset className="flex flex-wrap gap-3">
						<legend className="sr-only">{t("moderation.report.title")}</legend>
						{targets.map((target, index) => (
							<label key={target} className="inline-flex items-center gap-1.5">
								<input type="radio" name="target" value={target} defaultChecked={index === 0} />
								{t(target === "review" ? "moderation.report.targetReview" : "moderation.report.targetReply")}
							</label>
						))}
					</fieldset>
				) : (
					<input type="hidden" name="target" value={targets[0]} />
				)}
				<fieldset>
					<legend className="font-medium">{t("moderation.report.reasonLabel")}</legend>
					<div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
						{reportReasons.map((reason) => (
							<label key={reason} className="inline-flex items-center gap-1.5">
								<input type="radio" name="reason" value={reason} required />
								{t(`moderation.reasons.${reason}`)}
							</label>
						))}
					</div>
				</fieldset>
				<label className="block">
					<span className="block font-medium">{t("moderation.report.detailLabel")}</span>
					<textarea
						name="detail"
						maxLength={500}
						rows={2}
						className="mt-1 block w-full rounded-xl border border-line bg-white px-3 py-2 text-base focus:border-cloth-500 focus:outline-none focus:ring-2 focus:ring-cloth-200"
					/>
				</label>
				<button
					type="submit"
					className="inline-flex h-9 items-center rounded-full bg-cloth-700 px-4 text-sm font-medium text-white hover:bg-cloth-800"
				>
					{t("moderation.report.submit")}
				</button>
			</form>
		</details>
	);
}
