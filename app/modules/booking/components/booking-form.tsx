import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import type { FormErrors } from "~/lib/form.server";
import { formatFen } from "~/lib/money";
import { courseTypeNames } from "~/modules/coaches/catalog";
import type { CancellationPolicy } from "~/modules/coaches/offerings/cancellation-policies";
import { Button } from "~/ui/button";
import { cn } from "~/ui/cn";
import { inputClasses } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import type { BookingFormValues } from "../booking-form";
import { formFieldOf } from "../booking-form";
import type { FreeDay } from "../booking-form.server";
import { CancellationPolicyText } from "./cancellation-policy";
import { Choice } from "./choice";
import { FreeTimePicker } from "./free-time-picker";
import { ViewerZoneLegend } from "./lesson-time";
import { formatDateTime } from "./time-format";

export interface BookingFormView {
	coachId: string;
	offerings: Array<{
		id: string;
		courseType: keyof typeof courseTypeNames;
		durationMinutes: number;
		priceFen: number;
		depositFen: number;
		online: boolean;
	}>;
	offeringId: string;
	days: FreeDay[];
	selectedDay: string | null;
	places: Array<{ id: string; name: string; address: string | null }>;
	cancellationPolicy: CancellationPolicy;
	depositPercent: number;
	paymentMinutes: number;
	values: BookingFormValues;
	/** The time asked for in the link, when it is no longer free. */
	requestedTimeGone: boolean;
}

export interface BookingFormOutcome {
	errors?: FormErrors;
	values?: BookingFormValues;
	alternatives?: Array<{ startsAt: string; endsAt: string }>;
}

function Step({
	number,
	title,
	error,
	errorId,
	links,
	children,
}: {
	number: number;
	title: string;
	error?: string;
	errorId?: string;
	/** A step of links rather than inputs is a section, not a fieldset. */
	links?: boolean;
	children: React.ReactNode;
}) {
	const heading = (
		<>
			<span aria-hidden className="flex size-7 items-center justify-center rounded-full bg-cloth-700 text-sm text-white">
				{number}
			</span>
			{title}
		</>
	);
	const body = (
		<>
			<div className="mt-3 space-y-3">{children}</div>
			{error ? (
				<p id={errorId} role="alert" className="mt-3 text-sm text-danger">
					{error}
				</p>
			) : null}
		</>
	);
	const box = "block w-full min-w-0 rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6";
	return links ? (
		<section className={box}>
			<h2 className="flex items-center gap-2 text-lg font-semibold">{heading}</h2>
			{body}
		</section>
	) : (
		<fieldset className={box}>
			<legend className="float-left flex w-full items-center gap-2 text-lg font-semibold">{heading}</legend>
			<div className="clear-both" />
			{body}
		</fieldset>
	);
}

/**
 * The booking form: the offering (links, so the times follow without JavaScript), a free time
 * (days as tabs, times as buttons), the place, a note and the payment plan with its amounts, and
 * the policy in force. A plain form post; what was typed comes back with the errors beside it.
 */
export function BookingForm({ view, outcome, busy }: { view: BookingFormView; outcome?: BookingFormOutcome; busy: boolean }) {
	const { t, i18n } = useTranslation();
	const locale = i18n.language;
	const values = outcome?.values ?? view.values;
	const errorOf = (field: ReturnType<typeof formFieldOf>) => {
		const entry = Object.entries(outcome?.errors?.fields ?? {}).find(([key]) => formFieldOf(key) === field);
		return entry ? t(entry[1], outcome?.errors?.params ?? {}) : undefined;
	};
	const offering = view.offerings.find((item) => item.id === view.offeringId) ?? view.offerings[0];
	if (!offering) return null;
	const link = (params: Record<string, string>) => `?${new URLSearchParams({ offeringId: view.offeringId, ...params })}`;
	const day = view.days.find((item) => item.date === view.selectedDay) ?? view.days[0];
	const chosenPlace = values.place ?? (view.places[0] ? `venue:${view.places[0].id}` : "address");
	const plan = values.paymentPlan ?? "deposit";
	// A field the form has no place for (a coach id, say) is shown above the form.
	const formError =
		outcome?.errors?.formError ?? Object.entries(outcome?.errors?.fields ?? {}).find(([key]) => formFieldOf(key) === "form")?.[1];

	return (
		<div className="space-y-5">
			<Step number={1} title={t("booking.player.form.offering")} error={errorOf("offeringId")} links>
				<ul className="grid gap-2 sm:grid-cols-2">
					{view.offerings.map((item) => {
						const selected = item.id === offering.id;
						return (
							<li key={item.id}>
								<Link
									to={`?${new URLSearchParams({ offeringId: item.id })}`}
									aria-current={selected ? "true" : undefined}
									preventScrollReset
									className={cn(
										"flex items-center justify-between gap-3 rounded-2xl p-4 ring-inset transition-colors",
										selected ? "bg-cloth-50 ring-2 ring-cloth-600" : "ring-1 ring-line hover:bg-paper",
									)}
								>
									<span>
										<span className="block font-medium">
											{courseTypeNames[item.courseType][locale === "en" ? "en" : "zh-CN"]}
										</span>
										<span className="block text-sm text-muted">
											{t("coaches.profile.minutes", { minutes: item.durationMinutes })}
											{item.online ? ` · ${t("coaches.profile.online")}` : ""}
										</span>
									</span>
									<strong className="text-wood-700">{formatFen(item.priceFen, locale)}</strong>
								</Link>
							</li>
						);
					})}
				</ul>
			</Step>

			<Form method="post" className="space-y-5" data-testid="booking-form">
				<input type="hidden" name="offeringId" value={offering.id} />
				<input type="hidden" name="idempotencyKey" value={values.idempotencyKey ?? ""} />
				<FormAlert messageKey={formError} params={outcome?.errors?.params} />

				<Step number={2} title={t("booking.player.form.time")} error={errorOf("startsAt")} errorId="startsAt-error">
					<p className="text-sm text-muted">{t("booking.player.form.timeHint")}</p>
					<ViewerZoneLegend />
					{outcome?.alternatives?.length ? (
						<div className="rounded-2xl bg-wood-100 p-3" data-testid="alternatives">
							<p className="text-sm font-medium text-wood-700">{t("booking.player.form.alternatives")}</p>
							<div className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-3">
								{outcome.alternatives.map((slot) => (
									<Choice key={slot.startsAt} name="startsAt" value={slot.startsAt} compact>
										{formatDateTime(slot.startsAt, locale)}
									</Choice>
								))}
							</div>
						</div>
					) : null}
					{view.requestedTimeGone && !outcome ? (
						<p className="rounded-xl bg-wood-100 px-3 py-2 text-sm text-wood-700">{t("booking.player.form.requestedGone")}</p>
					) : null}
					{day ? (
						<FreeTimePicker
							days={view.days}
							selectedDay={day.date}
							dayLink={(date) => link({ day: date })}
							checked={values.startsAt}
							describedBy="startsAt-error"
						/>
					) : (
						<p className="text-sm text-muted">{t("booking.player.form.noTimes")}</p>
					)}
				</Step>

				<Step number={3} title={t("booking.player.form.place")} error={errorOf("place")}>
					<div className="grid gap-2">
						{view.places.map((place) => (
							<Choice
								key={place.id}
								name="place"
								value={`venue:${place.id}`}
								defaultChecked={chosenPlace === `venue:${place.id}`}
							>
								<span className="block font-medium">{place.name}</span>
								{place.address ? <span className="block text-sm text-muted">{place.address}</span> : null}
							</Choice>
						))}
						<Choice name="place" value="address" defaultChecked={chosenPlace === "address"}>
							<span className="block font-medium">{t("booking.player.form.ownAddress")}</span>
							<span className="block text-sm text-muted">{t("booking.player.form.ownAddressHint")}</span>
						</Choice>
						{offering.online ? (
							<Choice name="place" value="online" defaultChecked={chosenPlace === "online"}>
								<span className="block font-medium">{t("booking.player.form.online")}</span>
								<span className="block text-sm text-muted">{t("booking.player.form.onlineHint")}</span>
							</Choice>
						) : null}
					</div>
					<div className="space-y-1.5">
						<label htmlFor="booking-address" className="block text-sm font-medium">
							{t("booking.player.form.address")}
						</label>
						<input
							id="booking-address"
							name="address"
							className={inputClasses}
							defaultValue={values.address ?? ""}
							maxLength={200}
							autoComplete="street-address"
							placeholder={t("booking.player.form.addressPlaceholder")}
							aria-invalid={errorOf("address") ? true : undefined}
							aria-describedby={errorOf("address") ? "address-error" : undefined}
						/>
						{errorOf("address") ? (
							<p id="address-error" role="alert" className="text-sm text-danger">
								{errorOf("address")}
							</p>
						) : null}
					</div>
				</Step>

				<Step number={4} title={t("booking.player.form.note")} error={errorOf("note")}>
					<label htmlFor="booking-note" className="sr-only">
						{t("booking.player.form.note")}
					</label>
					<textarea
						id="booking-note"
						name="note"
						rows={3}
						maxLength={500}
						defaultValue={values.note ?? ""}
						placeholder={t("booking.player.form.notePlaceholder")}
						className={inputClasses}
					/>
				</Step>

				<Step number={5} title={t("booking.player.form.payment")} error={errorOf("paymentPlan")}>
					<div className="grid gap-2 sm:grid-cols-2">
						<Choice name="paymentPlan" value="deposit" defaultChecked={plan === "deposit"}>
							<span className="block font-medium">
								{t("booking.player.form.deposit", { amount: formatFen(offering.depositFen, locale) })}
							</span>
							<span className="block text-sm text-muted">
								{t("booking.player.form.depositHint", {
									percent: view.depositPercent,
									rest: formatFen(offering.priceFen - offering.depositFen, locale),
								})}
							</span>
						</Choice>
						<Choice name="paymentPlan" value="full" defaultChecked={plan === "full"}>
							<span className="block font-medium">
								{t("booking.player.form.full", { amount: formatFen(offering.priceFen, locale) })}
							</span>
							<span className="block text-sm text-muted">{t("booking.player.form.fullHint")}</span>
						</Choice>
					</div>
				</Step>

				<section className="rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6">
					<h2 className="text-lg font-semibold">{t("coaches.profile.policy")}</h2>
					<div className="mt-2">
						<CancellationPolicyText policy={view.cancellationPolicy} />
					</div>
				</section>

				<div className="sticky bottom-20 z-10 rounded-3xl bg-white/95 p-4 shadow-(--shadow-card) backdrop-blur md:bottom-4">
					<Button type="submit" size="lg" className="w-full" busy={busy}>
						{t("booking.player.form.submit", { price: formatFen(offering.priceFen, locale) })}
					</Button>
					<p className="mt-2 text-center text-xs text-muted">
						{t("booking.player.form.payWithin", { minutes: view.paymentMinutes })}
					</p>
				</div>
			</Form>
		</div>
	);
}
