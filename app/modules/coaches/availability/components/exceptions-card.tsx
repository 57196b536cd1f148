import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { Button } from "~/ui/button";
import { cn } from "~/ui/cn";
import { Field } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import { useFormOutcome } from "~/ui/use-form-outcome";
import { CheckPill, PillGroup, SectionCard } from "../../application/components/section-card";
import { type AvailabilityOutcome, availabilityFields, exceptionKeyOf } from "../form";
import type { AvailabilityView } from "../get-availability.server";
import { exceptionKinds } from "../schema";
import { TimeSelect } from "./time-select";

/** "2026-11-20" as the reader says it, e.g. "2026年11月20日周五". */
export function formatDay(date: string, language: string): string {
	return new Intl.DateTimeFormat(language, {
		year: "numeric",
		month: "short",
		day: "numeric",
		weekday: "short",
		timeZone: "UTC",
	}).format(new Date(`${date}T00:00:00Z`));
}

/** Days off and extra hours on given dates (from today on): the list, each with its remove button, and the form to add one. */
export function ExceptionsCard({
	view,
	today,
	lastDay,
}: {
	view: AvailabilityView;
	/** The first and last dates that may be planned, "YYYY-MM-DD" in China. */
	today: string;
	lastDay: string;
}) {
	const { t, i18n } = useTranslation();
	const add = useFormOutcome<AvailabilityOutcome>("add-exception");
	const remove = useFormOutcome<AvailabilityOutcome>("remove-exception");
	const fields = availabilityFields.exception;
	const kind = add.typed?.[fields.kind] ?? "day_off";
	return (
		<SectionCard id="exceptions" title={t("coaching.availability.exceptions")}>
			<p className="text-sm text-muted">{t("coaching.availability.exceptionsHint")}</p>
			{view.exceptions.length > 0 ? (
				<ul className="mt-3 divide-y divide-line">
					{view.exceptions.map((exception) => {
						const day = formatDay(exception.date, i18n.language);
						return (
							<li key={exceptionKeyOf(exception)} className="flex items-center justify-between gap-3 py-2.5">
								<div className="min-w-0">
									<p className="font-medium tabular-nums">{day}</p>
									<p className="flex flex-wrap items-center gap-2 text-sm text-muted">
										<span
											className={cn(
												"rounded-full px-2 py-0.5 text-xs font-medium",
												exception.kind === "day_off" ? "bg-wood-100 text-wood-700" : "bg-cloth-50 text-cloth-800",
											)}
										>
											{t(`coaching.availability.kinds.${exception.kind}`)}
										</span>
										<span className="tabular-nums">
											{exception.start && exception.end
												? `${exception.start}–${exception.end}`
												: t("coaching.availability.wholeDay")}
										</span>
									</p>
								</div>
								<Form method="post" className="shrink-0">
									<input type="hidden" name="intent" value="remove-exception" />
									<input type="hidden" name={availabilityFields.exceptionKey} value={exceptionKeyOf(exception)} />
									<Button
										type="submit"
										variant="ghost"
										size="sm"
										busy={remove.busy("remove-exception", availabilityFields.exceptionKey, exceptionKeyOf(exception))}
										aria-label={t("coaching.availability.removeExceptionLabel", { date: day })}
									>
										{t("coaching.availability.removeException")}
									</Button>
								</Form>
							</li>
						);
					})}
				</ul>
			) : (
				<p className="mt-3 flex h-20 items-center justify-center rounded-2xl border border-dashed border-line text-sm text-muted">
					{t("coaching.availability.exceptionsEmpty")}
				</p>
			)}
			<div className="mt-3 empty:hidden">
				<FormAlert messageKey={remove.formError} params={remove.formParams} />
			</div>

			<Form method="post" noValidate className="mt-5 space-y-4 rounded-2xl bg-paper p-4" key={JSON.stringify(view.exceptions)}>
				<input type="hidden" name="intent" value="add-exception" />
				<h3 className="font-medium">{t("coaching.availability.addException")}</h3>
				<div className="grid gap-4 sm:grid-cols-2">
					<Field
						label={t("coaching.availability.date")}
						name={fields.date}
						type="date"
						min={today}
						max={lastDay}
						defaultValue={add.typed?.[fields.date] ?? ""}
						error={add.error(fields.date)}
					/>
					<PillGroup id="exception-kind" legend={t("coaching.availability.kind")} error={add.error(fields.kind)}>
						{exceptionKinds.map((option) => (
							<CheckPill
								key={option}
								type="radio"
								name={fields.kind}
								value={option}
								label={t(`coaching.availability.kinds.${option}`)}
								defaultChecked={kind === option}
							/>
						))}
					</PillGroup>
					{(["start", "end"] as const).map((name) => (
						<Field
							key={name}
							label={t(`coaching.availability.${name === "start" ? "from" : "to"}`)}
							error={add.error(fields[name])}
						>
							{(wiring) => (
								<TimeSelect
									id={wiring.id}
									name={fields[name]}
									defaultValue={add.typed?.[fields[name]]}
									invalid={wiring["aria-invalid"]}
									describedBy={wiring["aria-describedby"]}
								/>
							)}
						</Field>
					))}
				</div>
				<p className="text-sm text-muted">{t("coaching.availability.exceptionTimeHint")}</p>
				<FormAlert messageKey={add.formError} params={add.formParams} />
				<Button type="submit" variant="secondary" busy={add.busy()}>
					{t("coaching.availability.addException")}
				</Button>
			</Form>
		</SectionCard>
	);
}
