import type { FormErrors } from "~/lib/form.server";
import { yuanToFen } from "~/lib/money";
import { fieldErrorKeys } from "~/lib/validation";
import { type CourseType, courseTypes } from "../catalog";
import type { OfferingsView } from "./get-offerings.server";
import { maxLengthsPerCourse, type OfferingsUpdate, offeringsUpdateSchema } from "./schema";

/**
 * The /coach/offerings form, a plain POST that works without JavaScript: per course type a few
 * rows of (length, price in yuan) and whether it can be taught online, then the cancellation
 * preset. An empty row is simply not offered. Refusals come back under the form's own field
 * names, so each shows beside its input. Each course type has `maxLengthsPerCourse` rows, as many
 * lengths as the API takes, so the page can always show everything that is saved.
 */
export const offeringFields = {
	duration: (course: CourseType, row: number) => `${course}.${row}.duration`,
	price: (course: CourseType, row: number) => `${course}.${row}.price`,
	online: (course: CourseType) => `${course}.online`,
	policy: "cancellationPolicy",
} as const;

/** What a refused save hands back: the keys of its errors, and what was typed to fill the form again. */
export interface OfferingsOutcome {
	errors: FormErrors;
	values?: Record<string, string>;
}

export type OfferingsFormResult = { ok: true; update: OfferingsUpdate } | { ok: false; outcome: OfferingsOutcome };

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === "string" ? value.trim() : "";
};

/** "12000" fen → "120"; "12050" → "120.5": how a saved price is shown in its input again. */
export const yuanInput = (fen: number) => String(fen / 100);

/** What was typed, as plain strings (clipped), to show the form again after a refusal. */
export function typedValues(form: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [name, value] of form) if (typeof value === "string" && name !== "intent") values[name] = value.slice(0, 100);
	return values;
}

/** How many rows a course type shows: each saved (or typed) length and one empty row to add another. */
export function rowsFor(course: CourseType, view: OfferingsView, values?: Record<string, string>): number {
	const typed = values
		? Array.from({ length: maxLengthsPerCourse }, (_, row) => row).filter((row) => offeringFields.duration(course, row) in values)
		: [];
	const count =
		values && typed.length > 0 ? typed.length : view.offerings.filter((item) => item.courseType === course).length + 1;
	return Math.min(Math.max(count, 1), maxLengthsPerCourse);
}

/** Reads the form into the API's update, validated by the same schema; or the errors by field. */
export function offeringsFromForm(form: FormData): OfferingsFormResult {
	const fields: Record<string, string> = {};
	/** Index in the update → the row it came from, to put the schema's errors back beside the row. */
	const origins: Array<{ course: CourseType; row: number }> = [];
	const offerings: Array<{ courseType: CourseType; durationMinutes: number; priceFen: number; online: boolean }> = [];
	for (const course of courseTypes) {
		const online = form.get(offeringFields.online(course)) === "on";
		for (let row = 0; row < maxLengthsPerCourse; row += 1) {
			const duration = text(form, offeringFields.duration(course, row));
			const price = text(form, offeringFields.price(course, row));
			if (!duration && !price) continue;
			if (!duration) {
				fields[offeringFields.duration(course, row)] = "coaching.errors.durationRequired";
				continue;
			}
			if (!price) {
				fields[offeringFields.price(course, row)] = "coaching.errors.priceRequired";
				continue;
			}
			const priceFen = yuanToFen(price.replace(/^[¥￥]\s*/, ""));
			if (priceFen === null) {
				fields[offeringFields.price(course, row)] = "coaching.errors.priceInvalid";
				continue;
			}
			origins.push({ course, row });
			offerings.push({ courseType: course, durationMinutes: Number(duration), priceFen, online });
		}
	}
	const policy = text(form, offeringFields.policy);
	const parsed = offeringsUpdateSchema.safeParse({ offerings, cancellationPolicy: policy });
	if (parsed.success && Object.keys(fields).length === 0) return { ok: true, update: parsed.data };
	if (!parsed.success) {
		const refused = new Set<number>();
		const place = (issues: Record<string, string>, from: typeof origins) => {
			for (const [path, key] of Object.entries(issues)) {
				const [head, index, name] = path.split(".");
				const origin = head === "offerings" ? from[Number(index)] : undefined;
				if (origin) refused.add(origins.indexOf(origin));
				const field = origin
					? name === "priceFen"
						? offeringFields.price(origin.course, origin.row)
						: offeringFields.duration(origin.course, origin.row)
					: head === offeringFields.policy
						? offeringFields.policy
						: null;
				if (field) fields[field] ??= key;
			}
		};
		place(fieldErrorKeys(parsed.error), origins);
		// The checks across rows (a length twice) run only once every row passes: check the rows
		// that did, so each refusal is shown at once rather than one after another.
		const kept = origins.filter((_, index) => !refused.has(index));
		const again = offeringsUpdateSchema.safeParse({
			offerings: offerings.filter((_, index) => !refused.has(index)),
			cancellationPolicy: fields[offeringFields.policy] ? "moderate" : policy,
		});
		if (!again.success) place(fieldErrorKeys(again.error), kept);
	}
	const outcome: OfferingsOutcome = {
		errors: Object.keys(fields).length > 0 ? { fields } : { formError: "errors.validationFailed" },
		values: typedValues(form),
	};
	return { ok: false, outcome };
}
