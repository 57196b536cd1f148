import { useTranslation } from "react-i18next";
import { Form, useNavigation } from "react-router";
import type { FormErrors } from "~/lib/form.server";
import { Button } from "~/ui/button";
import { inputClasses } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import type { ChangeFormView } from "../change-form.server";
import { Choice } from "./choice";
import { FreeTimePicker } from "./free-time-picker";
import { ViewerZoneLegend } from "./lesson-time";

export interface ProposeChangeOutcome {
	intent?: string;
	errors?: FormErrors;
	values?: Record<string, string>;
}

/**
 * The form proposing another time (and, for the coach's adjustment, another place) for a booking:
 * a folded panel that opens when the viewer picks a day or comes back with an error, with the
 * coach's free times from the booking form's picker. A plain form post.
 */
export function ProposeChange({
	mode,
	viewer,
	form,
	selectedDay,
	outcome,
}: {
	mode: "adjust" | "reschedule";
	viewer: "player" | "coach";
	form: ChangeFormView;
	selectedDay: string | null;
	outcome?: ProposeChangeOutcome;
}) {
	const { t } = useTranslation();
	const navigation = useNavigation();
	const mine = outcome?.intent === mode ? outcome : undefined;
	const values = mine?.values ?? {};
	const fieldError = (name: string) => {
		const entry = Object.entries(mine?.errors?.fields ?? {}).find(([key]) => key === name || key.startsWith(`${name}.`));
		return entry ? t(entry[1], mine?.errors?.params ?? {}) : undefined;
	};
	const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === mode;
	const place = values.place || "keep";
	const title = t(mode === "adjust" ? "booking.changes.adjust.title" : "booking.changes.reschedule.title");
	const intro =
		mode === "adjust"
			? t("booking.changes.adjust.intro")
			: t(viewer === "coach" ? "booking.changes.reschedule.introCoach" : "booking.changes.reschedule.introPlayer");
	const timeError = fieldError("startsAt");
	const placeError = fieldError("location");
	return (
		<details
			className="group rounded-3xl bg-white shadow-(--shadow-card) open:pb-1"
			open={Boolean(selectedDay || mine)}
			data-testid={`propose-${mode}`}
		>
			<summary className="flex cursor-pointer list-none items-center justify-between gap-3 p-5 text-lg font-semibold sm:p-6 [&::-webkit-details-marker]:hidden">
				{title}
				<span aria-hidden className="text-muted transition-transform group-open:rotate-180">
					⌄
				</span>
			</summary>
			<Form method="post" className="space-y-5 px-5 pb-5 sm:px-6 sm:pb-6" preventScrollReset>
				<input type="hidden" name="intent" value={mode} />
				<p className="text-sm text-muted">{intro}</p>
				<FormAlert messageKey={mine?.errors?.formError} params={mine?.errors?.params} />
				<fieldset className="min-w-0 space-y-3">
					<legend className="font-medium">
						{t(mode === "adjust" ? "booking.changes.adjust.time" : "booking.changes.reschedule.time")}
					</legend>
					<ViewerZoneLegend />
					{mode === "adjust" ? (
						// Not checked by default: a re-render must not move the choice back to it (an unchecked
						// group posts no time, which keeps the time too).
						<Choice name="startsAt" value="" defaultChecked={mine !== undefined && !values.startsAt}>
							<span className="font-medium">{t("booking.changes.adjust.keepTime")}</span>
						</Choice>
					) : null}
					{form.days.length > 0 ? (
						<FreeTimePicker
							days={form.days}
							selectedDay={selectedDay}
							dayLink={(date) => `?${new URLSearchParams({ day: date })}`}
							checked={values.startsAt}
							describedBy={timeError ? `${mode}-time-error` : undefined}
						/>
					) : (
						<p className="text-sm text-muted">{t("booking.changes.reschedule.noTimes")}</p>
					)}
					{timeError ? (
						<p id={`${mode}-time-error`} role="alert" className="text-sm text-danger">
							{timeError}
						</p>
					) : null}
				</fieldset>
				{mode === "adjust" ? (
					<fieldset className="min-w-0 space-y-3">
						<legend className="font-medium">{t("booking.changes.adjust.place")}</legend>
						<div className="grid gap-2 sm:grid-cols-2">
							<Choice name="place" value="keep" defaultChecked={place === "keep"}>
								<span className="font-medium">{t("booking.changes.adjust.keepPlace")}</span>
							</Choice>
							{form.places.map((item) => (
								<Choice key={item.id} name="place" value={`venue:${item.id}`} defaultChecked={place === `venue:${item.id}`}>
									<span className="block font-medium">{item.name}</span>
									{item.address ? <span className="block text-sm text-muted">{item.address}</span> : null}
								</Choice>
							))}
							<Choice name="place" value="address" defaultChecked={place === "address"}>
								<span className="font-medium">{t("booking.changes.adjust.ownAddress")}</span>
							</Choice>
							{form.online ? (
								<Choice name="place" value="online" defaultChecked={place === "online"}>
									<span className="font-medium">{t("booking.changes.adjust.online")}</span>
								</Choice>
							) : null}
						</div>
						<div className="space-y-1.5">
							<label htmlFor="change-address" className="block text-sm font-medium">
								{t("booking.changes.adjust.address")}
							</label>
							<input
								id="change-address"
								name="address"
								className={inputClasses}
								defaultValue={values.address ?? ""}
								maxLength={200}
								aria-invalid={placeError ? true : undefined}
								aria-describedby={placeError ? "change-place-error" : undefined}
							/>
						</div>
						{placeError ? (
							<p id="change-place-error" role="alert" className="text-sm text-danger">
								{placeError}
							</p>
						) : null}
					</fieldset>
				) : null}
				<div className="space-y-1.5">
					<label htmlFor={`${mode}-message`} className="block text-sm font-medium">
						{t(mode === "adjust" ? "booking.changes.adjust.message" : "booking.changes.reschedule.message")}
					</label>
					<textarea
						id={`${mode}-message`}
						name="message"
						rows={2}
						maxLength={200}
						defaultValue={values.message ?? ""}
						placeholder={t(
							mode === "adjust" ? "booking.changes.adjust.messagePlaceholder" : "booking.changes.reschedule.messagePlaceholder",
						)}
						className={inputClasses}
					/>
					{fieldError("message") ? (
						<p role="alert" className="text-sm text-danger">
							{fieldError("message")}
						</p>
					) : null}
				</div>
				<Button type="submit" className="w-full sm:w-auto" busy={busy}>
					{t(mode === "adjust" ? "booking.changes.adjust.submit" : "booking.changes.reschedule.submit")}
				</Button>
			</Form>
		</details>
	);
}
