import { useTranslation } from "react-i18next";
import { pageTitle } from "~/lib/i18n";
import { requireUser } from "~/modules/accounts/guards.server";
import { VideoReviewList } from "~/modules/learning/video-review/components/review-list";
import { listVideoReviews } from "~/modules/learning/video-review/read-video-reviews.server";
import type { Route } from "./+types/video-reviews";

/** The coach's stroke videos sent by students, newest first. */
export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const { toReview } = await listVideoReviews(session.user.id);
	return { toReview, title: pageTitle(request, "videoReview.toReview.title") };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function CoachVideoReviewsPage({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	return (
		<div className="mx-auto max-w-2xl space-y-4 px-4 pt-5 pb-16 sm:pt-8">
			<h1 className="text-2xl font-semibold">{t("videoReview.toReview.title")}</h1>
			<VideoReviewList reviews={loaderData.toReview} nameOf="player" emptyKey="videoReview.toReview.empty" />
		</div>
	);
}
