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
	online: z.boolean({ error: "errors.field.invalid" }).default(false),
});
export type OfferingInput = z.output<typeof offeringSchema>;

/** `PUT /api/v1/coach/offerings`: the whole list (what is left out is withdrawn) and the cancellation preset. */
export const offeringsUpdateSchema = z
	.object({
		offerings: z.array(offeringSchema).max(courseTypes.length * 8, "coaching.errors.tooManyOfferings"),
		cancellationPolicy: z.enum(cancellationPolicies, { error: "errors.field.invalidOption" }),
	})
	.superRefine((value, context) => {
		const seen = new Set<string>();
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
		});
	});
export type OfferingsUpdate = z.output<typeof offeringsUpdateSchema>;
