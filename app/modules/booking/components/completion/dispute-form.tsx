import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import type { FormErrors } from "~/lib/form.server";
import { Button, ButtonLink } from "~/ui/button";
import { Field, inputClasses } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import { Select } from "~/ui/select";
import { disputeCategories } from "../../completion/completion";

/** Reporting a problem with a lesson: what kind (the back office sorts by it) and what happened. */
export function DisputeForm({
	errors,
	values,
	busy,
	cancelTo,
}: {
	errors?: FormErrors;
	values?: Record<string, string>;
	busy: boolean;
	cancelTo: string;
}) {
	const { t } = useTranslation();
	const fieldError = (name: string) => (errors?.fields?.[name] ? t(errors.fields[name]) : null);
	return (
		<section
			aria-labelledby="dispute-title"
			className="rounded-3xl bg-white p-5 shadow-(--shadow-card) ring-2 ring-wood-500/40 sm:p-6"
			data-testid="dispute-form"
		>
			<h2 id="dispute-title" className="text-lg font-semibold">
				{t("booking.completion.dispute.title")}
			</h2>
			<p className="mt-1 text-sm text-muted">{t("booking.completion.dispute.body")}</p>
			<Form method="post" className="mt-4 space-y-4">
				<input type="hidden" name="intent" value="dispute" />
				<FormAlert messageKey={errors?.formError} params={errors?.params} />
				<Field label={t("booking.completion.dispute.category")} error={fieldError("category")}>
					{(wiring) => (
						<Select
							{...wiring}
							name="category"
							defaultValue={values?.category ?? "no_lesson"}
							options={disputeCategories.map((category) => ({
								value: category,
								label: t(`booking.completion.categories.${category}`),
							}))}
						/>
					)}
				</Field>
				<Field label={t("booking.completion.dispute.text")} error={fieldError("text")}>
					{(wiring) => (
						<textarea
							{...wiring}
							name="text"
							rows={4}
							maxLength={1000}
							required
							minLength={5}
							defaultValue={values?.text ?? ""}
							placeholder={t("booking.completion.dispute.textPlaceholder")}
							className={inputClasses}
						/>
					)}
				</Field>
				<div className="flex flex-col gap-2 sm:flex-row-reverse sm:justify-end">
					<Button type="submit" className="w-full sm:w-auto" busy={busy}>
						{t("booking.completion.dispute.submit")}
					</Button>
					<ButtonLink to={cancelTo} variant="secondary" className="w-full sm:w-auto" preventScrollReset>
						{t("booking.completion.dispute.cancel")}
					</ButtonLink>
				</div>
			</Form>
		</section>
	);
}
