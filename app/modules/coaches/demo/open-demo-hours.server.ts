import { shanghaiDate, shanghaiInstant } from "~/lib/free-times";
import { getMyAvailability } from "../availability/get-availability.server";
import { saveAvailability } from "../availability/save-availability.server";
import { availabilityUpdateSchema } from "../availability/schema";
import { timeOf } from "../availability/time";

const minuteMs = 60_000;

/**
 * Adds extra hours to a demo coach's calendar for one period, through the coach's own availability
 * service, so a demo lesson can be booked at a time the weekly hours may not cover (the demo's
 * online lesson starts right after the demo data loads, whatever the hour). A period running past
 * midnight becomes one entry per date; the slot engine joins them again.
 */
export async function openDemoCoachHours(input: { userId: string; startsAt: Date; endsAt: Date }): Promise<void> {
	const current = await getMyAvailability(input.userId);
	const added: Array<{ date: string; kind: "extra_hours"; start: string; end: string }> = [];
	for (let from = input.startsAt; from < input.endsAt; ) {
		const date = shanghaiDate(from);
		const midnight = shanghaiInstant(date, 1440);
		const until = new Date(Math.min(input.endsAt.getTime(), midnight.getTime()));
		const minuteOf = (instant: Date) => Math.round((instant.getTime() - shanghaiInstant(date, 0).getTime()) / minuteMs);
		added.push({ date, kind: "extra_hours", start: timeOf(minuteOf(from)), end: timeOf(minuteOf(until)) });
		from = until;
	}
	const { timeZone: _zone, ...rules } = current;
	await saveAvailability({
		userId: input.userId,
		update: availabilityUpdateSchema.parse({ ...rules, exceptions: [...current.exceptions, ...added] }),
	});
}
