import { useTranslation } from "react-i18next";
import { data, Link, useNavigation } from "react-router";
import { z } from "zod";
import { type FormErrors, formErrorsOf } from "~/lib/form.server";
import { pageTitle } from "~/lib/i18n";
import { redirectWithToast } from "~/lib/toast.server";
import { fieldErrorKeys } from "~/lib/validation";
import { requirePermission } from "~/modules/accounts/guards.server";
import { ReviewCard } from "~/modules/coaches/reviews/components/review-card";
import { type PhotoOutcome, StaffPhotoDecisions } from "~/modules/coaches/reviews/components/staff-photo-decisions";
import { StaffReviewDecisions } from "~/modules/coaches/reviews/components/staff-review-decisions";
import { decideReviewPhoto } from "~/modules/coaches/reviews/decide-review-photo.server";
import { listReviewsForStaff, moderateReview } from "~/modules/coaches/reviews/moderate-review.server";
import { moderationSchema, photoDecisionSchema, staffReviewQuerySchema } from "~/modules/coaches/reviews/schema";
import { cn } from "~/ui/cn";
import { EmptyState } from "~/ui/empty-state";
import type { Route } from "./+types/reviews";

/**
 * The back office's reviews: held (the review or its reply hit the word list), reported, published
 * and hidden, the author named even when anonymous; hide / restore / publish / keep with a reason.
 */
export async function loader({ request }: Route.LoaderArgs) {
	await requirePermission(request, "access:admin");
	const parsed = staffReviewQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
	const status = parsed.success ? parsed.data.status : "published";
	return { status, reviews: await listReviewsForStaff(status), title: pageTitle(request, "coaches.reviews.admin.title") };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

const formSchema = moderationSchema.extend({ reviewId: z.string().uuid("coaches.reviews.errors.notFound") });
type Outcome = { errors: FormErrors; reviewId?: string; reason?: string; target?: string; photoId?: string };
const photoFormSchema = z.intersection(
	photoDecisionSchema,
	z.object({
		reviewId: z.string().uuid("coaches.reviews.errors.notFound"),
		photoId: z.string().uuid("coaches.reviews.errors.photoNotFound"),
	}),
);

/** Back to the list it was decided from, by name (a script's submission is addressed to …/reviews.data). */
function backToList(request: Request, messageKey: string) {
	const listed = staffReviewQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
	return redirectWithToast(listed.success ? `/admin/reviews?status=${listed.data.status}` : "/admin/reviews", {
		kind: "success",
		messageKey,
	});
}

export async function action({ request }: Route.ActionArgs) {
	const session = await requirePermission(request, "access:admin");
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return data<Outcome>({ errors: { formError: "errors.badRequest" } }, { status: 400 });
	}
	const submitted = Object.fromEntries(form) as Record<string, string>;
	if (submitted.intent === "photo") {
		const photo = photoFormSchema.safeParse(submitted);
		if (!photo.success) return data<Outcome>({ errors: { fields: fieldErrorKeys(photo.error) }, ...submitted }, { status: 400 });
		try {
			await decideReviewPhoto({ staffId: session.user.id, ...photo.data });
		} catch (error) {
			const { errors, init } = formErrorsOf(error);
			return data<Outcome>({ errors, ...submitted }, init);
		}
		return backToList(request, "coaches.reviews.admin.photoDone");
	}
	const parsed = formSchema.safeParse(submitted);
	if (!parsed.success) {
		return data<Outcome>({ errors: { fields: fieldErrorKeys(parsed.error) }, ...submitted }, { status: 400 });
	}
	try {
		await moderateReview({ staffId: session.user.id, ...parsed.data });
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		return data<Outcome>({ errors, ...submitted }, init);
	}
	return backToList(request, "coaches.reviews.admin.done");
}

const lists = ["held", "reported", "photos", "published", "hidden"] as const;

export default function AdminReviews({ loaderData, actionData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const navigation = useNavigation();
	const { status, reviews } = loaderData;
	return (
		<div className="space-y-6">
			<header>
				<h1 className="text-2xl font-semibold sm:text-3xl">{t("coaches.reviews.admin.title")}</h1>
				<p className="mt-1 text-muted">{t("coaches.reviews.admin.intro")}</p>
			</header>
			<nav className="flex flex-wrap gap-2" aria-label={t("coaches.reviews.admin.title")}>
				{lists.map((each) => (
					<Link
						key={each}
						to={`?status=${each}`}
						aria-current={each === status ? "page" : undefined}
						className={cn(
							"inline-flex h-9 items-center rounded-full px-3 text-sm ring-1 ring-inset",
							each === status ? "bg-cloth-700 text-white ring-cloth-700" : "bg-white ring-line hover:bg-paper",
						)}
					>
						{each === "reported"
							? t("moderation.queue.reported")
							: each === "photos"
								? t("coaches.reviews.admin.photosList")
								: t(`coaches.reviews.admin.statuses.${each}`)}
					</Link>
				))}
			</nav>
			{reviews.length === 0 ? (
				<EmptyState icon="★" title={t("coaches.reviews.admin.empty")} />
			) : (
				<section className="divide-y divide-line rounded-3xl bg-white px-5 shadow-(--shadow-card)">
					{reviews.map((review) => (
						<ReviewCard key={review.id} review={review}>
							<StaffPhotoDecisions
								review={review}
								outcome={actionData?.reviewId === review.id && actionData.photoId ? (actionData as PhotoOutcome) : undefined}
								submitting={navigation.state === "submitting"}
							/>
							<StaffReviewDecisions
								review={review}
								outcome={actionData?.reviewId === review.id && !actionData.photoId ? actionData : undefined}
								submitting={navigation.state === "submitting"}
							/>
						</ReviewCard>
					))}
				</section>
			)}
		</div>
	);
}
