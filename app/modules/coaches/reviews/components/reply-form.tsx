import { useTranslation } from "react-i18next";
import { Button } from "~/ui/button";
import { FormAlert } from "~/ui/form-alert";
import { reviewTextLimit } from "../schema";

/** The coach's one public answer to a published review (the same form edits it). */
export function ReplyForm(props: {
	reviewId: string;
	defaultText: string;
	replied: boolean;
	formError?: string;
	params?: Record<string, string | number>;
	error: string | null;
	submitting: boolean;
}) {
	const { t } = useTranslation();
	const id = `reply-${props.reviewId}`;
	return (
		<form method="post" className="mt-3 space-y-2">
			<input type="hidden" name="reviewId" value={props.reviewId} />
			<FormAlert messageKey={props.formError} params={props.params} />
			<label htmlFor={id} className="block text-sm font-medium">
				{t("coaches.reviews.coach.replyLabel")}
			</label>
			<textarea
				id={id}
				name="text"
				rows={3}
				maxLength={reviewTextLimit}
				defaultValue={props.defaultText}
				aria-invalid={props.error ? true : undefined}
				className="block w-full rounded-xl border border-line bg-white px-3.5 py-2.5 text-base focus:border-cloth-500 focus:outline-none focus:ring-2 focus:ring-cloth-200"
			/>
			{props.error ? (
				<p role="alert" className="text-sm text-danger">
					{props.error}
				</p>
			) : null}
			<Button type="submit" size="sm" variant="secondary" disabled={props.submitting}>
				{props.replied ? t("coaches.reviews.coach.replyEdit") : t("coaches.reviews.coach.replySubmit")}
			</Button>
		</form>
	);
}
