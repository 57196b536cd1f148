import { sql } from "drizzle-orm";
import type { Transaction } from "~/lib/db.server";
import type { TimeRange } from "~/lib/free-times";
import { refreshFreeDays } from "~/modules/coaches/search/refresh-free-days.server";
import { activeStatuses } from "./lifecycle";

/**
 * After any change to which time a coach's bookings hold (created, cancelled, expired, rejected,
 * moved), in the change's transaction: hands the coach's lessons to the coaches module, which
 * rewrites the search summary of free days.
 *
 * `changed` lists the ranges the change took or freed (each lesson with its buffer after it, as
 * the booking holds it): then only the days around them are summarised again, from the lessons
 * around them. Without it, every future lesson is handed over and the whole window rewritten.
 */
export function refreshCoachFreeDays(
	tx: Transaction,
	coachId: string,
	now = new Date(),
	changed?: readonly TimeRange[],
	/** The summary lock was taken by an earlier statement of this transaction (`freeDaysLock`). */
	options: { locked?: boolean } = {},
): Promise<void> {
	return refreshFreeDays(coachId, tx, {
		now,
		changed,
		locked: options.locked,
		bookedLessons: (period) => bookedRangesJson(coachId, period),
	});
}

/**
 * The same lessons and proposals as `bookedRanges`, as one JSON array expression
 * (`[{ startsAt, endsAt }]`): the coaches module reads it in the statement that reads the coach's
 * hours, so a booking change's summary costs one round trip for both.
 */
const bookedRangesJson = (coachId: string, period: { from: Date; to: Date }) => {
	const from = period.from.toISOString();
	const to = period.to.toISOString();
	const statuses = sql.join(
		activeStatuses.map((status) => sql`${status}`),
		sql`, `,
	);
	return sql`coalesce((
		select json_agg(json_build_object('startsAt', held.starts_at, 'endsAt', held.ends_at))
		from bookings b
		cross join lateral (
			select b.starts_at, b.ends_at
			union all
			select b.proposed_starts_at, b.proposed_ends_at where b.proposed_starts_at is not null and b.proposed_ends_at is not null
		) held
		where b.coach_id = ${coachId}::uuid and b.status in (${statuses})
			and ((b.holds_until > ${from}::timestamptz and b.starts_at < ${to}::timestamptz)
				or (b.proposed_holds_until > ${from}::timestamptz and b.proposed_starts_at < ${to}::timestamptz))
	), '[]'::json)`;
};

/** The range a booking row holds, for `refreshCoachFreeDays`. */
export const heldBy = (booking: { startsAt: Date; holdsUntil: Date }): TimeRange => ({
	startsAt: booking.startsAt,
	endsAt: booking.holdsUntil,
});
