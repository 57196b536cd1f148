import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { Button } from "~/ui/button";
import { FormAlert } from "~/ui/form-alert";
import { useFormOutcome } from "~/ui/use-form-outcome";
import { sectionOfField } from "../completeness";
import type { ApplicationView } from "../present.server";
import { SectionCard } from "./section-card";

/** The last step: what is still missing (each a link to its section), or the button that sends it to review. */
export function SubmitSection({ application, step }: { application: ApplicationView; step: number }) {
	const { t } = useTranslation();
	const form = useFormOutcome("submit");
	const missing = Object.entries(application.missing);
	return (
		<SectionCard id="submit" step={step} title={t("coaching.apply.sections.submit")}>
			{missing.length > 0 ? (
				<div className="space-y-2">
					<p className="text-sm font-medium">{t("coaching.apply.submit.missing")}</p>
					<ul className="space-y-1.5">
						{missing.map(([field, key]) => (
							<li key={field}>
								<a
									// Each missing item links to the section where it is filled in.
									href={`#${sectionOfField(field) ?? "top"}`}
									className="inline-flex items-center gap-2 text-sm text-wood-700 underline-offset-4 hover:underline"
								>
									<span aria-hidden>○</span>
									{t(key)}
								</a>
							</li>
						))}
					</ul>
				</div>
			) : (
				<p className="text-sm text-cloth-800">{t("coaching.apply.submit.ready")}</p>
			)}
			<FormAlert messageKey={form.formError} params={form.formParams} />
			<Form method="post" className="mt-4">
				<input type="hidden" name="intent" value="submit" />
				<Button type="submit" size="lg" className="w-full sm:w-auto" disabled={!application.canSubmit} busy={form.busy()}>
					{t("coaching.apply.submit.button")}
				</Button>
			</Form>
		</SectionCard>
	);
}
