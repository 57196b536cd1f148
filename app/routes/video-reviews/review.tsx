import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { z } from "zod";
import { type FormErrors, formErrorsOf } from "~/lib/form.server";
import { pageTitle } from "~/lib/i18n";
import { orPageError } from "~/lib/page-errors.server";
import { redirectWithToast } from "~/lib/toast.server";
import { fieldErrorKeys } from "~/lib/validation";
import { requireUser } from "~/modules/accounts/guards.server";
import { VideoReviewPlayer } from "~/modules/learning/video-review/components/video-review-player";
import { getVideoReview } from "~/modules/learning/video-review/read-video-reviews.server";
import {
	addReviewComment,
	completeVideoReview,
	deleteReviewComment,
} from "~/modules/learning/video-review/review-comments.server";
import { commentInputSchema } from "~/modules/learning/video-review/schema";
import { Button } from "~/ui/button";
import { FormAlert } from "~/ui/form-alert";
import type { Route } from "./+types/review";

/** One video review: the coach comments and draws on it; the player plays it back with the comments at their moments. */
export async function loader({ request, params }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const review = await orPageError(getVideoReview(session.user.id, params.reviewId));
	return { review, title: pageTitle(request, "videoReview.nav") };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

type Outcome = { ok?: boolean; errors?: FormErrors };
const jsonArray = z.string().transform((text, context) => {
	try {
		return JSON.parse(text || "[]") as unknown;
	} catch {
		context.addIssue({ code: "custom", message: "videoReview.errors.shape" });
		return z.NEVER;
	}
});

export async function action({ request, params }: Route.ActionArgs) {
	const session = await requireUser(request);
	const form = await request.formData().catch(() => null);
	if (!form) return data<Outcome>({ errors: { formError: "errors.badRequest" } }, { status: 400 });
	const intent = form.get("intent");
	const userId = session.user.id;
	try {
		if (intent === "done") {
			await completeVideoReview({ userId, reviewId: params.reviewId });
			return redirectWithToast(`/video-reviews/${params.reviewId}`, {
				kind: "success",
				messageKey: "videoReview.studio.markedDone",
			});
		}
		if (intent === "delete") {
			await deleteReviewComment({ userId, reviewId: params.reviewId, commentId: String(form.get("commentId") ?? "") });
			return data<Outcome>({ ok: true });
		}
		const shapes = jsonArray.safeParse(String(form.get("shapes") ?? "[]"));
		const parsed = commentInputSchema.safeParse({
			atMs: Number(form.get("atMs")),
			body: String(form.get("body") ?? ""),
			shapes: shapes.success ? shapes.data : null,
		});
		if (!parsed.success) return data<Outcome>({ errors: { fields: fieldErrorKeys(parsed.error) } }, { status: 400 });
		await addReviewComment({ userId, reviewId: params.reviewId, comment: parsed.data });
		return data<Outcome>({ ok: true });
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		return data<Outcome>({ errors }, init);
	}
}

export default function VideoReviewPage({ loaderData, actionData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const { review } = loaderData;
	const coach = review.party === "coach";
	const errors = actionData?.errors;
	const firstField = errors?.fields ? Object.values(errors.fields)[0] : undefined;
	return (
		<div className="mx-auto max-w-3xl space-y-4 px-4 pt-5 pb-16 sm:pt-8">
			<Link to={coach ? "/coach/video-reviews" : "/me/video-reviews"} className="text-sm text-muted hover:text-ink">
				← {t(coach ? "videoReview.toReview.title" : "videoReview.mine.title")}
			</Link>
			<header className="space-y-1">
				<h1 className="text-2xl font-semibold">{t("videoReview.nav")}</h1>
				<p className="text-sm text-muted">
					{coach ? review.playerName : review.coachName} · {t(`videoReview.status.${review.status}`)}
				</p>
				{review.question ? (
					<p className="rounded-xl bg-stone-100 p-3">
						<span className="font-medium">{t("videoReview.player.question")}：</span>
						{review.question}
					</p>
				) : null}
				{!coach ? (
					<p className="text-sm">{t(review.status === "done" ? "videoReview.player.done" : "videoReview.player.waiting")}</p>
				) : null}
			</header>
			<FormAlert messageKey={errors?.formError ?? firstField} params={errors?.params} />
			<VideoReviewPlayer
				videoUrl={review.video.url}
				durationMs={review.durationMs}
				comments={review.comments}
				editable={coach && review.status === "open"}
			/>
			{coach && review.status === "open" ? (
				<Form method="post">
					<input type="hidden" name="intent" value="done" />
					<Button type="submit" variant="secondary">
						{t("videoReview.studio.markDone")}
					</Button>
				</Form>
			) : null}
		</div>
	);
}
