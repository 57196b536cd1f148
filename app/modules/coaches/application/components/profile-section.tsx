import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { Field, inputClasses } from "~/ui/field";
import { Select } from "~/ui/select";
import { useFormOutcome } from "~/ui/use-form-outcome";
import { disciplineNames, disciplines } from "../../catalog";
import { maxCustomTagLength, splitStyleTags, styleTagCodes, styleTagLabel } from "../../style-tags";
import { sectionComplete } from "../completeness";
import type { ApplicationView } from "../present.server";
import { coachLevels } from "../schema";
import { CheckPill, PillGroup, SaveSectionButton, SectionCard } from "./section-card";

/** What players read: name, disciplines, level, experience, teaching style and a bio. */
export function ProfileSection({ application, step }: { application: ApplicationView; step: number }) {
	const { t, i18n } = useTranslation();
	const locale = i18n.language === "en" ? "en" : "zh-CN";
	const form = useFormOutcome("profile");
	const { profile, missing, editable } = application;
	const done = sectionComplete(missing, "profile");
	const chosenDisciplines = form.values("disciplines") ?? profile.disciplines;
	const saved = splitStyleTags(profile.styleTags);
	const chosenTags = form.values("styleTags") ?? saved.fixed;
	const bioDefault = form.value("bio") ?? profile.bio ?? "";
	const [bioLength, setBioLength] = useState([...bioDefault].length);
	return (
		<SectionCard id="profile" step={step} title={t("coaching.apply.sections.profile")} state={done ? "done" : "todo"}>
			<Form method="post" className="space-y-5">
				<input type="hidden" name="intent" value="profile" />
				<fieldset disabled={!editable} className="space-y-5">
					<div className="grid gap-4 sm:grid-cols-2">
						<Field
							label={t("coaching.apply.profile.displayName")}
							hint={
								profile.pendingDisplayName
									? t("coaching.apply.profile.pendingName", { name: profile.pendingDisplayName, current: profile.displayName })
									: t("coaching.apply.profile.displayNameHint")
							}
							name="displayName"
							maxLength={20}
							required
							defaultValue={form.value("displayName") ?? profile.pendingDisplayName ?? profile.displayName}
							error={form.error("profile.displayName")}
						/>
						<div className="grid grid-cols-2 gap-4">
							<Field label={t("coaching.apply.profile.level")} error={form.error("profile.level")}>
								{(wiring) => (
									<Select
										{...wiring}
										name="level"
										defaultValue={form.value("level") ?? profile.level ?? ""}
										options={[
											{ value: "", label: t("coaching.apply.profile.levelPlaceholder") },
											...coachLevels.map((level) => ({ value: level, label: t(`coaching.levels.${level}`) })),
										]}
									/>
								)}
							</Field>
							<Field
								label={t("coaching.apply.profile.years")}
								name="yearsExperience"
								type="number"
								inputMode="numeric"
								min={0}
								max={60}
								step={1}
								defaultValue={form.value("yearsExperience") ?? profile.yearsExperience ?? ""}
								error={form.error("profile.yearsExperience")}
							/>
						</div>
					</div>
					<PillGroup
						id="profile-disciplines"
						legend={t("coaching.apply.profile.disciplines")}
						error={form.error("profile.disciplines") ?? form.error("profile.disciplines.0")}
					>
						{disciplines.map((code) => (
							<CheckPill
								key={code}
								name="disciplines"
								value={code}
								label={disciplineNames[code][locale]}
								defaultChecked={chosenDisciplines.includes(code)}
							/>
						))}
					</PillGroup>
					<PillGroup
						id="profile-tags"
						legend={t("coaching.apply.profile.styleTags")}
						hint={t("coaching.apply.profile.styleTagsHint")}
					>
						{styleTagCodes.map((code) => (
							<CheckPill
								key={code}
								name="styleTags"
								value={code}
								label={styleTagLabel(code, locale)}
								defaultChecked={chosenTags.includes(code)}
							/>
						))}
					</PillGroup>
					<Field
						label={t("coaching.apply.profile.customTags")}
						hint={t("coaching.apply.profile.customTagsHint")}
						name="customTags"
						maxLength={5 * (maxCustomTagLength + 2)}
						placeholder={t("coaching.apply.profile.customTagsPlaceholder")}
						defaultValue={form.value("customTags") ?? saved.custom.join("，")}
						error={form.error("profile.styleTags")}
					/>
					<Field
						label={t("coaching.apply.profile.bio")}
						hint={t("coaching.apply.profile.bioHint")}
						error={form.error("profile.bio")}
					>
						{(wiring) => (
							<div className="relative">
								<textarea
									{...wiring}
									name="bio"
									rows={6}
									maxLength={2000}
									defaultValue={bioDefault}
									onChange={(event) => setBioLength([...event.currentTarget.value].length)}
									className={`${inputClasses} min-h-36 resize-y pb-7`}
								/>
								<span aria-hidden className="pointer-events-none absolute right-3 bottom-2 text-xs text-muted tabular-nums">
									{t("coaching.apply.profile.bioCount", { count: bioLength })}
								</span>
							</div>
						)}
					</Field>
				</fieldset>
				<SaveSectionButton editable={editable} busy={form.busy()} />
			</Form>
		</SectionCard>
	);
}
