import { useTranslation } from "react-i18next";
import { ReportForm } from "~/modules/moderation/components/report-form";
import type { PublicReview } from "../list-reviews.server";
import { HelpfulToggle } from "./helpful-toggle";
import { ReviewPhotos } from "./review-photos";
import { Stars } from "./stars";

const dateOf = (iso: string, locale: string) =>
	new Intl.DateTimeFormat(locale, { timeZone: "Asia/Shanghai", year: "numeric", month: "short", day: "numeric" }).format(
		new Date(iso),
	);

/**
 * One published review. Its text and the reply are React text nodes, never HTML; an anonymous
 * author is 匿名学员 with a neutral initial instead of an avatar.
 */
export function ReviewCard({
	review,
	reportable = false,
	votable = false,
	replyNote,
	children,
}: {
	review: PublicReview;
	/** Offer signed-in visitors the report form; "review" where the reply is the viewer's own (the coach's page). */
	reportable?: boolean | "review";
	/** Offer signed-in visitors the 有用 toggle (the public profile); elsewhere the count alone shows. */
	votable?: boolean;
	/** Beside the reply, for its author only: that players do not see it yet (审核中) or no longer. */
	replyNote?: string | null;
	children?: React.ReactNode;
}) {
	const { t, i18n } = useTranslation();
	const author = review.author?.displayName ?? t("coaches.reviews.anonymous");
	return (
		<article
			className="py-4"
			data-testid="review"
			aria-label={`${author} ${t("coaches.reviews.starsLabel", { stars: review.overall })}`}
		>
			<header className="flex items-center gap-3">
				<span
					aria-hidden="true"
					className="flex h-9 w-9 shrink-0 items-center justify-center rounded-full bg-cloth-50 text-sm font-semibold text-cloth-800"
				>
					{review.author ? author.slice(0, 1) : "?"}
				</span>
				<div className="min-w-0">
					<p className="truncate font-medium">{author}</p>
					<p className="text-xs text-muted">
						<span className="mr-2 rounded-full bg-cloth-50 px-2 py-0.5 text-cloth-800">✓ {t("coaches.reviews.verified")}</span>
						{dateOf(review.createdAt, i18n.language)}
						{review.editedAt ? ` · ${t("coaches.reviews.edited")}` : ""}
					</p>
				</div>
				<Stars value={review.overall} className="ml-auto shrink-0" />
			</header>
			<p className="mt-2 text-xs text-muted">
				{(["attitude", "skill", "service"] as const)
					.map((aspect) => `${t(`coaches.reviews.aspects.${aspect}`)} ${review.aspects[aspect]}`)
					.join(" · ")}
			</p>
			{review.tags.length > 0 ? (
				<ul className="mt-2 flex flex-wrap gap-1.5">
					{review.tags.map((tag) => (
						<li key={tag} className="rounded-full bg-wood-100 px-2.5 py-0.5 text-xs text-wood-700">
							{t(`coaches.reviews.tags.${tag}`)}
						</li>
					))}
				</ul>
			) : null}
			{review.text ? <p className="mt-2 whitespace-pre-line break-words leading-relaxed">{review.text}</p> : null}
			<ReviewPhotos photos={review.photos} />
			{review.reply ? (
				<div className="mt-3 rounded-2xl bg-paper px-3 py-2 text-sm" data-testid="review-reply">
					<p className="font-medium text-cloth-800">
						{t("coaches.reviews.reply")}
						{replyNote ? (
							<span className="ml-2 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800">{replyNote}</span>
						) : null}
					</p>
					<p className="mt-1 whitespace-pre-line break-words">{review.reply.text}</p>
				</div>
			) : null}
			<HelpfulToggle review={review} votable={votable} />
			{reportable ? (
				<ReportForm
					action={`/reviews/${review.id}/report`}
					targets={review.reply && reportable === true ? ["review", "reply"] : ["review"]}
				/>
			) : null}
			{children}
		</article>
	);
}
