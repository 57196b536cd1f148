import { useTranslation } from "react-i18next";
import { data, useNavigation } from "react-router";
import { z } from "zod";
import { type FormErrors, formErrorsOf } from "~/lib/form.server";
import { pageTitle } from "~/lib/i18n";
import { redirectWithToast } from "~/lib/toast.server";
import { fieldErrorKeys } from "~/lib/validation";
import { requireUser } from "~/modules/accounts/guards.server";
import { CoachGate, CoachPage } from "~/modules/coaches/dashboard/coach-page";
import { getMyCoachStatus } from "~/modules/coaches/dashboard/get-dashboard.server";
import { reviewsForCoach } from "~/modules/coaches/reviews/coach-reviews.server";
import { RatingSummaryCard } from "~/modules/coaches/reviews/components/rating-summary";
import { ReviewCard } from "~/modules/coaches/reviews/components/review-card";
import { replyToReview } from "~/modules/coaches/reviews/reply-to-review.server";
import { replyInputSchema, reviewTextLimit } from "~/modules/coaches/reviews/schema";
import { Button } from "~/ui/button";
import { EmptyState } from "~/ui/empty-state";
import { FormAlert } from "~/ui/form-alert";
import type { Route } from "./+types/reviews";

/** The coach's reviews: what players wrote, and one public answer to each (editable). */
export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const coach = await getMyCoachStatus(session.user.id);
	return {
		coach,
		reviews: coach && coach.status !== "suspended" ? await reviewsForCoach(coach.id) : null,
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
							<RatingSummaryCard summary={reviews.summary} />
						</section>
						<section className="divide-y divide-line rounded-3xl bg-white px-5 shadow-(--shadow-card)">
							{reviews.items.map((review) => {
								const mine = actionData?.reviewId === review.id ? actionData : undefined;
								const error = mine?.errors.fields?.text ? t(mine.errors.fields.text) : null;
								return (
									<div key={review.id} id={`review-${review.id}`}>
										<ReviewCard review={review}>
											<form method="post" className="mt-3 space-y-2">
												<input type="hidden" name="reviewId" value={review.id} />
												<FormAlert messageKey={mine?.errors.formError} params={mine?.errors.params} />
												<label htmlFor={`reply-${review.id}`} className="block text-sm font-medium">
													{t("coaches.reviews.coach.replyLabel")}
												</label>
												<textarea
													id={`reply-${review.id}`}
													name="text"
													rows={3}
													maxLength={reviewTextLimit}
													defaultValue={mine?.text ?? review.reply?.text ?? ""}
													aria-invalid={error ? true : undefined}
													className="block w-full rounded-xl border border-line bg-white px-3.5 py-2.5 text-base focus:border-cloth-500 focus:outline-none focus:ring-2 focus:ring-cloth-200"
												/>
												{error ? (
													<p role="alert" className="text-sm text-danger">
														{error}
													</p>
												) : null}
												<Button type="submit" size="sm" variant="secondary" disabled={navigation.state === "submitting"}>
													{review.reply ? t("coaches.reviews.coach.replyEdit") : t("coaches.reviews.coach.replySubmit")}
												</Button>
											</form>
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
