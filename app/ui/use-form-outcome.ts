import { useTranslation } from "react-i18next";
import { useActionData, useNavigation } from "react-router";
import type { FormErrors } from "~/lib/form.server";

/**
 * What a page with several forms hands back after a refusal: which form (its `intent`), its
 * errors as i18n keys by field, and what was typed, to fill the form again without JavaScript.
 */
export interface FormOutcome {
	intent: string | null;
	errors: FormErrors;
	values?: Record<string, string | string[]>;
}

/**
 * The outcome of one form of such a page: its field errors (translated), what was typed, and
 * whether it is being sent right now. Other forms' refusals are not its business.
 */
export function useFormOutcome<Outcome extends FormOutcome = FormOutcome>(intent: string | readonly string[]) {
	const { t } = useTranslation();
	const outcome = useActionData() as Outcome | undefined;
	const navigation = useNavigation();
	const intents = typeof intent === "string" ? [intent] : intent;
	const mine = outcome?.intent && intents.includes(outcome.intent) ? outcome : undefined;
	const sent = navigation.state !== "idle" ? navigation.formData : undefined;
	const sending = String(sent?.get("intent") ?? "");
	return {
		error: (name: string) => {
			const key = mine?.errors.fields?.[name];
			return key ? t(key, mine?.errors.params ?? {}) : null;
		},
		formError: mine?.errors.formError ?? null,
		formParams: mine?.errors.params,
		/** Everything that was typed into this form, as the page's action handed it back. */
		typed: mine?.values as Outcome["values"],
		value: (name: string): string | undefined => {
			const value = mine?.values?.[name];
			return Array.isArray(value) ? value[0] : value;
		},
		values: (name: string): string[] | undefined => {
			const value = mine?.values?.[name];
			return value === undefined ? undefined : Array.isArray(value) ? value : [value];
		},
		/**
		 * Whether this form (or, given one, this intent) is being submitted; given a field name and
		 * value too, only the row that sent that value (one remove button, not every row's).
		 */
		busy: (which?: string, name?: string, value?: string) =>
			(which ? sending === which : intents.includes(sending)) && (name === undefined || sent?.get(name) === value),
	};
}
