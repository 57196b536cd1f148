import { eq, sql } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { coaches } from "../../../db/schema";
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

/** A coach's row with its hours, exceptions, active offerings and places, as one statement returns them. */
interface TermsRow extends Record<string, unknown> {
	id: string;
	user_id: string;
	display_name: string;
	status: string;
	accepting_bookings: boolean;
	buffer_minutes: number;
	min_notice_hours: number;
	max_advance_days: number;
	cancellation_policy: CancellationPolicy;
	weekly: CoachBookingTerms["availability"]["weeklyHours"];
	exceptions: CoachBookingTerms["availability"]["exceptions"];
	offerings: CoachBookingTerms["offerings"];
	places: CoachBookingTerms["places"];
}

/**
 * One round trip: every booking and every free-times request reads the terms, and five statements
 * one after another cost more than the work they feed.
 */
export async function getCoachBookingTerms(coachId: string, tx: DbOrTx = db()): Promise<CoachBookingTerms | null> {
	if (!uuid.test(coachId)) return null;
	// Yesterday on: an evening's hours may run into today.
	const since = addDays(todayInShanghai(), -1);
	const result = await tx.execute<TermsRow>(sql`
		select c.id, c.user_id, c.display_name, c.status, c.accepting_bookings, c.buffer_minutes,
			c.min_notice_hours, c.max_advance_days, c.cancellation_policy,
			coalesce((select json_agg(json_build_object('weekday', h.weekday, 'startMinute', h.start_minute,
				'endMinute', h.end_minute) order by h.weekday, h.start_minute)
				from coach_weekly_hours h where h.coach_id = c.id), '[]') as weekly,
			coalesce((select json_agg(json_build_object('date', e.date, 'kind', e.kind, 'startMinute', e.start_minute,
				'endMinute', e.end_minute)) from coach_date_exceptions e where e.coach_id = c.id and e.date >= ${since}::date),
				'[]') as exceptions,
			coalesce((select json_agg(json_build_object('id', o.id, 'courseType', o.course_type,
				'durationMinutes', o.duration_minutes, 'priceFen', o.price_fen, 'online', o.online)
				order by o.course_type, o.duration_minutes)
				from coach_offerings o where o.coach_id = c.id and o.active), '[]') as offerings,
			coalesce((select json_agg(json_build_object('id', p.id, 'name', p.name, 'address', p.address))
				from coach_places p where p.coach_id = c.id), '[]') as places
		from coaches c where c.id = ${coachId}::uuid`);
	const coach = result.rows[0];
	if (!coach) return null;
	return {
		coachId: coach.id,
		userId: coach.user_id,
		displayName: coach.display_name,
		bookable: coach.status === "approved",
		availability: {
			acceptingBookings: coach.accepting_bookings,
			weeklyHours: coach.weekly,
			exceptions: coach.exceptions,
			bufferMinutes: coach.buffer_minutes,
			minNoticeHours: coach.min_notice_hours,
			maxAdvanceDays: coach.max_advance_days,
		},
		cancellationPolicy: coach.cancellation_policy,
		cancellationTerms: cancellationTerms[coach.cancellation_policy],
		offerings: coach.offerings,
		places: coach.places,
	};
}
