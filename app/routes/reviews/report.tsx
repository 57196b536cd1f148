import { isAppError } from "~/lib/errors";
import { safeSitePath } from "~/lib/safe-redirect";
import { redirectWithToast } from "~/lib/toast.server";
import { requireUser } from "~/modules/accounts/guards.server";
import { reportReview } from "~/modules/coaches/reviews/report-review.server";
import { reportInputSchema } from "~/modules/moderation/schema";
import type { Route } from "./+types/report";

/**
 * The report form of a review card, wherever the card is shown (a coach's profile, the coach's own
 * reviews page): the report is filed and the reporter goes back to the page, with a toast saying
 * it was sent or, in their language, why not.
 */
export async function action({ request, params }: Route.ActionArgs) {
	const session = await requireUser(request);
	let submitted: Record<string, string> = {};
	try {
		submitted = Object.fromEntries(await request.formData()) as Record<string, string>;
	} catch {}
	const back = safeSitePath(submitted.redirectTo, "/");
	const parsed = reportInputSchema.safeParse(submitted);
	if (!parsed.success) {
		return redirectWithToast(back, { kind: "error", messageKey: parsed.error.issues[0]?.message ?? "errors.badRequest" });
	}
	try {
		await reportReview({ userId: session.user.id, reviewId: params.reviewId, ...parsed.data });
	} catch (error) {
		if (!isAppError(error)) throw error;
		return redirectWithToast(back, { kind: "error", messageKey: error.messageKey });
	}
	return redirectWithToast(back, { kind: "success", messageKey: "moderation.report.sent" });
}
