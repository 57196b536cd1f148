import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, Link, useNavigation } from "react-router";
import { type FormErrors, formErrorsOf } from "~/lib/form.server";
import { pageTitle } from "~/lib/i18n";
import { orPageError } from "~/lib/page-errors.server";
import { redirectWithToast } from "~/lib/toast.server";
import { fieldErrorKeys } from "~/lib/validation";
import { requireUser } from "~/modules/accounts/guards.server";
import { reviewableLesson } from "~/modules/booking/completion/reviewable-lesson.server";
import { formatDateTime } from "~/modules/booking/components/time-format";
import { getBooking } from "~/modules/booking/read-bookings.server";
import { ReviewCard } from "~/modules/coaches/reviews/components/review-card";
import { OwnReviewPhotoList, ReviewPhotoPicker } from "~/modules/coaches/reviews/components/review-photo-picker";
import { StarInput } from "~/modules/coaches/reviews/components/stars";
import { myLessonReview } from "~/modules/coaches/reviews/my-review.server";
import { reviewFormSchema, reviewTextLimit } from "~/modules/coaches/reviews/schema";
import { reviewTags } from "~/modules/coaches/reviews/tags";
import { editReview, writeReview } from "~/modules/coaches/reviews/write-review.server";
import { Button, ButtonLink } from "~/ui/button";
import { FormAlert } from "~/ui/form-alert";
import type { Route } from "./+types/review";

/**
 * 评价这节课: the player's review of a completed lesson (booking says whether it is theirs and
 * completed; the coaches module keeps the review), their review once written, its one edit, and a
 * tip offered beside it, never required.
 */
async function lessonOf(request: Request, bookingId: string) {
	const session = await requireUser(request);
	const caller = { userId: session.user.id, roles: session.roles };
	const lesson = await orPageError(reviewableLesson(bookingId, session.user.id));
	return { caller, lesson };
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const { caller, lesson } = await lessonOf(request, params.bookingId);
	const { booking } = await orPageError(getBooking({ caller, bookingId: lesson.bookingId }));
	const mine = await myLessonReview(lesson);
	const editing = mine.mayEdit && new URL(request.url).searchParams.get("edit") === "1";
	return {
		booking: { id: booking.id, coachName: booking.coach.displayName, coachId: booking.coach.id, startsAt: booking.startsAt },
		mine,
		editing,
		title: pageTitle(request, "coaches.reviews.write.title"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

type Outcome = { errors: FormErrors; values?: Record<string, unknown> };

export async function action({ request, params }: Route.ActionArgs) {
	const { lesson } = await lessonOf(request, params.bookingId);
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return data<Outcome>({ errors: { formError: "errors.badRequest" } }, { status: 400 });
	}
	const submitted = { ...Object.fromEntries(form), tags: form.getAll("tags"), photoFileIds: form.getAll("photoFileIds") };
	const parsed = reviewFormSchema.safeParse(submitted);
	if (!parsed.success) {
		return data<Outcome>({ errors: { fields: fieldErrorKeys(parsed.error) }, values: submitted }, { status: 400 });
	}
	const here = `/me/bookings/${lesson.bookingId}/review`;
	try {
		const written =
			form.get("intent") === "edit"
				? await editReview({ lesson, review: parsed.data })
				: await writeReview({ lesson, review: parsed.data });
		const messageKey =
			form.get("intent") === "edit"
				? "coaches.reviews.write.edited"
				: written.status === "held"
					? "coaches.reviews.write.held"
					: "coaches.reviews.write.submitted";
		return redirectWithToast(here, { kind: "success", messageKey });
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		return data<Outcome>({ errors, values: submitted }, init);
	}
}

export default function ReviewLesson({ loaderData, actionData }: Route.ComponentProps) {
	const { t, i18n } = useTranslation();
	const navigation = useNavigation();
	const { booking, mine, editing } = loaderData;
	const errors = actionData?.errors;
	const values = (actionData?.values ?? {}) as Record<string, unknown>;
	const fieldError = (name: string) => (errors?.fields?.[name] ? t(errors.fields[name]) : null);
	const previous = editing ? mine.review : null;
	const starsOf = (name: "overall" | "attitude" | "skill" | "service") =>
		values[name] !== undefined
			? Number(values[name])
			: previous
				? name === "overall"
					? previous.overall
					: previous.aspects[name]
				: undefined;
	const chosenTags = new Set<string>(Array.isArray(values.tags) ? (values.tags as string[]) : previous ? previous.tags : []);
	const showForm = mine.mayWrite || editing;
	const [uploading, setUploading] = useState(false);

	return (
		<div className="mx-auto max-w-2xl space-y-5 px-4 py-5 sm:py-8">
			<Link to={`/me/bookings/${booking.id}`} className="text-sm text-cloth-700 hover:underline">
				← {t("coaches.reviews.write.back")}
			</Link>
			<header>
				<h1 className="text-2xl font-semibold">{t("coaches.reviews.write.title")}</h1>
				<p className="mt-1 text-muted">
					{t("coaches.reviews.write.intro", { coach: booking.coachName, time: formatDateTime(booking.startsAt, i18n.language) })}
				</p>
			</header>

			{mine.review && !editing ? (
				<section className="rounded-3xl bg-white px-5 shadow-(--shadow-card)" aria-label={t("coaches.reviews.write.yours")}>
					<h2 className="pt-5 text-lg font-semibold">{t("coaches.reviews.write.yours")}</h2>
					<ReviewCard
						review={mine.review.anonymous ? { ...mine.review, author: null, photos: [] } : { ...mine.review, photos: [] }}
					>
						<OwnReviewPhotoList photos={mine.review.ownPhotos} />
						{mine.review.status === "held" ? <p className="mt-2 text-sm text-muted">{t("coaches.reviews.write.held")}</p> : null}
					</ReviewCard>
					{mine.mayEdit ? (
						<div className="pb-5">
							<ButtonLink to="?edit=1" variant="secondary" size="sm">
								{t("coaches.reviews.write.editOnce")}
							</ButtonLink>
						</div>
					) : null}
				</section>
			) : null}

			{!mine.review && !mine.mayWrite ? (
				<p className="rounded-2xl bg-wood-100 px-4 py-3 text-sm text-wood-700">{t("coaches.reviews.write.closed")}</p>
			) : null}

			{showForm ? (
				<form method="post" className="space-y-5 rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6" noValidate>
					<input type="hidden" name="intent" value={editing ? "edit" : "write"} />
					<FormAlert messageKey={errors?.formError} params={errors?.params} />
					<StarInput
						name="overall"
						label={t("coaches.reviews.overall")}
						defaultValue={starsOf("overall")}
						error={fieldError("overall")}
					/>
					<div className="grid gap-4 sm:grid-cols-3">
						{(["attitude", "skill", "service"] as const).map((aspect) => (
							<StarInput
								key={aspect}
								name={aspect}
								label={t(`coaches.reviews.aspects.${aspect}`)}
								defaultValue={starsOf(aspect)}
								error={fieldError(aspect)}
							/>
						))}
					</div>
					<fieldset>
						<legend className="text-sm font-medium">{t("coaches.reviews.write.tagsLabel")}</legend>
						<div className="mt-1.5 flex flex-wrap gap-2">
							{reviewTags.map((tag) => (
								<label key={tag} className="cursor-pointer">
									<input type="checkbox" name="tags" value={tag} defaultChecked={chosenTags.has(tag)} className="peer sr-only" />
									<span className="inline-flex h-9 items-center rounded-full bg-white px-3 text-sm ring-1 ring-inset ring-line peer-checked:bg-cloth-700 peer-checked:text-white peer-checked:ring-cloth-700 peer-focus-visible:ring-2 peer-focus-visible:ring-cloth-500">
										{t(`coaches.reviews.tags.${tag}`)}
									</span>
								</label>
							))}
						</div>
						{fieldError("tags") ? <p className="mt-1 text-sm text-danger">{fieldError("tags")}</p> : null}
					</fieldset>
					<div className="space-y-1.5">
						<label htmlFor="review-text" className="block text-sm font-medium">
							{t("coaches.reviews.write.textLabel")}
						</label>
						<textarea
							id="review-text"
							name="text"
							rows={5}
							maxLength={reviewTextLimit}
							defaultValue={typeof values.text === "string" ? values.text : (previous?.text ?? "")}
							aria-invalid={fieldError("text") ? true : undefined}
							aria-describedby="review-text-hint"
							className="block w-full rounded-xl border border-line bg-white px-3.5 py-2.5 text-base focus:border-cloth-500 focus:outline-none focus:ring-2 focus:ring-cloth-200"
						/>
						<p id="review-text-hint" className="text-sm text-muted">
							{t("coaches.reviews.write.textHint")}
						</p>
						{fieldError("text") ? (
							<p role="alert" className="text-sm text-danger">
								{fieldError("text")}
							</p>
						) : null}
					</div>
					<ReviewPhotoPicker
						// After a refusal the page keeps the photos of the review as it stands; new uploads are picked again.
						initial={previous?.ownPhotos ?? []}
						error={fieldError("photoFileIds")}
						onBusyChange={setUploading}
					/>
					<label className="flex min-h-11 items-center gap-3 text-sm">
						<input
							type="checkbox"
							name="anonymous"
							defaultChecked={values.anonymous !== undefined ? values.anonymous === "on" : (previous?.anonymous ?? false)}
							className="h-5 w-5 accent-cloth-700"
						/>
						{t("coaches.reviews.write.anonymousLabel")}
					</label>
					{mine.mayWrite ? (
						<p className="text-sm text-muted">
							{t("coaches.reviews.write.closesAt", { time: formatDateTime(mine.writeUntil, i18n.language) })}
						</p>
					) : null}
					{uploading ? <p className="text-sm text-muted">{t("coaches.reviews.write.photoWaitUpload")}</p> : null}
					<Button type="submit" className="w-full sm:w-auto" disabled={navigation.state === "submitting" || uploading}>
						{editing ? t("coaches.reviews.write.saveEdit") : t("coaches.reviews.write.submit")}
					</Button>
				</form>
			) : null}

			<section className="rounded-3xl bg-wood-100 p-5 text-wood-700" aria-labelledby="tip-title">
				<h2 id="tip-title" className="font-semibold">
					{t("coaches.reviews.write.tipTitle")}
				</h2>
				<p className="mt-1 text-sm">{t("coaches.reviews.write.tipBody")}</p>
				<ButtonLink to={`/me/bookings/${booking.id}/pay?tip=1`} variant="secondary" size="sm" className="mt-3">
					{t("coaches.reviews.write.tipCta")}
				</ButtonLink>
			</section>
		</div>
	);
}
