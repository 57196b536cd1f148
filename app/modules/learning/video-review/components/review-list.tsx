import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { VideoReviewSummary } from "../read-video-reviews.server";

/** Reviews as links to their page, each with the other person's name, its length and its comments. */
export function VideoReviewList(props: { reviews: VideoReviewSummary[]; nameOf: "coach" | "player"; emptyKey: string }) {
	const { t } = useTranslation();
	if (props.reviews.length === 0) return <p className="text-muted">{t(props.emptyKey)}</p>;
	return (
		<ul className="space-y-2">
			{props.reviews.map((review) => (
				<li key={review.id}>
					<Link
						to={`/video-reviews/${review.id}`}
						className="flex items-center justify-between gap-3 rounded-2xl bg-white p-4 shadow-(--shadow-card) hover:bg-stone-50"
					>
						<span>
							<span className="block font-medium">
								{t("videoReview.summary", {
									name: props.nameOf === "coach" ? review.coachName : review.playerName,
									seconds: Math.round(review.durationMs / 1000),
									count: review.commentCount,
								})}
							</span>
							{review.question ? <span className="block text-sm text-muted">{review.question}</span> : null}
						</span>
						<span
							className={`rounded-full px-2 py-1 text-sm ${review.status === "done" ? "bg-green-100 text-green-900" : "bg-amber-100 text-amber-900"}`}
						>
							{t(`videoReview.status.${review.status}`)}
						</span>
					</Link>
				</li>
			))}
		</ul>
	);
}
