import { z } from "zod";
import { courseTypes } from "../catalog";
import { cancellationPolicies } from "./cancellation-policies";

/** Prices from ¥1 to ¥100,000; lessons from 30 minutes to 4 hours in quarter-hour steps. */
export const minPriceFen = 100;
export const maxPriceFen = 10_000_000;
export const minDurationMinutes = 30;
export const maxDurationMinutes = 240;
export const durationStepMinutes = 15;
export const durationChoices = Array.from(
	{ length: (maxDurationMinutes - minDurationMinutes) / durationStepMinutes + 1 },
	(_, index) => minDurationMinutes + index * durationStepMinutes,
);

export const offeringSchema = z.object({
	courseType: z.enum(courseTypes, { error: "coaching.errors.courseTypeInvalid" }),
	durationMinutes: z
		.number({ error: "errors.field.notANumber" })
		.int("coaching.errors.durationRange")
		.min(minDurationMinutes, "coaching.errors.durationRange")
		.max(maxDurationMinutes, "coaching.errors.durationRange")
		.refine((minutes) => minutes % durationStepMinutes === 0, "coaching.errors.durationStep"),
	priceFen: z
		.number({ error: "coaching.errors.priceInvalid" })
		.int("coaching.errors.priceInvalid")
		.min(minPriceFen, "coaching.errors.priceRange")
		.max(maxPriceFen, "coaching.errors.priceRange"),
	online: z
		.boolean({ error: "errors.field.invalid" })
		.default(false)
		.describe("Whether the course type is taught online: the same for every length of one course type"),
});
export type OfferingInput = z.output<typeof offeringSchema>;

/**
 * At most this many lengths per course type. The offerings page shows exactly this many rows, so
 * the API refuses more: a save from the page could not show, and would silently withdraw, the rest.
 * The message `coaching.errors.tooManyLengths` names the number too.
 */
export const maxLengthsPerCourse = 8;

/**
 * `PUT /api/v1/coach/offerings`: the whole list (what is left out is withdrawn) and the cancellation preset.
 * Whether a lesson can be taught online belongs to its course type (the page has one switch per
 * type), so the lengths of one type must agree on `online`.
 */
export const offeringsUpdateSchema = z
	.object({
		offerings: z.array(offeringSchema).max(courseTypes.length * maxLengthsPerCourse, "coaching.errors.tooManyOfferings"),
		cancellationPolicy: z.enum(cancellationPolicies, { error: "errors.field.invalidOption" }),
	})
	.superRefine((value, context) => {
		const seen = new Set<string>();
		const lengths = new Map<string, number>();
		const online = new Map<string, boolean>();
		const mixed = new Set<string>();
		value.offerings.forEach((offering, index) => {
			const key = `${offering.courseType}:${offering.durationMinutes}`;
			if (seen.has(key)) {
				context.addIssue({
					code: "custom",
					path: ["offerings", index, "durationMinutes"],
					message: "coaching.errors.durationTwice",
				});
			}
			seen.add(key);
			const count = (lengths.get(offering.courseType) ?? 0) + 1;
			lengths.set(offering.courseType, count);
			if (count === maxLengthsPerCourse + 1) {
				context.addIssue({
					code: "custom",
					path: ["offerings", index, "durationMinutes"],
					message: "coaching.errors.tooManyLengths",
				});
			}
			const first = online.get(offering.courseType);
			if (first === undefined) online.set(offering.courseType, offering.online);
			else if (first !== offering.online && !mixed.has(offering.courseType)) {
				mixed.add(offering.courseType);
				context.addIssue({ code: "custom", path: ["offerings", index, "online"], message: "coaching.errors.onlineMixed" });
			}
		});
	});
export type OfferingsUpdate = z.output<typeof offeringsUpdateSchema>;
