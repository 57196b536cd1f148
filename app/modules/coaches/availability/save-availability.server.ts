import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { coachDateExceptions, coaches, coachWeeklyHours } from "../../../../db/schema";
import { lockOwnCoach } from "../application/coach-record.server";
import { refreshFreeDays } from "../search/refresh-free-days.server";
import { type AvailabilityView, availabilityOf } from "./get-availability.server";
import type { AvailabilityUpdate } from "./schema";
import { minutesOf } from "./time";

/**
 * Replaces what the slot computation (Booking) reads: the weekly hours, the date exceptions from
 * today on, buffer, minimum notice, how far ahead, and whether bookings are taken at all.
 */
export async function saveAvailability(input: { userId: string; update: AvailabilityUpdate }): Promise<AvailabilityView> {
	return db().transaction(async (tx) => {
		const coach = await lockOwnCoach(tx, input.userId);
		if (coach.status === "suspended") throw new AppError(403, "forbidden", "coaching.errors.suspended");
		const { weeklyHours, exceptions, ...rules } = input.update;
		await tx.delete(coachWeeklyHours).where(eq(coachWeeklyHours.coachId, coach.id));
		if (weeklyHours.length > 0) {
			await tx.insert(coachWeeklyHours).values(
				weeklyHours.map((range) => ({
					coachId: coach.id,
					weekday: range.weekday,
					startMinute: minutesOf(range.start),
					endMinute: minutesOf(range.end),
				})),
			);
		}
		await tx.delete(coachDateExceptions).where(eq(coachDateExceptions.coachId, coach.id));
		if (exceptions.length > 0) {
			await tx.insert(coachDateExceptions).values(
				exceptions.map((exception) => ({
					coachId: coach.id,
					date: exception.date,
					kind: exception.kind,
					startMinute: exception.start ? minutesOf(exception.start) : null,
					endMinute: exception.end ? minutesOf(exception.end) : null,
				})),
			);
		}
		await tx
			.update(coaches)
			.set({ ...rules, updatedAt: new Date() })
			.where(eq(coaches.id, coach.id));
		await refreshFreeDays(coach.id, tx);
		return availabilityOf(coach.id, tx);
	});
}
