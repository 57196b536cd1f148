import type { FormErrors } from "~/lib/form.server";

/** What a form of the /coach/apply page hands back after a refusal. */
export interface ApplyOutcome {
	intent: string | null;
	errors: FormErrors;
	/** What was typed, to fill the form again after a refusal without JavaScript (never the ID number). */
	values?: Record<string, string | string[]>;
}
