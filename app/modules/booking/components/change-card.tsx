import { useTranslation } from "react-i18next";
import { Form, useNavigation } from "react-router";
import type { FormErrors } from "~/lib/form.server";
import { Button } from "~/ui/button";
import { FormAlert } from "~/ui/form-alert";
import type { BookingChangeView, ChangeLocationView } from "../booking-change-view.server";
import { formatDateTime } from "./time-format";

function placeText(location: ChangeLocationView, t: (key: string) => string): string {
	if (location.kind === "online") return t("booking.changes.adjust.online");
	if (location.kind === "venue") return location.placeName ?? "";
	return location.address ?? t("booking.changes.adjust.ownAddress");
}

/**
 * An open proposal to change a booking, old → new, with the proposer's message and what the
 * viewer may do: the other side accepts or declines, the proposer withdraws.
 */
export function ChangeCard({
	change,
	viewer,
	errors,
}: {
	change: BookingChangeView;
	viewer: "player" | "coach";
	errors?: FormErrors;
}) {
	const { t, i18n } = useTranslation();
	const navigation = useNavigation();
	const locale = i18n.language;
	const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
	const mine = change.by === viewer;
	const title = mine
		? t(change.kind === "adjust" ? "booking.changes.pending.yourAdjustment" : "booking.changes.pending.yourReschedule")
		: change.kind === "adjust"
			? t("booking.changes.pending.adjustFromCoach")
			: t(change.by === "coach" ? "booking.changes.pending.rescheduleFromCoach" : "booking.changes.pending.rescheduleFromPlayer");
	const rows = [
		{
			label: t("booking.changes.pending.time"),
			was: formatDateTime(change.from.startsAt, locale),
			becomes: change.startsAt ? formatDateTime(change.startsAt, locale) : null,
		},
		{
			label: t("booking.changes.pending.place"),
			was: placeText(change.from.location, t),
			becomes: change.location ? placeText(change.location, t) : null,
		},
	];
	const button = (intent: string, label: string, variant: "primary" | "secondary") => (
		<Form method="post" className="flex-1 sm:flex-none" preventScrollReset>
			<input type="hidden" name="intent" value={intent} />
			<input type="hidden" name="changeId" value={change.id} />
			<Button type="submit" variant={variant} className="w-full sm:w-auto sm:min-w-28" busy={busy(intent)}>
				{label}
			</Button>
		</Form>
	);
	return (
		<section
			aria-labelledby="pending-change"
			className="space-y-4 rounded-3xl bg-wood-100 p-5 ring-1 ring-wood-300 sm:p-6"
			data-testid="pending-change"
		>
			<div className="flex flex-wrap items-center justify-between gap-2">
				<h2 id="pending-change" className="text-lg font-semibold">
					{title}
				</h2>
				{mine ? (
					<span className="rounded-full bg-white px-3 py-1 text-sm text-wood-700">
						{t(viewer === "coach" ? "booking.changes.pending.waitingPlayer" : "booking.changes.pending.waitingCoach")}
					</span>
				) : null}
			</div>
			<dl className="divide-y divide-line rounded-2xl bg-white px-4">
				{rows.map((row) => (
					<div key={row.label} className="grid grid-cols-[3.5rem_1fr] gap-2 py-3 text-sm sm:grid-cols-[5rem_1fr]">
						<dt className="text-muted">{row.label}</dt>
						<dd>
							{row.becomes ? (
								<>
									<span className="text-muted line-through decoration-1">{row.was}</span>
									<span aria-hidden className="mx-1.5 text-muted">
										→
									</span>
									<span className="sr-only">{t("booking.changes.pending.becomes")}</span>
									<strong className="font-semibold text-cloth-800">{row.becomes}</strong>
								</>
							) : (
								<>
									{row.was} <span className="text-muted">· {t("booking.changes.pending.unchanged")}</span>
								</>
							)}
						</dd>
					</div>
				))}
			</dl>
			{change.message ? (
				<blockquote className="rounded-2xl bg-white/70 px-4 py-3 text-[15px]">
					<span className="sr-only">{t("booking.changes.pending.message")}：</span>“{change.message}”
				</blockquote>
			) : null}
			<FormAlert messageKey={errors?.formError} params={errors?.params} />
			{mine ? (
				<div className="flex">{button("withdraw-change", t("booking.changes.pending.withdraw"), "secondary")}</div>
			) : (
				<>
					<p className="text-sm text-wood-700">
						{t(change.kind === "adjust" ? "booking.changes.pending.adjustHint" : "booking.changes.pending.rescheduleHint")}
					</p>
					<div className="flex gap-3">
						{button("accept-change", t("booking.changes.pending.accept"), "primary")}
						{button("decline-change", t("booking.changes.pending.decline"), "secondary")}
					</div>
				</>
			)}
		</section>
	);
}
