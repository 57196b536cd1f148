import { useTranslation } from "react-i18next";
import { data, useNavigation } from "react-router";
import { z } from "zod";
import { type FormErrors, formErrorsOf } from "~/lib/form.server";
import { localeOfRequest, pageTitle } from "~/lib/i18n";
import { redirectWithToast } from "~/lib/toast.server";
import { fieldErrorKeys } from "~/lib/validation";
import { requireUser } from "~/modules/accounts/guards.server";
import { CoachGate, CoachPage } from "~/modules/coaches/dashboard/coach-page";
import { getMyCoachStatus } from "~/modules/coaches/dashboard/get-dashboard.server";
import { reviewDeskPage } from "~/modules/coaches/reviews/coach-reviews.server";
import { RatingSummaryCard } from "~/modules/coaches/reviews/components/rating-summary";
import { ReplyForm } from "~/modules/coaches/reviews/components/reply-form";
import { ReviewCard } from "~/modules/coaches/reviews/components/review-card";
import { ReviewTrend } from "~/modules/coaches/reviews/components/review-trend";
import { replyToReview } from "~/modules/coaches/reviews/reply-to-review.server";
import { replyInputSchema } from "~/modules/coaches/reviews/schema";
import { EmptyState } from "~/ui/empty-state";
import type { Route } from "./+types/reviews";

/**
 * The coach's reviews: the summary (aspects, star distribution), the monthly trend, every review
 * (held and hidden ones marked: players do not see them) and one public answer to each published one.
 */
export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const coach = await getMyCoachStatus(session.user.id);
	return {
		coach,
		reviews: coach && coach.status !== "suspended" ? await reviewDeskPage(coach.id, localeOfRequest(request)) : null,
		title: pageTitle(request, "coaches.profile.reviews"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

const replyFormSchema = replyInputSchema.extend({ reviewId: z.string().uuid("coaches.reviews.errors.notFound") });
type Outcome = { errors: FormErrors; reviewId?: string; text?: string };

export async function action({ request }: Route.ActionArgs) {
	const session = await requireUser(request);
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return data<Outcome>({ errors: { formError: "errors.badRequest" } }, { status: 400 });
	}
	const submitted = { reviewId: String(form.get("reviewId") ?? ""), text: String(form.get("text") ?? "") };
	const parsed = replyFormSchema.safeParse(submitted);
	if (!parsed.success) return data<Outcome>({ errors: { fields: fieldErrorKeys(parsed.error) }, ...submitted }, { status: 400 });
	try {
		await replyToReview({ userId: session.user.id, reviewId: parsed.data.reviewId, text: parsed.data.text });
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		return data<Outcome>({ errors, ...submitted }, init);
	}
	return redirectWithToast(`/coach/reviews#review-${parsed.data.reviewId}`, {
		kind: "success",
		messageKey: "coaches.reviews.coach.replied",
	});
}

export default function CoachReviews({ loaderData, actionData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const navigation = useNavigation();
	const { coach, reviews } = loaderData;
	return (
		<CoachPage title={t("coaches.profile.reviews")}>
			<CoachGate coach={coach}>
				{reviews && reviews.items.length > 0 ? (
					<div className="space-y-5">
						<section className="rounded-3xl bg-white p-5 shadow-(--shadow-card)">
							{reviews.summary.count > 0 ? (
								<RatingSummaryCard summary={reviews.summary} />
							) : (
								<p className="text-sm text-muted">{t("coaches.reviews.desk.noPublished")}</p>
							)}
						</section>
						<section className="rounded-3xl bg-white p-5 shadow-(--shadow-card)">
							<ReviewTrend svg={reviews.chart.svg} wideSvg={reviews.chart.wideSvg} months={reviews.trend} />
						</section>
						<section className="divide-y divide-line rounded-3xl bg-white px-5 shadow-(--shadow-card)">
							{reviews.items.map((review) => {
								const mine = actionData?.reviewId === review.id ? actionData : undefined;
								const error = mine?.errors.fields?.text ? t(mine.errors.fields.text) : null;
								return (
									<div key={review.id} id={`review-${review.id}`} data-status={review.status}>
										{review.status !== "published" ? (
											<p className="mt-4 -mb-2 inline-block rounded-full bg-amber-50 px-2.5 py-0.5 text-xs font-medium text-amber-800">
												{t(`coaches.reviews.desk.status.${review.status}`)}
											</p>
										) : null}
										<ReviewCard
											review={review}
											reportable={review.status === "published" ? "review" : false}
											replyNote={
												review.replyStatus && review.replyStatus !== "published"
													? t(`coaches.reviews.desk.replyStatus.${review.replyStatus}`)
													: null
											}
										>
											{review.status === "published" ? (
												<ReplyForm
													reviewId={review.id}
													defaultText={mine?.text ?? review.reply?.text ?? ""}
													replied={review.reply !== null}
													formError={mine?.errors.formError}
													params={mine?.errors.params}
													error={error}
													submitting={navigation.state === "submitting"}
												/>
											) : null}
										</ReviewCard>
									</div>
								);
							})}
						</section>
					</div>
				) : (
					<EmptyState icon="★" title={t("coaches.profile.noReviews")} body={t("coaches.profile.noReviewsBody")} />
				)}
			</CoachGate>
		</CoachPage>
	);
}
