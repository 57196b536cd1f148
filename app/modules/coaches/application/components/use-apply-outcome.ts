import { useTranslation } from "react-i18next";
import { useActionData, useNavigation } from "react-router";
import type { ApplyOutcome } from "../apply-outcome";

/**
 * The outcome of one form on the apply page: its field errors (by API name, translated), what
 * was typed (after a refusal without JavaScript), and whether it is being sent right now.
 */
export function useApplyOutcome(intent: string | readonly string[]) {
	const { t } = useTranslation();
	const outcome = useActionData() as ApplyOutcome | undefined;
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
