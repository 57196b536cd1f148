import { type CoachAvailability, freeStartTimes, shanghaiInstant } from "../../../app/lib/free-times";
import { defineScenario } from "../harness";

/**
 * The pure slot engine for one busy coach over 30 days: open 09:00–22:00 every day, a day off and
 * extra hours, a 15-minute buffer, and 60 lessons already booked; a 60-minute offering.
 */
export default defineScenario({
	kind: "timing",
	name: "free-times-30d",
	description: "freeStartTimes for one coach over 30 days (pure function, 60 bookings, in the bench process)",
	order: 15,
	budget: { medianUnderMs: 2 },
	setup() {
		const now = new Date();
		const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
		const day = (days: number) => {
			const date = new Date(`${today}T00:00:00Z`);
			date.setUTCDate(date.getUTCDate() + days);
			return date.toISOString().slice(0, 10);
		};
		const availability: CoachAvailability = {
			acceptingBookings: true,
			weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 9 * 60, endMinute: 22 * 60 })),
			exceptions: [
				{ date: day(5), kind: "day_off" },
				{ date: day(9), kind: "extra_hours", startMinute: 22 * 60, endMinute: 24 * 60 },
			],
			bufferMinutes: 15,
			minNoticeHours: 2,
			maxAdvanceDays: 30,
		};
		const booked = Array.from({ length: 60 }, (_, index) => {
			const startsAt = shanghaiInstant(day(1 + Math.floor(index / 2)), (index % 2 ? 15 : 10) * 60);
			return { startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000) };
		});
		const to = new Date(now.getTime() + 30 * 86_400_000);
		return {
			iterations: 200,
			warmup: 20,
			run: () => {
				const slots = freeStartTimes({ availability, durationMinutes: 60, booked, now, from: now, to });
				if (slots.length < 100) throw new Error(`only ${slots.length} free times`);
			},
		};
	},
});
