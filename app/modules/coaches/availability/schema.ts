import { z } from "zod";
import { addDays, minutesOf, overlappingRanges, timePattern, todayInShanghai } from "./time";

export const exceptionKinds = ["day_off", "extra_hours"] as const;
/** Exceptions are planned at most a year ahead. */
export const exceptionHorizonDays = 366;

const time = z.string({ error: "coaching.errors.timeRequired" }).trim().regex(timePattern, "coaching.errors.timeInvalid");

/** A range must end after it starts. */
function ordered(value: { start?: string; end?: string }, context: z.RefinementCtx) {
	if (value.start && value.end && minutesOf(value.end) <= minutesOf(value.start)) {
		context.addIssue({ code: "custom", path: ["end"], message: "coaching.errors.endBeforeStart" });
	}
}

export const weeklyRangeSchema = z
	.object({
		weekday: z
			.number({ error: "errors.field.notANumber" })
			.int()
			.min(1, "errors.field.outOfRange")
			.max(7, "errors.field.outOfRange"),
		start: time,
		end: time,
	})
	.superRefine(ordered);

export const exceptionSchema = z
	.object({
		date: z.iso.date({ error: "coaching.errors.dateInvalid" }),
		kind: z.enum(exceptionKinds, { error: "errors.field.invalidOption" }),
		/** Extra hours need both; a day off without them is the whole day. */
		start: time.optional(),
		end: time.optional(),
	})
	.superRefine((value, context) => {
		if (value.kind === "extra_hours" && !value.start)
			context.addIssue({ code: "custom", path: ["start"], message: "coaching.errors.timeRequired" });
		if (value.kind === "extra_hours" && !value.end)
			context.addIssue({ code: "custom", path: ["end"], message: "coaching.errors.timeRequired" });
		if (value.start && !value.end) context.addIssue({ code: "custom", path: ["end"], message: "coaching.errors.timeRequired" });
		if (value.end && !value.start) context.addIssue({ code: "custom", path: ["start"], message: "coaching.errors.timeRequired" });
		ordered(value, context);
		const today = todayInShanghai();
		if (value.date < today) context.addIssue({ code: "custom", path: ["date"], message: "coaching.errors.dateInPast" });
		else if (value.date > addDays(today, exceptionHorizonDays)) {
			context.addIssue({ code: "custom", path: ["date"], message: "coaching.errors.dateTooFar" });
		}
	});
export type ExceptionInput = z.output<typeof exceptionSchema>;

const whole = (min: number, max: number) =>
	z
		.number({ error: "errors.field.notANumber" })
		.int("errors.field.outOfRange")
		.min(min, "errors.field.outOfRange")
		.max(max, "errors.field.outOfRange");

export const bookingRulesSchema = z.object({
	bufferMinutes: whole(0, 120),
	minNoticeHours: whole(0, 168),
	maxAdvanceDays: whole(1, 180),
	acceptingBookings: z.boolean({ error: "errors.field.invalid" }),
});

/**
 * At most this many ranges on one weekday. The hours page shows exactly this many rows a day, so
 * the API refuses more: a save from the page could not show, and would silently drop, the rest.
 * The message `coaching.errors.tooManyRangesInDay` names the number too.
 */
export const maxRangesPerDay = 10;

/** `PUT /api/v1/coach/availability`: the whole weekly plan, the exceptions from today on, and the booking rules. */
export const availabilityUpdateSchema = bookingRulesSchema
	.extend({
		weeklyHours: z.array(weeklyRangeSchema).max(7 * maxRangesPerDay, "coaching.errors.tooManyRanges"),
		exceptions: z.array(exceptionSchema).max(200, "coaching.errors.tooManyExceptions"),
	})
	.superRefine((value, context) => {
		// Two ranges of one weekday may not overlap (the slot computation would count hours twice).
		for (let weekday = 1; weekday <= 7; weekday += 1) {
			const indexes = value.weeklyHours.flatMap((range, index) => (range.weekday === weekday ? [index] : []));
			if (indexes.length > maxRangesPerDay) {
				context.addIssue({
					code: "custom",
					path: ["weeklyHours", indexes[maxRangesPerDay] as number, "start"],
					message: "coaching.errors.tooManyRangesInDay",
				});
			}
			const ranges = indexes.map((index) => {
				const range = value.weeklyHours[index] as { start: string; end: string };
				return { start: minutesOf(range.start), end: minutesOf(range.end) };
			});
			for (const overlap of overlappingRanges(ranges)) {
				context.addIssue({
					code: "custom",
					path: ["weeklyHours", indexes[overlap] as number, "start"],
					message: "coaching.errors.overlap",
				});
			}
		}
		// On one date: a whole day off excludes anything else; timed entries may not overlap.
		const byDate = new Map<string, number[]>();
		value.exceptions.forEach((exception, index) => {
			byDate.set(exception.date, [...(byDate.get(exception.date) ?? []), index]);
		});
		for (const indexes of byDate.values()) {
			if (indexes.length < 2) continue;
			const entries = indexes.map((index) => value.exceptions[index] as ExceptionInput);
			const wholeDay = entries.some((entry) => !entry.start);
			const ranges = entries.map((entry) => ({
				start: entry.start ? minutesOf(entry.start) : 0,
				end: entry.end ? minutesOf(entry.end) : 1440,
			}));
			const clashes = wholeDay ? indexes.slice(1).map((_, position) => position + 1) : overlappingRanges(ranges);
			for (const clash of clashes) {
				context.addIssue({
					code: "custom",
					path: ["exceptions", indexes[clash] as number, "date"],
					message: "coaching.errors.exceptionClash",
				});
			}
		}
	});
export type AvailabilityUpdate = z.output<typeof availabilityUpdateSchema>;
