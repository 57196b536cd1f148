import { useTranslation } from "react-i18next";
import { Form, useNavigation } from "react-router";
import type { FormErrors } from "~/lib/form.server";
import { Button, ButtonLink } from "~/ui/button";
import { Field, inputClasses } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import { Select } from "~/ui/select";
import { disciplines, skills } from "../vocabulary";

/** A drill's fields as the form shows them (from the saved drill, or from what was typed). */
export type DrillFormValues = {
	nameZh?: unknown;
	nameEn?: unknown;
	discipline?: unknown;
	skills?: unknown;
	scoring?: unknown;
	attempts?: unknown;
	ladderPositions?: unknown;
	difficulty?: unknown;
	setupZh?: unknown;
	setupEn?: unknown;
};

export const formValuesOfDrill = (drill: {
	name: { "zh-CN": string; en: string };
	discipline: string;
	skills: readonly string[];
	scoring: { kind: string; attempts: number; ladderPositions: number | null };
	difficulty: number;
	setup: { "zh-CN": string; en: string };
}): DrillFormValues => ({
	nameZh: drill.name["zh-CN"],
	nameEn: drill.name.en,
	discipline: drill.discipline,
	skills: drill.skills,
	scoring: drill.scoring.kind,
	attempts: drill.scoring.attempts,
	ladderPositions: drill.scoring.ladderPositions ?? undefined,
	difficulty: drill.difficulty,
	setupZh: drill.setup["zh-CN"],
	setupEn: drill.setup.en,
});

const text = (value: unknown) => (value === undefined || value === null ? "" : String(value));

/**
 * Create or edit a drill, the same fields for staff and coaches. It posts without JavaScript;
 * the shots-per-round and ladder-positions fields both show, and only the chosen scoring's counts.
 */
export function DrillForm({
	values,
	errors,
	listPath,
	inUse = false,
}: {
	values: DrillFormValues;
	errors?: FormErrors;
	listPath: string;
	/** Records already counted shots with it: say that only names and set-up can change. */
	inUse?: boolean;
}) {
	const { t } = useTranslation();
	const busy = useNavigation().state === "submitting";
	const fieldError = (name: string) => {
		const key = errors?.fields?.[name] ?? errors?.fields?.[`${name}.0`];
		return key ? t(key) : null;
	};
	const chosenSkills = Array.isArray(values.skills) ? values.skills.map(String) : [];
	const scoring = text(values.scoring) || "made_of_attempts";
	const area = `${inputClasses} min-h-24`;
	return (
		<Form method="post" className="space-y-4 rounded-2xl bg-white p-4 shadow-(--shadow-card) sm:p-6" noValidate>
			<FormAlert messageKey={errors?.formError} params={errors?.params} />
			{inUse ? (
				<p className="rounded-xl bg-wood-100 px-3 py-2 text-sm text-wood-700">{t("learning.drillEditor.inUseNote")}</p>
			) : null}
			<div className="grid gap-4 sm:grid-cols-2">
				<Field
					label={t("learning.drillEditor.nameZh")}
					name="nameZh"
					maxLength={60}
					defaultValue={text(values.nameZh)}
					error={fieldError("nameZh")}
				/>
				<Field
					label={t("learning.drillEditor.nameEn")}
					name="nameEn"
					maxLength={80}
					defaultValue={text(values.nameEn)}
					error={fieldError("nameEn")}
				/>
				<Field label={t("learning.drillEditor.discipline")} error={fieldError("discipline")}>
					{(wiring) => (
						<Select
							{...wiring}
							name="discipline"
							defaultValue={text(values.discipline) || disciplines[0]}
							options={disciplines.map((d) => ({ value: d, label: t(`learning.disciplines.${d}`) }))}
						/>
					)}
				</Field>
				<Field label={t("learning.drillEditor.difficulty")} error={fieldError("difficulty")}>
					{(wiring) => (
						<Select
							{...wiring}
							name="difficulty"
							defaultValue={text(values.difficulty) || "1"}
							options={[1, 2, 3, 4, 5].map((level) => ({ value: String(level), label: String(level) }))}
						/>
					)}
				</Field>
			</div>
			<fieldset aria-describedby={fieldError("skills") ? "drill-skills-error" : undefined}>
				<legend className="text-sm font-medium">{t("learning.drillEditor.skills")}</legend>
				<div className="mt-2 flex flex-wrap gap-2">
					{skills.map((skill) => (
						<label
							key={skill}
							className="flex min-h-11 cursor-pointer items-center gap-2 rounded-full border border-line px-3 text-sm has-checked:border-cloth-600 has-checked:bg-cloth-50"
						>
							<input type="checkbox" name="skills" value={skill} defaultChecked={chosenSkills.includes(skill)} />
							{t(`learning.skills.${skill}`)}
						</label>
					))}
				</div>
				{fieldError("skills") ? (
					<p id="drill-skills-error" role="alert" className="mt-1 text-sm text-danger">
						{fieldError("skills")}
					</p>
				) : null}
			</fieldset>
			<fieldset>
				<legend className="text-sm font-medium">{t("learning.drillEditor.scoring")}</legend>
				<div className="mt-2 space-y-2">
					{(
						[
							["made_of_attempts", "learning.drillEditor.scoringMade"],
							["ladder", "learning.drillEditor.scoringLadder"],
						] as const
					).map(([kind, label]) => (
						<label key={kind} className="flex min-h-11 cursor-pointer items-center gap-2 text-sm">
							<input type="radio" name="scoring" value={kind} defaultChecked={scoring === kind} />
							{t(label)}
						</label>
					))}
				</div>
				{fieldError("scoring") ? <p className="mt-1 text-sm text-danger">{fieldError("scoring")}</p> : null}
			</fieldset>
			<div className="grid grid-cols-2 gap-4">
				<Field
					label={t("learning.drillEditor.attempts")}
					name="attempts"
					type="number"
					inputMode="numeric"
					min={1}
					max={100}
					defaultValue={scoring === "ladder" ? "" : text(values.attempts) || "10"}
					error={fieldError("attempts")}
				/>
				<Field
					label={t("learning.drillEditor.ladderPositions")}
					name="ladderPositions"
					type="number"
					inputMode="numeric"
					min={2}
					max={20}
					defaultValue={text(values.ladderPositions)}
					error={fieldError("ladderPositions")}
				/>
			</div>
			<Field label={t("learning.drillEditor.setupZh")} error={fieldError("setupZh")}>
				{(wiring) => (
					<textarea {...wiring} name="setupZh" maxLength={1000} className={area} defaultValue={text(values.setupZh)} />
				)}
			</Field>
			<Field label={t("learning.drillEditor.setupEn")} error={fieldError("setupEn")}>
				{(wiring) => (
					<textarea {...wiring} name="setupEn" maxLength={1000} className={area} defaultValue={text(values.setupEn)} />
				)}
			</Field>
			<div className="flex flex-wrap items-center gap-3">
				<Button type="submit" disabled={busy}>
					{t("learning.drillEditor.save")}
				</Button>
				<ButtonLink to={listPath} variant="secondary">
					{t("learning.drillEditor.cancel")}
				</ButtonLink>
			</div>
		</Form>
	);
}
