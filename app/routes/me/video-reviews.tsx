import { useTranslation } from "react-i18next";
import { data, Form, useNavigation } from "react-router";
import { AppError } from "~/lib/errors";
import { type FormErrors, formErrorsOf } from "~/lib/form.server";
import { pageTitle } from "~/lib/i18n";
import { redirectWithToast } from "~/lib/toast.server";
import { fieldErrorKeys } from "~/lib/validation";
import { requireUser } from "~/modules/accounts/guards.server";
import { kindPolicies, maxMegabytes } from "~/modules/files/kinds";
import { VideoReviewList } from "~/modules/learning/video-review/components/review-list";
import { createVideoReview, reviewableCoaches } from "~/modules/learning/video-review/create-video-review.server";
import { listVideoReviews } from "~/modules/learning/video-review/read-video-reviews.server";
import { createVideoReviewSchema } from "~/modules/learning/video-review/schema";
import { Button } from "~/ui/button";
import { FormAlert } from "~/ui/form-alert";
import type { Route } from "./+types/video-reviews";

const maxBytes = kindPolicies.review_video.maxBytes;

/** The player's stroke videos: send one to a coach they have booked, and the reviews so far. */
export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const [{ mine }, coaches] = await Promise.all([listVideoReviews(session.user.id), reviewableCoaches(session.user.id)]);
	return { mine, coaches, maxMb: maxMegabytes(maxBytes), title: pageTitle(request, "videoReview.mine.title") };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

type Outcome = { errors: FormErrors };

export async function action({ request }: Route.ActionArgs) {
	const session = await requireUser(request);
	try {
		// The page reads the whole body into memory: refuse one larger than a video may be before reading it.
		if (Number(request.headers.get("content-length") ?? 0) > maxBytes + 64 * 1024) {
			throw new AppError(413, "payload_too_large", "files.errors.tooLarge", { params: { maxMb: maxMegabytes(maxBytes) } });
		}
		const form = await request.formData().catch(() => null);
		if (!form) return data<Outcome>({ errors: { formError: "errors.badRequest" } }, { status: 400 });
		const parsed = createVideoReviewSchema.safeParse({
			coachId: form.get("coachId") ?? "",
			question: form.get("question") ?? "",
		});
		if (!parsed.success) return data<Outcome>({ errors: { fields: fieldErrorKeys(parsed.error) } }, { status: 400 });
		const video = form.get("video");
		if (!(video instanceof File) || video.size === 0) {
			return data<Outcome>({ errors: { fields: { video: "videoReview.errors.video" } } }, { status: 400 });
		}
		const created = await createVideoReview({
			playerId: session.user.id,
			...parsed.data,
			bytes: new Uint8Array(await video.arrayBuffer()),
			declaredType: video.type,
		});
		return redirectWithToast(`/video-reviews/${created.id}`, { kind: "success", messageKey: "videoReview.mine.sent" });
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		return data<Outcome>({ errors }, init);
	}
}

export default function MyVideoReviewsPage({ loaderData, actionData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const navigation = useNavigation();
	const errors = actionData?.errors;
	const fieldError = (name: string) => (errors?.fields?.[name] ? t(errors.fields[name], errors.params ?? {}) : null);
	const input = "h-12 w-full rounded-xl border border-stone-300 px-3 text-lg";
	return (
		<div className="mx-auto max-w-2xl space-y-5 px-4 pt-5 pb-16 sm:pt-8">
			<header>
				<h1 className="text-2xl font-semibold">{t("videoReview.mine.title")}</h1>
				<p className="text-sm text-muted">{t("videoReview.mine.intro")}</p>
			</header>
			{loaderData.coaches.length === 0 ? (
				<p className="rounded-2xl bg-white p-4 shadow-(--shadow-card)">{t("videoReview.mine.noCoaches")}</p>
			) : (
				<Form method="post" encType="multipart/form-data" className="space-y-4 rounded-2xl bg-white p-4 shadow-(--shadow-card)">
					<FormAlert messageKey={errors?.formError} params={errors?.params} />
					<label className="block space-y-1">
						<span className="font-medium">{t("videoReview.mine.coach")}</span>
						<select name="coachId" className={input} aria-invalid={fieldError("coachId") ? true : undefined}>
							{loaderData.coaches.map((coach) => (
								<option key={coach.coachId} value={coach.coachId}>
									{coach.displayName}
								</option>
							))}
						</select>
						{fieldError("coachId") ? <span className="text-sm text-red-700">{fieldError("coachId")}</span> : null}
					</label>
					<label className="block space-y-1">
						<span className="font-medium">{t("videoReview.mine.video", { maxMb: loaderData.maxMb })}</span>
						<input
							type="file"
							name="video"
							accept="video/mp4,video/quicktime,video/webm"
							required
							className="block w-full"
							aria-invalid={fieldError("video") ? true : undefined}
						/>
						{fieldError("video") ? <span className="text-sm text-red-700">{fieldError("video")}</span> : null}
					</label>
					<label className="block space-y-1">
						<span className="font-medium">{t("videoReview.mine.question")}</span>
						<textarea name="question" maxLength={300} rows={2} className="w-full rounded-xl border border-stone-300 p-3" />
						{fieldError("question") ? <span className="text-sm text-red-700">{fieldError("question")}</span> : null}
					</label>
					<Button type="submit" disabled={navigation.state !== "idle"}>
						{t("videoReview.mine.send")}
					</Button>
				</Form>
			)}
			<VideoReviewList reviews={loaderData.mine} nameOf="coach" emptyKey="videoReview.mine.empty" />
		</div>
	);
}
