import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { Button, ButtonLink } from "~/ui/button";
import { formatDateTime } from "../time-format";

/**
 * The player's card once the coach finished (or the lesson's time is over): confirm the lesson
 * took place, or ask the platform to step in. It says when the lesson completes by itself.
 */
export function ConfirmLessonCard({
	finished,
	autoCompletesAt,
	mayDispute,
	busy,
}: {
	finished: boolean;
	autoCompletesAt: string | null;
	mayDispute: boolean;
	busy: boolean;
}) {
	const { t, i18n } = useTranslation();
	const time = autoCompletesAt ? formatDateTime(autoCompletesAt, i18n.language) : "";
	return (
		<section
			aria-labelledby="confirm-lesson"
			className="rounded-3xl bg-cloth-50 p-5 ring-2 ring-cloth-600 sm:p-6"
			data-testid="confirm-lesson"
		>
			<h2 id="confirm-lesson" className="text-lg font-semibold text-cloth-900">
				{t("booking.completion.player.confirmTitle")}
			</h2>
			<p className="mt-1 text-sm text-cloth-900/80">
				{t(finished ? "booking.completion.player.confirmBody" : "booking.completion.player.confirmBodyUnfinished", { time })}
			</p>
			<div className="mt-4 flex flex-col gap-2 sm:flex-row sm:items-center">
				<Form method="post">
					<input type="hidden" name="intent" value="confirm-completion" />
					<Button type="submit" className="w-full sm:w-auto" busy={busy}>
						{t("booking.completion.player.confirm")}
					</Button>
				</Form>
				{mayDispute ? (
					<ButtonLink to="?dispute=1" variant="secondary" className="w-full sm:w-auto" preventScrollReset>
						{t("booking.completion.player.problem")}
					</ButtonLink>
				) : null}
			</div>
		</section>
	);
}
