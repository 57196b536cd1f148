import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { Button } from "~/ui/button";
import { cn } from "~/ui/cn";
import { Field, inputClasses } from "~/ui/field";
import { Select } from "~/ui/select";
import { CheckPill, SectionCard } from "../../application/components/section-card";
import { type CourseType, courseTypeDescriptions, courseTypeNames, courseTypes } from "../../catalog";
import { SaveBar } from "../../dashboard/coach-page";
import { cancellationPolicies } from "../cancellation-policies";
import { type OfferingsOutcome, offeringFields, rowsFor, yuanInput } from "../form";
import type { OfferingsView } from "../get-offerings.server";
import { durationChoices } from "../schema";
import { localeOf, usePriceSummary } from "./offerings-summary";

/**
 * The whole offerings form: a card per course type with its lengths and prices, then the
 * cancellation preset, then one save. A plain POST; after a refusal it shows what was typed.
 */
export function OfferingsForm({ view, outcome, busy }: { view: OfferingsView; outcome?: OfferingsOutcome; busy: boolean }) {
	const { t } = useTranslation();
	const summary = usePriceSummary(view);
	const values = outcome?.values;
	const error = (name: string) => {
		const key = outcome?.errors.fields?.[name];
		return key ? t(key, outcome?.errors.params ?? {}) : null;
	};
	const policy = values?.[offeringFields.policy] ?? view.cancellationPolicy;
	return (
		// Remounted after each save, so every input starts again from what is saved.
		<Form method="post" noValidate className="space-y-5" key={JSON.stringify(view)}>
			<input type="hidden" name="intent" value="save" />
			<p className="text-sm text-muted">{t("coaching.offerings.slotsHint")}</p>
			{courseTypes.map((course) => (
				<CourseCard key={course} course={course} view={view} values={values} error={error} />
			))}
			<SectionCard id="policy" title={t("coaching.offerings.policy")}>
				<fieldset aria-describedby="policy-hint" className="space-y-3">
					<legend className="sr-only">{t("coaching.offerings.policy")}</legend>
					<p id="policy-hint" className="text-sm text-muted">
						{t("coaching.offerings.policyHint")}
					</p>
					<div className="grid gap-3 sm:grid-cols-3">
						{cancellationPolicies.map((name) => (
							<label key={name} className="relative flex cursor-pointer">
								<input
									type="radio"
									name={offeringFields.policy}
									value={name}
									defaultChecked={policy === name}
									className="peer absolute top-4 right-4 size-4 accent-cloth-700"
								/>
								<span className="flex-1 rounded-2xl p-4 pr-10 ring-1 ring-line ring-inset transition-colors peer-checked:bg-cloth-50 peer-checked:ring-2 peer-checked:ring-cloth-600 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-cloth-500">
									<span className="block font-medium">{t(`coaching.offerings.policies.${name}.name`)}</span>
									<span className="mt-1 block text-sm text-muted">{t(`coaching.offerings.policies.${name}.body`)}</span>
								</span>
							</label>
						))}
					</div>
					{error(offeringFields.policy) ? (
						<p role="alert" className="text-sm text-danger">
							{error(offeringFields.policy)}
						</p>
					) : null}
				</fieldset>
			</SectionCard>
			<SaveBar
				formError={outcome?.errors.formError}
				params={outcome?.errors.params}
				note={t("coaching.offerings.summary", { summary })}
			>
				<Button type="submit" busy={busy}>
					{t("coaching.offerings.save")}
				</Button>
			</SaveBar>
		</Form>
	);
}

function CourseCard({
	course,
	view,
	values,
	error,
}: {
	course: CourseType;
	view: OfferingsView;
	values?: Record<string, string>;
	error: (name: string) => string | null;
}) {
	const { t, i18n } = useTranslation();
	const locale = localeOf(i18n.language);
	const saved = view.offerings.filter((item) => item.courseType === course);
	const rows = rowsFor(course, view, values);
	const durationOptions = [
		{ value: "", label: t("coaching.offerings.durationPlaceholder") },
		...durationChoices.map((minutes) => ({ value: String(minutes), label: t("coaching.offerings.minutes", { count: minutes }) })),
	];
	const online = values ? values[offeringFields.online(course)] === "on" : saved.some((item) => item.online);
	return (
		<SectionCard id={`course-${course}`} title={courseTypeNames[course][locale]}>
			<div className="-mt-2 flex flex-wrap items-center justify-between gap-2">
				<p className="text-sm text-muted">{courseTypeDescriptions[course][locale]}</p>
				<span
					className={cn(
						"rounded-full px-2.5 py-0.5 text-xs font-medium",
						saved.length > 0 ? "bg-cloth-50 text-cloth-800" : "bg-paper text-muted ring-1 ring-line ring-inset",
					)}
				>
					{saved.length > 0 ? t("coaching.offerings.offered", { count: saved.length }) : t("coaching.offerings.notOffered")}
				</span>
			</div>
			<div className="mt-4 space-y-3">
				{Array.from({ length: rows }, (_, row) => {
					const durationName = offeringFields.duration(course, row);
					const priceName = offeringFields.price(course, row);
					const item = saved[row];
					return (
						<fieldset key={row} className="grid grid-cols-2 gap-3">
							<legend className="sr-only">{t("coaching.offerings.slot", { index: row + 1 })}</legend>
							<Field label={t("coaching.offerings.duration")} error={error(durationName)}>
								{(wiring) => (
									<Select
										{...wiring}
										name={durationName}
										defaultValue={values?.[durationName] ?? (item ? String(item.durationMinutes) : "")}
										options={durationOptions}
									/>
								)}
							</Field>
							<Field label={t("coaching.offerings.price")} error={error(priceName)}>
								{(wiring) => (
									<div className="relative">
										<span aria-hidden className="pointer-events-none absolute inset-y-0 left-3.5 flex items-center text-muted">
											¥
										</span>
										<input
											{...wiring}
											name={priceName}
											inputMode="decimal"
											autoComplete="off"
											placeholder={t("coaching.offerings.pricePlaceholder")}
											defaultValue={values?.[priceName] ?? (item ? yuanInput(item.priceFen) : "")}
											className={cn(inputClasses, "pl-8 tabular-nums")}
										/>
									</div>
								)}
							</Field>
						</fieldset>
					);
				})}
			</div>
			<div className="mt-4">
				<CheckPill
					name={offeringFields.online(course)}
					value="on"
					label={t("coaching.offerings.online")}
					defaultChecked={online}
				/>
			</div>
		</SectionCard>
	);
}
