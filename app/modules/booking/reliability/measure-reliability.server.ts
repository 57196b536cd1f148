import { sql } from "drizzle-orm";
import type { DbOrTx } from "~/lib/db.server";
import type { CoachReliability } from "../../../../db/schema";

export const reliabilityWindowDays = 90;
const dayMs = 24 * 3_600_000;

interface MeasuredRow extends Record<string, unknown> {
	coach_id: string;
	requests: number;
	accepted: number;
	within_12h: number;
	median_minutes: number | null;
	coach_cancellations: number;
	completed: number;
}

/**
 * A coach's reliability over the 90 days before `now`, from the bookings the coach had to answer
 * (paid in the window): accepted or declined (answered_at), or left unanswered until the sweep
 * cancelled them. Acceptance = accepted / (answered + unanswered); the answer time runs from the
 * payment to the answer; a cancellation by the coach is one of those requests the coach cancelled;
 * a no-show of the coach is a dispute "the lesson did not happen" the back office decided for the
 * player (the coach can only mark the player absent, so this is the one record of it).
 */
export async function measureReliability(tx: DbOrTx, coachIds: string[], now: Date): Promise<Map<string, CoachReliability>> {
	const measured = new Map<string, CoachReliability>();
	if (coachIds.length === 0) return measured;
	const from = new Date(now.getTime() - reliabilityWindowDays * dayMs);
	const ids = sql`array[${sql.join(
		coachIds.map((id) => sql`${id}`),
		sql`, `,
	)}]::uuid[]`;
	const inWindow = sql`b.paid_at >= ${from.toISOString()}::timestamptz and b.paid_at <= ${now.toISOString()}::timestamptz`;
	// Never negative: a payment recorded after the answer (the demo's sandbox stamps it with the present) counts as an instant answer.
	const answerTime = sql`greatest(b.answered_at - b.paid_at, interval '0')`;
	const unanswered = sql`(b.status = 'cancelled' and b.cancelled_by = 'system' and b.cancel_reason = 'unanswered')`;
	const [rows, noShows] = await Promise.all([
		tx.execute<MeasuredRow>(sql`
			select b.coach_id,
				(count(*) filter (where ${inWindow} and (b.answered_at is not null or ${unanswered})))::int as requests,
				(count(*) filter (where ${inWindow} and b.answered_at is not null and b.status <> 'rejected'))::int as accepted,
				(count(*) filter (where ${inWindow} and b.answered_at is not null and ${answerTime} <= interval '12 hours'))::int as within_12h,
				(percentile_cont(0.5) within group (order by extract(epoch from ${answerTime}) / 60)
					filter (where ${inWindow} and b.answered_at is not null))::float8 as median_minutes,
				(count(*) filter (where ${inWindow} and b.status = 'cancelled' and b.cancelled_by = 'coach'))::int as coach_cancellations,
				(count(*) filter (where b.status = 'completed'))::int as completed
			from bookings b
			where b.coach_id = any(${ids})
			group by b.coach_id`),
		tx.execute<{ coach_id: string; no_shows: number }>(sql`
			select b.coach_id, count(*)::int as no_shows
			from booking_disputes d join bookings b on b.id = d.booking_id
			where b.coach_id = any(${ids}) and d.category = 'no_lesson' and d.resolution = 'for_player'
				and d.resolved_at >= ${from.toISOString()}::timestamptz and d.resolved_at <= ${now.toISOString()}::timestamptz
			group by b.coach_id`),
	]);
	const noShowsOf = new Map(noShows.rows.map((row) => [row.coach_id, row.no_shows]));
	const byCoach = new Map(rows.rows.map((row) => [row.coach_id, row]));
	for (const coachId of coachIds) {
		const row = byCoach.get(coachId);
		const requests = row?.requests ?? 0;
		measured.set(coachId, {
			bookings90d: requests,
			acceptanceRate: requests === 0 ? null : (row?.accepted ?? 0) / requests,
			medianAnswerMinutes: row?.median_minutes == null ? null : Math.round(row.median_minutes),
			answeredWithin12hRate: requests === 0 ? null : (row?.within_12h ?? 0) / requests,
			coachCancellations: row?.coach_cancellations ?? 0,
			coachNoShows: noShowsOf.get(coachId) ?? 0,
			completedLessons: row?.completed ?? 0,
			measuredAt: now.toISOString(),
		});
	}
	return measured;
}
