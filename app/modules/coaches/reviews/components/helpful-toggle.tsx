import { useTranslation } from "react-i18next";
import { useLocation, useRouteLoaderData } from "react-router";
import { cn } from "~/ui/cn";
import type { PublicReview } from "../list-reviews.server";

/**
 * "有用 3" under a review: a plain form posting to /reviews/:id/helpful (so it works without
 * JavaScript, like the report form), pressed when the signed-in viewer marked it. Signed-out
 * visitors, and pages that do not offer the vote, see the count alone.
 */
export function HelpfulToggle({ review, votable }: { review: PublicReview; votable: boolean }) {
	const { t } = useTranslation();
	const location = useLocation();
	const root = useRouteLoaderData("root") as { signedIn?: boolean } | undefined;
	const label = t("coaches.reviews.helpful.count", { count: review.helpfulCount });
	if (!votable || !root?.signedIn) {
		return (
			<p className="mt-2 text-xs text-muted" data-testid="helpful-count">
				👍 {label}
			</p>
		);
	}
	const voted = review.votedHelpful === true;
	return (
		<form method="post" action={`/reviews/${review.id}/helpful`} className="mt-2">
			<input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}#reviews`} />
			<input type="hidden" name="helpful" value={voted ? "false" : "true"} />
			<button
				type="submit"
				aria-pressed={voted}
				title={t(voted ? "coaches.reviews.helpful.unvote" : "coaches.reviews.helpful.vote")}
				data-testid="helpful-count"
				className={cn(
					"inline-flex h-8 items-center rounded-full px-3 text-xs ring-1 ring-inset",
					voted ? "bg-cloth-50 text-cloth-800 ring-cloth-200" : "bg-white text-muted ring-line hover:bg-paper hover:text-ink",
				)}
			>
				👍 {label}
			</button>
		</form>
	);
}
