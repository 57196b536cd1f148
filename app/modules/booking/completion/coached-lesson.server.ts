import { and, asc, desc, eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { AppError, notFound } from "~/lib/errors";
import { findCoachOfUser } from "~/modules/coaches/application/coach-record.server";
import { bookings } from "../../../../db/schema";
import { lessonRow } from "./lesson-row.server";

/** The facts of a lesson the learning module keeps records of. */
export interface CoachedLesson {
	bookingId: string;
	coachId: string;
	playerId: string;
	durationMinutes: number;
	completedAt: Date;
}

/**
 * The booking's lesson for the coach who gave it, once it completed. Anyone else, the player
 * included, gets 404 (they must not learn the booking exists or write its record); the coach's own
 * lesson that has not completed gets 409. Learning depends on booking, never the other way round,
 * so the record service is handed these facts rather than reading bookings itself.
 */
export async function coachedLesson(bookingId: string, coachUserId: string): Promise<CoachedLesson> {
	const row = await lessonRow(bookingId);
	const coach = row ? await findCoachOfUser(coachUserId, db()) : undefined;
	if (!row || !coach || coach.id !== row.coachId) throw notFound("booking.errors.notFound");
	if (row.status !== "completed" || !row.completedAt) {
		throw new AppError(409, "conflict", "learning.errors.notCompleted");
	}
	return {
		bookingId: row.id,
		coachId: row.coachId,
		playerId: row.playerId,
		durationMinutes: row.durationMinutes,
		completedAt: row.completedAt,
	};
}

/** Whether the caller is the booking's player or its coach (to read its lesson record); null for anyone else. */
export async function lessonPartyOf(bookingId: string, userId: string): Promise<"player" | "coach" | null> {
	const row = await lessonRow(bookingId);
	if (!row) return null;
	if (row.playerId === userId) return "player";
	const coach = await findCoachOfUser(userId, db());
	return coach && coach.id === row.coachId ? "coach" : null;
}

/** The completed lessons a coach (by user) gave a player, newest first: for seeding demo records. */
export async function completedLessonsBetween(coachUserId: string, playerId: string): Promise<CoachedLesson[]> {
	const coach = await findCoachOfUser(coachUserId, db());
	if (!coach) return [];
	const rows = await db()
		.select({ id: bookings.id })
		.from(bookings)
		.where(and(eq(bookings.coachId, coach.id), eq(bookings.playerId, playerId), eq(bookings.status, "completed")))
		.orderBy(desc(bookings.completedAt));
	return Promise.all(rows.map((row) => coachedLesson(row.id, coachUserId)));
}

/** A coach's completed lessons, with one player or all, oldest first: the learning module's students and teaching statistics. */
export async function completedLessonsOfCoach(coachId: string, playerId?: string) {
	return db()
		.select({ bookingId: bookings.id, playerId: bookings.playerId, completedAt: bookings.completedAt })
		.from(bookings)
		.where(
			and(
				eq(bookings.coachId, coachId),
				eq(bookings.status, "completed"),
				playerId ? eq(bookings.playerId, playerId) : undefined,
			),
		)
		.orderBy(asc(bookings.completedAt));
}

/** Whether the player has booked this coach (a booking in any state): what a student shares is for the coaches they book. */
export async function playerBookedCoach(coachId: string, playerId: string): Promise<boolean> {
	const [row] = await db()
		.select({ id: bookings.id })
		.from(bookings)
		.where(and(eq(bookings.coachId, coachId), eq(bookings.playerId, playerId)))
		.limit(1);
	return Boolean(row);
}
