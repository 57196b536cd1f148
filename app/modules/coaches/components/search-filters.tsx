import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { dateTimeFormat } from "~/lib/intl-formats";
import { Button } from "~/ui/button";
import { Field } from "~/ui/field";
import { Select } from "~/ui/select";
import { addDays, todayInShanghai } from "../availability/time";
import { courseTypeNames, courseTypes, disciplineNames, disciplines } from "../catalog";
import { coachLevels } from "../search/schema";

export type FilterValues = Record<string, string | undefined>;

/**
 * The filter form: a plain GET form, so the filters live in the URL (shareable, back button
 * works) and it works before JavaScript. Shown in a sheet on a phone and beside the list on a
 * desktop.
 */
export function SearchFilters({
	values,
	locale,
	idPrefix,
	submitOutside = false,
}: {
	values: FilterValues;
	locale: "zh-CN" | "en";
	idPrefix: string;
	/** The sheet pins its own apply button (`ApplyFiltersButton`) below the scrolling form. */
	submitOutside?: boolean;
}) {
	const { t } = useTranslation();
	const any = { value: "", label: t("coaches.search.any") };
	const keep = ["city", "lat", "lng", "q", "sort"] as const;
	return (
		<Form method="get" action="/coaches" className="space-y-4" id={`${idPrefix}-filters`}>
			{keep.map((name) => (values[name] ? <input key={name} type="hidden" name={name} value={values[name]} /> : null))}
			<Field label={t("coaches.search.discipline")}>
				{(wiring) => (
					<Select
						{...wiring}
						name="discipline"
						defaultValue={values.discipline ?? ""}
						options={[any, ...disciplines.map((code) => ({ value: code, label: disciplineNames[code][locale] }))]}
					/>
				)}
			</Field>
			<Field label={t("coaches.search.courseType")}>
				{(wiring) => (
					<Select
						{...wiring}
						name="courseType"
						defaultValue={values.courseType ?? ""}
						options={[any, ...courseTypes.map((code) => ({ value: code, label: courseTypeNames[code][locale] }))]}
					/>
				)}
			</Field>
			<Field label={t("coaches.search.level")}>
				{(wiring) => (
					<Select
						{...wiring}
						name="level"
						defaultValue={values.level ?? ""}
						options={[any, ...coachLevels.map((level) => ({ value: level, label: t(`coaches.levels.${level}`) }))]}
					/>
				)}
			</Field>
			<fieldset>
				<legend className="text-sm font-medium">{t("coaches.search.price")}</legend>
				<div className="mt-1.5 grid grid-cols-2 gap-2">
					<Field
						label={t("coaches.search.minPrice")}
						name="minYuan"
						inputMode="numeric"
						defaultValue={values.minYuan ?? ""}
						className="[&_label]:sr-only"
						placeholder={t("coaches.search.minPrice")}
					/>
					<Field
						label={t("coaches.search.maxPrice")}
						name="maxYuan"
						inputMode="numeric"
						defaultValue={values.maxYuan ?? ""}
						className="[&_label]:sr-only"
						placeholder={t("coaches.search.maxPrice")}
					/>
				</div>
			</fieldset>
			<Field label={t("coaches.search.gender")}>
				{(wiring) => (
					<Select
						{...wiring}
						name="gender"
						defaultValue={values.gender ?? ""}
						options={[
							any,
							{ value: "male", label: t("coaches.genders.male") },
							{ value: "female", label: t("coaches.genders.female") },
						]}
					/>
				)}
			</Field>
			<Field label={t("coaches.search.radius")}>
				{(wiring) => (
					<Select
						{...wiring}
						name="radiusKm"
						defaultValue={values.radiusKm ?? "20"}
						options={["3", "5", "10", "20", "50", "100"].map((km) => ({
							value: km,
							label: t("coaches.search.radiusKm", { km }),
						}))}
					/>
				)}
			</Field>
			<Field label={t("coaches.search.freeOn")}>
				{(wiring) => <Select {...wiring} name="freeOn" defaultValue={values.freeOn ?? ""} options={freeOnOptions(t, locale)} />}
			</Field>
			<label className="flex items-center gap-3 text-sm">
				<input
					type="checkbox"
					name="evening"
					value="true"
					defaultChecked={values.evening === "true"}
					className="size-5 accent-cloth-700"
				/>
				{t("coaches.search.evening")}
			</label>
			<label className="flex items-center gap-3 text-sm">
				<input
					type="checkbox"
					name="online"
					value="true"
					defaultChecked={values.online === "true"}
					className="size-5 accent-cloth-700"
				/>
				{t("coaches.search.online")}
			</label>
			<label className="flex items-center gap-3 text-sm">
				<input
					type="checkbox"
					name="accepting"
					value="true"
					defaultChecked={values.accepting === "true"}
					className="size-5 accent-cloth-700"
				/>
				{t("coaches.search.accepting")}
			</label>
			{submitOutside ? null : (
				<div className="flex gap-2 pt-2">
					<ApplyFiltersButton idPrefix={idPrefix} />
				</div>
			)}
		</Form>
	);
}

/** Submits the filter form of `idPrefix` from wherever it is placed (the `form` attribute). */
export function ApplyFiltersButton({ idPrefix }: { idPrefix: string }) {
	const { t } = useTranslation();
	return (
		<Button type="submit" form={`${idPrefix}-filters`} className="w-full">
			{t("coaches.search.applyFilters")}
		</Button>
	);
}

/** Any day, this weekend, then the next 14 dates by name (search knows 30 days; two weeks fit a list). */
function freeOnOptions(t: (key: string) => string, locale: "zh-CN" | "en") {
	const today = todayInShanghai();
	const format = dateTimeFormat(locale, { month: "short", day: "numeric", weekday: "short", timeZone: "UTC" });
	const dates = Array.from({ length: 14 }, (_, index) => addDays(today, index));
	return [
		{ value: "", label: t("coaches.search.freeOnAny") },
		{ value: "weekend", label: t("coaches.search.freeWeekend") },
		...dates.map((date, index) => {
			const name = format.format(new Date(`${date}T00:00:00Z`));
			const prefix = index === 0 ? t("coaches.search.freeToday") : index === 1 ? t("coaches.search.freeTomorrow") : null;
			return { value: date, label: prefix ? `${prefix} · ${name}` : name };
		}),
	];
}
