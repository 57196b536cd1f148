import { and, asc, eq, gte } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import { coachDateExceptions, coaches, coachWeeklyHours } from "../../../../db/schema";
import { timeOf, todayInShanghai } from "./time";

export interface AvailabilityView {
	timeZone: "Asia/Shanghai";
	weeklyHours: Array<{ weekday: number; start: string; end: string }>;
	/** From today (in China) on; past exceptions no longer matter. */
	exceptions: Array<{ date: string; kind: "day_off" | "extra_hours"; start?: string; end?: string }>;
	bufferMinutes: number;
	minNoticeHours: number;
	maxAdvanceDays: number;
	acceptingBookings: boolean;
}

export async function availabilityOf(coachId: string, tx: DbOrTx = db()): Promise<AvailabilityView> {
	const [coach] = await tx
		.select({
			bufferMinutes: coaches.bufferMinutes,
			minNoticeHours: coaches.minNoticeHours,
			maxAdvanceDays: coaches.maxAdvanceDays,
			acceptingBookings: coaches.acceptingBookings,
		})
		.from(coaches)
		.where(eq(coaches.id, coachId))
		.limit(1);
	if (!coach) throw notFound("coaching.errors.noApplication");
	const weekly = await tx
		.select()
		.from(coachWeeklyHours)
		.where(eq(coachWeeklyHours.coachId, coachId))
		.orderBy(asc(coachWeeklyHours.weekday), asc(coachWeeklyHours.startMinute));
	const exceptions = await tx
		.select()
		.from(coachDateExceptions)
		.where(and(eq(coachDateExceptions.coachId, coachId), gte(coachDateExceptions.date, todayInShanghai())))
		.orderBy(asc(coachDateExceptions.date), asc(coachDateExceptions.startMinute));
	return {
		timeZone: "Asia/Shanghai",
		weeklyHours: weekly.map((range) => ({
			weekday: range.weekday,
			start: timeOf(range.startMinute),
			end: timeOf(range.endMinute),
		})),
		exceptions: exceptions.map((exception) => ({
			date: exception.date,
			kind: exception.kind,
			...(exception.startMinute !== null && exception.endMinute !== null
				? { start: timeOf(exception.startMinute), end: timeOf(exception.endMinute) }
				: {}),
		})),
		...coach,
	};
}

export async function getMyAvailability(userId: string): Promise<AvailabilityView> {
	const database = db();
	const [coach] = await database.select({ id: coaches.id }).from(coaches).where(eq(coaches.userId, userId)).limit(1);
	if (!coach) throw notFound("coaching.errors.noApplication");
	return availabilityOf(coach.id, database);
}
