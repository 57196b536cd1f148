import { z } from "zod";
import { isAppError } from "~/lib/errors";
import { safeSitePath } from "~/lib/safe-redirect";
import { redirectWithToast } from "~/lib/toast.server";
import { requireUser } from "~/modules/accounts/guards.server";
import { setHelpfulVote } from "~/modules/coaches/reviews/helpful-vote.server";
import type { Route } from "./+types/helpful";

const helpfulFormSchema = z.object({
	helpful: z.enum(["true", "false"], { error: "errors.badRequest" }),
	redirectTo: z.string().optional(),
});

/**
 * The 有用 toggle of a review card (a plain form, so it works without JavaScript): the vote is
 * set or taken back and the visitor goes back to the page, with a toast saying so or, in their
 * language, why not.
 */
export async function action({ request, params }: Route.ActionArgs) {
	const session = await requireUser(request);
	let submitted: Record<string, string> = {};
	try {
		submitted = Object.fromEntries(await request.formData()) as Record<string, string>;
	} catch {}
	const back = safeSitePath(submitted.redirectTo, "/");
	const parsed = helpfulFormSchema.safeParse(submitted);
	if (!parsed.success) return redirectWithToast(back, { kind: "error", messageKey: "errors.badRequest" });
	const helpful = parsed.data.helpful === "true";
	try {
		await setHelpfulVote({ userId: session.user.id, reviewId: params.reviewId, helpful });
	} catch (error) {
		if (!isAppError(error)) throw error;
		return redirectWithToast(back, { kind: "error", messageKey: error.messageKey });
	}
	return redirectWithToast(back, {
		kind: "success",
		messageKey: helpful ? "coaches.reviews.helpful.voted" : "coaches.reviews.helpful.unvoted",
	});
}
