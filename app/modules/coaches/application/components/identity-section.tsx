import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { Field } from "~/ui/field";
import { useFormOutcome } from "~/ui/use-form-outcome";
import { sectionComplete } from "../completeness";
import type { ApplicationView } from "../present.server";
import { genders } from "../schema";
import { CheckPill, PillGroup, SaveSectionButton, SectionCard } from "./section-card";

/** Legal name, ID number (encrypted, shown back masked) and gender. */
export function IdentitySection({ application, step }: { application: ApplicationView; step: number }) {
	const { t } = useTranslation();
	const form = useFormOutcome("identity");
	const { identity, missing, editable } = application;
	const done = sectionComplete(missing, "identity");
	const gender = form.value("gender") ?? identity.gender ?? "";
	return (
		<SectionCard id="identity" step={step} title={t("coaching.apply.sections.identity")} state={done ? "done" : "todo"}>
			<p className="flex items-start gap-2 rounded-2xl bg-paper px-4 py-3 text-sm text-muted">
				<span aria-hidden>🔒</span>
				{identity.verified ? t("coaching.apply.identity.verified") : t("coaching.apply.identity.note")}
			</p>
			<Form method="post" className="mt-4 space-y-4">
				<input type="hidden" name="intent" value="identity" />
				<fieldset disabled={!editable} className="grid gap-4 sm:grid-cols-2">
					<Field
						label={t("coaching.apply.identity.realName")}
						hint={t("coaching.apply.identity.realNameHint")}
						name="realName"
						autoComplete="name"
						maxLength={20}
						readOnly={identity.verified}
						defaultValue={form.value("realName") ?? identity.realName ?? ""}
						error={form.error("identity.realName")}
					/>
					<Field
						label={t("coaching.apply.identity.idNumber")}
						hint={
							identity.idNumberMasked
								? t("coaching.apply.identity.idNumberSaved", { masked: identity.idNumberMasked })
								: undefined
						}
						name="idNumber"
						autoComplete="off"
						inputMode="text"
						maxLength={22}
						spellCheck={false}
						readOnly={identity.verified}
						placeholder={identity.idNumberMasked ?? t("coaching.apply.identity.idNumberPlaceholder")}
						error={form.error("identity.idNumber")}
					/>
					{identity.idNumberConsented || identity.verified ? null : (
						<label className="flex items-start gap-2 text-sm text-ink sm:col-span-2">
							<input type="checkbox" name="idNumberConsent" value="on" className="mt-0.5 size-5 shrink-0 accent-cloth-700" />
							<span className="leading-6">
								{t("legal.consent.idNumber")}
								{form.error("identity.idNumberConsent") ? (
									<span role="alert" className="mt-1 block text-danger">
										{form.error("identity.idNumberConsent")}
									</span>
								) : null}
							</span>
						</label>
					)}
					<div className="sm:col-span-2">
						<PillGroup id="identity-gender" legend={t("coaching.apply.identity.gender")} error={form.error("identity.gender")}>
							{genders.map((value) => (
								<CheckPill
									key={value}
									type="radio"
									name="gender"
									value={value}
									label={t(`coaching.genders.${value}`)}
									defaultChecked={gender === value}
								/>
							))}
						</PillGroup>
					</div>
				</fieldset>
				<SaveSectionButton editable={editable} busy={form.busy()} />
			</Form>
		</SectionCard>
	);
}
