import { and, asc, eq, gte } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { coachDateExceptions, coaches, coachOfferings, coachPlaces, coachWeeklyHours } from "../../../db/schema";
import { addDays, todayInShanghai } from "./availability/time";
import type { CourseType } from "./catalog";
import { type CancellationPolicy, cancellationTerms } from "./offerings/cancellation-policies";

/**
 * What the booking module needs to know of a coach to offer times and take a booking: whether the
 * coach is bookable at all (approved), the availability in minutes, the active offerings with their
 * prices, the places, and the cancellation terms in force. Read in the caller's transaction.
 */
export interface CoachBookingTerms {
	coachId: string;
	userId: string;
	displayName: string;
	bookable: boolean;
	availability: {
		acceptingBookings: boolean;
		weeklyHours: Array<{ weekday: number; startMinute: number; endMinute: number }>;
		exceptions: Array<{ date: string; kind: "day_off" | "extra_hours"; startMinute: number | null; endMinute: number | null }>;
		bufferMinutes: number;
		minNoticeHours: number;
		maxAdvanceDays: number;
	};
	cancellationPolicy: CancellationPolicy;
	cancellationTerms: (typeof cancellationTerms)[CancellationPolicy];
	offerings: Array<{ id: string; courseType: CourseType; durationMinutes: number; priceFen: number; online: boolean }>;
	places: Array<{ id: string; name: string; address: string | null }>;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who a coach is, for what names a booking and tells its people: one row, where the full terms
 * would read hours, exceptions, offerings and places too.
 */
export async function coachIdentity(coachId: string, tx: DbOrTx = db()): Promise<{ userId: string; displayName: string } | null> {
	if (!uuid.test(coachId)) return null;
	const [coach] = await tx
		.select({ userId: coaches.userId, displayName: coaches.displayName })
		.from(coaches)
		.where(eq(coaches.id, coachId))
		.limit(1);
	return coach ?? null;
}

export async function getCoachBookingTerms(coachId: string, tx: DbOrTx = db()): Promise<CoachBookingTerms | null> {
	if (!uuid.test(coachId)) return null;
	const [coach] = await tx.select().from(coaches).where(eq(coaches.id, coachId)).limit(1);
	if (!coach) return null;
	// Yesterday on: an evening's hours may run into today.
	const since = addDays(todayInShanghai(), -1);
	// One after another: inside a transaction they share one connection, which runs one query at a time.
	const weekly = await tx
		.select()
		.from(coachWeeklyHours)
		.where(eq(coachWeeklyHours.coachId, coachId))
		.orderBy(asc(coachWeeklyHours.weekday));
	const exceptions = await tx
		.select()
		.from(coachDateExceptions)
		.where(and(eq(coachDateExceptions.coachId, coachId), gte(coachDateExceptions.date, since)));
	const offerings = await tx
		.select()
		.from(coachOfferings)
		.where(and(eq(coachOfferings.coachId, coachId), eq(coachOfferings.active, true)))
		.orderBy(asc(coachOfferings.courseType), asc(coachOfferings.durationMinutes));
	const places = await tx.select().from(coachPlaces).where(eq(coachPlaces.coachId, coachId));
	return {
		coachId: coach.id,
		userId: coach.userId,
		displayName: coach.displayName,
		bookable: coach.status === "approved",
		availability: {
			acceptingBookings: coach.acceptingBookings,
			weeklyHours: weekly.map(({ weekday, startMinute, endMinute }) => ({ weekday, startMinute, endMinute })),
			exceptions: exceptions.map(({ date, kind, startMinute, endMinute }) => ({ date, kind, startMinute, endMinute })),
			bufferMinutes: coach.bufferMinutes,
			minNoticeHours: coach.minNoticeHours,
			maxAdvanceDays: coach.maxAdvanceDays,
		},
		cancellationPolicy: coach.cancellationPolicy,
		cancellationTerms: cancellationTerms[coach.cancellationPolicy],
		offerings: offerings.map(({ id, courseType, durationMinutes, priceFen, online }) => ({
			id,
			courseType,
			durationMinutes,
			priceFen,
			online,
		})),
		places: places.map(({ id, name, address }) => ({ id, name, address })),
	};
}
