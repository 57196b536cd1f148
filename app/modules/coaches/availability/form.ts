import { notFound } from "~/lib/errors";
import type { FormErrors } from "~/lib/form.server";
import { fieldErrorKeys } from "~/lib/validation";
import type { FormOutcome } from "~/ui/use-form-outcome";
import type { AvailabilityView } from "./get-availability.server";
import {
	type AvailabilityUpdate,
	availabilityUpdateSchema,
	bookingRulesSchema,
	exceptionKinds,
	maxRangesPerDay,
	weeklyRangeSchema,
} from "./schema";
import { timeOf } from "./time";

/**
 * The forms of /coach/availability, each a plain POST that works without JavaScript. The service
 * replaces the whole plan at once, so each form changes its own part of what is saved (the status,
 * the week and rules, one exception) and passes the rest through unchanged. Refusals come back
 * under the form's own field names, so each shows beside its input.
 */
export const availabilityIntents = ["status", "weekly", "add-exception", "remove-exception"] as const;
export type AvailabilityIntent = (typeof availabilityIntents)[number];

export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

export const availabilityFields = {
	start: (weekday: number, row: number) => `weekly.${weekday}.${row}.start`,
	end: (weekday: number, row: number) => `weekly.${weekday}.${row}.end`,
	rules: ["bufferMinutes", "minNoticeHours", "maxAdvanceDays"] as const,
	exception: { date: "date", kind: "kind", start: "start", end: "end" } as const,
	exceptionKey: "exception",
	accepting: "acceptingBookings",
} as const;

/** The choices offered for each booking rule; a saved value outside them is offered too. */
export const ruleChoices = {
	bufferMinutes: [0, 5, 10, 15, 20, 30, 45, 60, 90, 120],
	minNoticeHours: [0, 1, 2, 3, 6, 12, 24, 48, 72, 168],
	maxAdvanceDays: [7, 14, 21, 30, 45, 60, 90, 120, 180],
} as const;

/** Times of day in quarter hours, 00:00 to 24:00 (the end of a day). */
export const quarterHours = Array.from({ length: 97 }, (_, index) => timeOf(index * 15));

export interface AvailabilityOutcome extends FormOutcome {
	intent: AvailabilityIntent | null;
	values?: Record<string, string>;
}

export type AvailabilityFormResult =
	| { ok: true; update: AvailabilityUpdate; toast: string }
	| { ok: false; outcome: AvailabilityOutcome };

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === "string" ? value.trim() : "";
};

function typedValues(form: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [name, value] of form) if (typeof value === "string" && name !== "intent") values[name] = value.slice(0, 100);
	return values;
}

/** Rows a weekday shows: each saved (or typed) range and one empty row to add another. */
export function rowsFor(weekday: number, view: AvailabilityView, values?: Record<string, string>): number {
	const typed = values
		? Array.from({ length: maxRangesPerDay }, (_, row) => row).filter((row) => availabilityFields.start(weekday, row) in values)
		: [];
	const count =
		values && typed.length > 0 ? typed.length : view.weeklyHours.filter((range) => range.weekday === weekday).length + 1;
	return Math.min(Math.max(count, 1), maxRangesPerDay);
}

/** Identifies one exception in a remove form (they have no id of their own). */
export const exceptionKeyOf = (exception: AvailabilityView["exceptions"][number]) =>
	[exception.date, exception.kind, exception.start ?? "", exception.end ?? ""].join("|");

/** The saved plan as the update the service takes, to change one part of it. */
function updateOf(view: AvailabilityView): AvailabilityUpdate {
	return {
		weeklyHours: view.weeklyHours,
		exceptions: view.exceptions,
		bufferMinutes: view.bufferMinutes,
		minNoticeHours: view.minNoticeHours,
		maxAdvanceDays: view.maxAdvanceDays,
		acceptingBookings: view.acceptingBookings,
	};
}

/** A whole number typed or picked, or NaN (which the schema refuses with its own message). */
const numberOf = (value: string) => (/^\d{1,6}$/.test(value) ? Number(value) : Number.NaN);

/**
 * Validates the changed plan with the API's schema; each error goes to the field `fieldOf` names,
 * and one about a part this form did not change becomes a message for the whole form.
 */
function validate(
	intent: AvailabilityIntent,
	candidate: unknown,
	form: FormData,
	fieldOf: (path: string[], key: string) => string | null,
	toast: string,
	known: Record<string, string> = {},
): AvailabilityFormResult {
	const parsed = availabilityUpdateSchema.safeParse(candidate);
	if (parsed.success && Object.keys(known).length === 0) return { ok: true, update: parsed.data, toast };
	const fields = { ...known };
	let formError: string | undefined;
	if (!parsed.success) {
		for (const [path, key] of Object.entries(fieldErrorKeys(parsed.error))) {
			const field = fieldOf(path.split("."), key);
			if (field) fields[field] ??= key;
			else formError ??= key;
		}
	}
	const errors: FormErrors =
		Object.keys(fields).length > 0 ? { fields, formError } : { formError: formError ?? "errors.validationFailed" };
	return { ok: false, outcome: { intent, errors, values: typedValues(form) } };
}

/**
 * Reads one form of the page into the service's update; `view` is what is saved now. Removing an
 * exception that is not (or no longer) saved throws a 404 `AppError`, and nothing is to be saved.
 */
export function availabilityFromForm(intent: AvailabilityIntent, form: FormData, view: AvailabilityView): AvailabilityFormResult {
	const current = updateOf(view);
	switch (intent) {
		case "status": {
			const accepting = text(form, availabilityFields.accepting) === "true";
			return validate(
				intent,
				{ ...current, acceptingBookings: accepting },
				form,
				() => null,
				accepting ? "coaching.availability.resumed" : "coaching.availability.pausedToast",
			);
		}
		case "weekly": {
			// Each range and each rule is checked on its own first, and only the good ones go on to the
			// checks across ranges (overlaps), so every refusal shows at once rather than one after another.
			const known: Record<string, string> = {};
			const origins: Array<{ weekday: number; row: number }> = [];
			const weeklyHours: Array<{ weekday: number; start: string; end: string }> = [];
			for (const weekday of weekdays) {
				for (let row = 0; row < maxRangesPerDay; row += 1) {
					const start = text(form, availabilityFields.start(weekday, row));
					const end = text(form, availabilityFields.end(weekday, row));
					if (!start && !end) continue;
					const range = weeklyRangeSchema.safeParse({ weekday, start: start || undefined, end: end || undefined });
					if (range.success) {
						origins.push({ weekday, row });
						weeklyHours.push(range.data);
						continue;
					}
					for (const [name, key] of Object.entries(fieldErrorKeys(range.error))) {
						known[name === "end" ? availabilityFields.end(weekday, row) : availabilityFields.start(weekday, row)] ??= key;
					}
				}
			}
			const rules: Record<string, number> = {};
			for (const name of availabilityFields.rules) {
				const rule = bookingRulesSchema.shape[name].safeParse(numberOf(text(form, name)));
				if (rule.success) rules[name] = rule.data;
				else known[name] = Object.values(fieldErrorKeys(rule.error))[0] ?? "errors.field.invalid";
			}
			return validate(
				intent,
				{ ...current, ...rules, weeklyHours },
				form,
				([head, index, name]) => {
					if ((availabilityFields.rules as readonly string[]).includes(head ?? "")) return head ?? null;
					const origin = head === "weeklyHours" ? origins[Number(index)] : undefined;
					if (!origin) return null;
					return name === "end"
						? availabilityFields.end(origin.weekday, origin.row)
						: availabilityFields.start(origin.weekday, origin.row);
				},
				"coaching.availability.saved",
				known,
			);
		}
		case "add-exception": {
			const { date, kind, start, end } = availabilityFields.exception;
			const added = {
				date: text(form, date),
				kind: (exceptionKinds as readonly string[]).includes(text(form, kind)) ? text(form, kind) : undefined,
				start: text(form, start) || undefined,
				end: text(form, end) || undefined,
			};
			const index = current.exceptions.length;
			return validate(
				intent,
				{ ...current, exceptions: [...current.exceptions, added] },
				form,
				// A clash is reported on whichever entry of the day sorts later: it is the new one's date either way.
				([head, at, name], key) =>
					head !== "exceptions" || !name || !(name in availabilityFields.exception)
						? null
						: Number(at) === index || key === "coaching.errors.exceptionClash"
							? name
							: null,
				"coaching.availability.exceptionAdded",
			);
		}
		case "remove-exception": {
			const key = text(form, availabilityFields.exceptionKey);
			const kept = view.exceptions.filter((exception) => exceptionKeyOf(exception) !== key);
			// Already gone (removed in another tab, or now in the past): saying "removed" would be untrue.
			if (kept.length === view.exceptions.length) throw notFound("coaching.errors.exceptionNotFound");
			return validate(intent, { ...current, exceptions: kept }, form, () => null, "coaching.availability.exceptionRemoved");
		}
	}
}
