import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import type { FormErrors } from "~/lib/form.server";
import { fenToYuan, formatFen } from "~/lib/money";
import { Button } from "~/ui/button";
import { Field, inputClasses } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";

/**
 * The back office's decision on an open dispute: for the coach, or for the player with a refund
 * (prefilled with everything paid, editable down to 0), and a note both sides will read.
 */
export function ResolveDisputeForm({
	paidFen,
	errors,
	values,
	busy,
}: {
	paidFen: number;
	errors?: FormErrors;
	values?: Record<string, string>;
	busy: boolean;
}) {
	const { t, i18n } = useTranslation();
	const [decision, setDecision] = useState(values?.decision === "for_coach" ? "for_coach" : "for_player");
	const fieldError = (name: string) => (errors?.fields?.[name] ? t(errors.fields[name]) : null);
	const option = (value: "for_coach" | "for_player") => (
		<label className="flex cursor-pointer items-start gap-3 rounded-2xl px-3 py-2.5 ring-1 ring-line has-[:checked]:bg-cloth-50 has-[:checked]:ring-2 has-[:checked]:ring-cloth-600">
			<input
				type="radio"
				name="decision"
				value={value}
				checked={decision === value}
				onChange={() => setDecision(value)}
				className="mt-1 accent-cloth-700"
			/>
			<span className="text-sm">{t(`booking.completion.admin.${value === "for_coach" ? "forCoach" : "forPlayer"}`)}</span>
		</label>
	);
	return (
		<Form method="post" className="mt-3 space-y-4" data-testid="resolve-dispute">
			<input type="hidden" name="intent" value="resolve-dispute" />
			<p className="text-sm text-muted">{t("booking.completion.admin.body")}</p>
			<FormAlert messageKey={errors?.formError} params={errors?.params} />
			<fieldset className="space-y-2">
				<legend className="mb-1.5 text-sm font-medium">{t("booking.completion.admin.decision")}</legend>
				{option("for_player")}
				{option("for_coach")}
				{fieldError("decision") ? <p className="text-sm text-danger">{fieldError("decision")}</p> : null}
			</fieldset>
			{decision === "for_player" ? (
				<Field
					label={t("booking.completion.admin.refund", { paid: formatFen(paidFen, i18n.language) })}
					name="refundYuan"
					inputMode="decimal"
					autoComplete="off"
					defaultValue={values?.refundYuan ?? fenToYuan(paidFen)}
					error={fieldError("refundYuan")}
				/>
			) : null}
			<Field label={t("booking.completion.admin.note")} error={fieldError("note")}>
				{(wiring) => (
					<textarea
						{...wiring}
						name="note"
						rows={3}
						required
						minLength={2}
						maxLength={500}
						defaultValue={values?.note ?? ""}
						className={inputClasses}
					/>
				)}
			</Field>
			<Button type="submit" busy={busy}>
				{t("booking.completion.admin.submit")}
			</Button>
		</Form>
	);
}
