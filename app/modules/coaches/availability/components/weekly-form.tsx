import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { Button } from "~/ui/button";
import { Field } from "~/ui/field";
import { Select } from "~/ui/select";
import { useFormOutcome } from "~/ui/use-form-outcome";
import { SectionCard } from "../../application/components/section-card";
import { SaveBar } from "../../dashboard/coach-page";
import { type AvailabilityOutcome, availabilityFields, rowsFor, ruleChoices, weekdays } from "../form";
import type { AvailabilityView } from "../get-availability.server";
import { TimeSelect } from "./time-select";

type Rule = (typeof availabilityFields.rules)[number];

/** How each booking rule's value reads: "15 分钟", or the word for none. */
export function useRuleLabel() {
	const { t } = useTranslation();
	return (rule: Rule, value: number): string => {
		if (rule === "bufferMinutes")
			return value === 0 ? t("coaching.availability.noBuffer") : t("coaching.availability.bufferValue", { count: value });
		if (rule === "minNoticeHours")
			return value === 0 ? t("coaching.availability.noNotice") : t("coaching.availability.minNoticeValue", { count: value });
		return t("coaching.availability.maxAdvanceValue", { count: value });
	};
}

export const ruleTitles: Record<Rule, string> = {
	bufferMinutes: "coaching.availability.buffer",
	minNoticeHours: "coaching.availability.minNotice",
	maxAdvanceDays: "coaching.availability.maxAdvance",
};

/**
 * The week (several ranges a day, China time) and the booking rules, saved together. Each day
 * shows its saved ranges and one empty row for another; a day without ranges is a day off.
 */
export function WeeklyForm({ view }: { view: AvailabilityView }) {
	const { t } = useTranslation();
	const form = useFormOutcome<AvailabilityOutcome>("weekly");
	const ruleLabel = useRuleLabel();
	const values = form.typed;
	return (
		// Remounted after each save, so every input starts again from what is saved.
		<Form
			method="post"
			noValidate
			className="space-y-5"
			key={JSON.stringify([view.weeklyHours, view.bufferMinutes, view.minNoticeHours, view.maxAdvanceDays])}
		>
			<input type="hidden" name="intent" value="weekly" />
			<SectionCard id="weekly" title={t("coaching.availability.weekly")}>
				<p className="text-sm text-muted">
					{t("coaching.availability.weeklyHint")}
					<span className="block">{t("coaching.availability.moreRangesHint")}</span>
				</p>
				<ul className="mt-3 divide-y divide-line">
					{weekdays.map((weekday) => (
						<DayRow key={weekday} weekday={weekday} view={view} values={values} error={form.error} />
					))}
				</ul>
			</SectionCard>
			<SectionCard id="rules" title={t("coaching.availability.rules")}>
				<div className="grid gap-4 sm:grid-cols-3">
					{availabilityFields.rules.map((rule) => {
						const saved = view[rule];
						const choices: number[] = ruleChoices[rule].includes(saved as never)
							? [...ruleChoices[rule]]
							: [...ruleChoices[rule], saved].sort((a, b) => a - b);
						return (
							<Field key={rule} label={t(ruleTitles[rule])} error={form.error(rule)}>
								{(wiring) => (
									<Select
										{...wiring}
										name={rule}
										defaultValue={values?.[rule] ?? String(saved)}
										options={choices.map((value) => ({ value: String(value), label: ruleLabel(rule, value) }))}
									/>
								)}
							</Field>
						);
					})}
				</div>
			</SectionCard>
			<SaveBar formError={form.formError} params={form.formParams}>
				<Button type="submit" busy={form.busy()}>
					{t("coaching.availability.save")}
				</Button>
			</SaveBar>
		</Form>
	);
}

function DayRow({
	weekday,
	view,
	values,
	error,
}: {
	weekday: number;
	view: AvailabilityView;
	values?: Record<string, string>;
	error: (name: string) => string | null;
}) {
	const { t } = useTranslation();
	const id = useId();
	const day = t(`coaching.availability.weekdays.${weekday}`);
	const saved = view.weeklyHours.filter((range) => range.weekday === weekday);
	const rows = rowsFor(weekday, view, values);
	return (
		<li>
			<fieldset aria-labelledby={`${id}-day`} className="grid gap-2 py-3 sm:grid-cols-[6rem_1fr] sm:gap-x-3">
				<div className="flex items-baseline gap-2 sm:block sm:pt-2">
					<p id={`${id}-day`} className="font-medium">
						{day}
					</p>
					{saved.length === 0 ? <p className="text-xs text-muted">{t("coaching.availability.dayOff")}</p> : null}
				</div>
				<div className="space-y-2">
					{Array.from({ length: rows }, (_, row) => {
						const startName = availabilityFields.start(weekday, row);
						const endName = availabilityFields.end(weekday, row);
						const range = saved[row];
						const label = t("coaching.availability.rangeLabel", { day, index: row + 1 });
						const problems = [error(startName), error(endName)].filter((problem): problem is string => Boolean(problem));
						const errorId = `${id}-${row}-error`;
						return (
							<div key={row}>
								<div className="flex items-center gap-2 sm:max-w-md">
									<label htmlFor={`${id}-${row}-start`} className="sr-only">
										{`${label} ${t("coaching.availability.from")}`}
									</label>
									<TimeSelect
										id={`${id}-${row}-start`}
										name={startName}
										defaultValue={values?.[startName] ?? range?.start}
										invalid={Boolean(error(startName))}
										describedBy={problems.length > 0 ? errorId : undefined}
										className="min-w-0 flex-1"
									/>
									<span aria-hidden className="text-muted">
										–
									</span>
									<label htmlFor={`${id}-${row}-end`} className="sr-only">
										{`${label} ${t("coaching.availability.to")}`}
									</label>
									<TimeSelect
										id={`${id}-${row}-end`}
										name={endName}
										defaultValue={values?.[endName] ?? range?.end}
										invalid={Boolean(error(endName))}
										describedBy={problems.length > 0 ? errorId : undefined}
										className="min-w-0 flex-1"
									/>
								</div>
								{problems.length > 0 ? (
									<p id={errorId} role="alert" className="mt-1 text-sm text-danger">
										{problems.join(" ")}
									</p>
								) : null}
							</div>
						);
					})}
				</div>
			</fieldset>
		</li>
	);
}
