import { useTranslation } from "react-i18next";
import type { FormErrors } from "~/lib/form.server";
import type { OpenReports } from "~/modules/moderation/reports.server";
import { Button } from "~/ui/button";
import { FormAlert } from "~/ui/form-alert";
import type { StaffReview } from "../moderate-review.server";
import { actionsFrom, type ModerationTarget } from "../moderation-moves";

type Outcome = { errors: FormErrors; reason?: string; target?: string };

/**
 * What staff see and decide under a review in the queue: the author, the forbidden words hit, the
 * open reports, and one form each for the review and for the coach's reply with the decisions their
 * status allows (a reason is required and told to the author).
 */
export function StaffReviewDecisions({
	review,
	outcome,
	submitting,
}: {
	review: StaffReview;
	outcome?: Outcome;
	submitting: boolean;
}) {
	const { t } = useTranslation();
	return (
		<div className="mt-2 space-y-3 text-sm">
			<p className="text-xs text-muted">
				{t("coaches.reviews.admin.author", { name: review.playerName, coach: review.coach.displayName })}
				{review.anonymous ? ` · ${t("coaches.reviews.admin.anonymousNote")}` : ""}
			</p>
			<Findings words={review.matchedWords.review} reports={review.reports.review} />
			<Decisions
				review={review}
				target="review"
				status={review.status}
				reported={review.reports.review !== null}
				outcome={outcome}
				submitting={submitting}
			/>
			{review.replyStatus ? (
				<div className="rounded-2xl border border-line p-3">
					<p className="text-xs font-medium text-muted">
						{t("coaches.reviews.reply")}
						{review.replyStatus !== "published" ? ` · ${t(`moderation.queue.replyStatus.${review.replyStatus}`)}` : ""}
					</p>
					<Findings words={review.matchedWords.reply} reports={review.reports.reply} />
					<Decisions
						review={review}
						target="reply"
						status={review.replyStatus}
						reported={review.reports.reply !== null}
						outcome={outcome}
						submitting={submitting}
					/>
				</div>
			) : null}
		</div>
	);
}

function Findings({ words, reports }: { words: string[]; reports: OpenReports | null }) {
	const { t } = useTranslation();
	if (words.length === 0 && !reports) return null;
	return (
		<ul className="space-y-1 text-xs">
			{words.length > 0 ? (
				<li className="rounded-xl bg-amber-50 px-2.5 py-1 text-amber-900" data-testid="matched-words">
					{t("moderation.queue.hits", { words: words.join("、") })}
				</li>
			) : null}
			{reports ? (
				<li className="rounded-xl bg-red-50 px-2.5 py-1 text-red-900" data-testid="open-reports">
					{t("moderation.queue.reports", {
						count: reports.count,
						reasons: Object.entries(reports.reasons)
							.map(([reason, count]) => `${t(`moderation.reasons.${reason}`)} ×${count}`)
							.join("、"),
					})}
					{reports.details.map((detail) => (
						<span key={detail} className="mt-0.5 block text-red-800">
							“{detail}”
						</span>
					))}
				</li>
			) : null}
		</ul>
	);
}

function Decisions({
	review,
	target,
	status,
	reported,
	outcome,
	submitting,
}: {
	review: StaffReview;
	target: ModerationTarget;
	status: StaffReview["status"];
	reported: boolean;
	outcome?: Outcome;
	submitting: boolean;
}) {
	const { t } = useTranslation();
	const actions = actionsFrom(status, reported);
	const mine = outcome && (outcome.target ?? "review") === target ? outcome : undefined;
	const reasonError = mine?.errors.fields?.reason ? t(mine.errors.fields.reason) : null;
	if (actions.length === 0) return null;
	return (
		<form method="post" className="mt-2 flex flex-wrap items-end gap-2">
			<input type="hidden" name="reviewId" value={review.id} />
			<input type="hidden" name="target" value={target} />
			<FormAlert messageKey={mine?.errors.formError} params={mine?.errors.params} />
			<label className="min-w-0 flex-1 basis-48">
				<span className="block font-medium">{t("coaches.reviews.admin.reasonLabel")}</span>
				<input
					name="reason"
					defaultValue={mine?.reason ?? ""}
					aria-invalid={reasonError ? true : undefined}
					className="mt-1 block w-full rounded-xl border border-line bg-white px-3 py-2 text-base focus:border-cloth-500 focus:outline-none focus:ring-2 focus:ring-cloth-200"
				/>
				{reasonError ? (
					<span role="alert" className="mt-1 block text-danger">
						{reasonError}
					</span>
				) : null}
			</label>
			{actions.map((action) => (
				<Button key={action} type="submit" name="action" value={action} size="sm" variant="secondary" disabled={submitting}>
					{target === "reply"
						? t(`moderation.queue.actions.${action === "dismiss" ? "dismiss" : `${action}_reply`}`)
						: action === "dismiss"
							? t("moderation.queue.actions.dismiss")
							: t(`coaches.reviews.admin.actions.${action}`)}
				</Button>
			))}
		</form>
	);
}
