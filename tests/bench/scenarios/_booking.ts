import { readFileSync } from "node:fs";
import { join } from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { Transaction } from "../../../app/lib/db.server";
import type { TimeRange } from "../../../app/lib/free-times";
import { refreshCoachFreeDays } from "../../../app/modules/booking/free-days.server";
import * as schema from "../../../db/schema";
import type { ScenarioContext } from "../harness";

/** The bench's embedded database, for setting up and cleaning up what a booking scenario needs. */
export function benchDatabaseUrl(ctx: ScenarioContext): string {
	const cluster = JSON.parse(readFileSync(join(ctx.dataDir, "cluster.json"), "utf8")) as {
		port: number;
		user: string;
		password: string;
	};
	return `postgres://${cluster.user}:${cluster.password}@127.0.0.1:${cluster.port}/cuepal`;
}

export async function withClient<T>(ctx: ScenarioContext, run: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: benchDatabaseUrl(ctx) });
	await client.connect();
	try {
		return await run(client);
	} finally {
		await client.end();
	}
}

/** A bearer token of the demo player (the demo data every bench database has). */
export async function demoPlayerToken(baseUrl: string): Promise<string> {
	const response = await fetch(`${baseUrl}/api/v1/auth/password-login`, {
		method: "POST",
		headers: { "content-type": "application/json" },
		body: JSON.stringify({ identifier: "13800000001", password: "Demo@2026" }),
	});
	if (!response.ok) throw new Error(`sign-in of the demo player failed: ${response.status}`);
	return ((await response.json()) as { token: string }).token;
}

export interface BookableTime {
	coachId: string;
	offeringId: string;
	startsAt: string;
}

/**
 * Times no one has booked: 14:00 Shanghai on the synthetic coaches' working days, 2 to 28 days
 * ahead (inside their 12-hour notice and 30-day horizon), for a 60-minute basic lesson; coach by
 * coach first, so consecutive bookings rarely wait for one another.
 */
export async function freeBookableTimes(ctx: ScenarioContext, coaches: number, skipCoaches = 0): Promise<BookableTime[]> {
	const rows = await withClient(
		ctx,
		async (client) =>
			(
				await client.query<{ coach_id: string; offering_id: string; weekdays: number[] }>(
					`select c.id as coach_id, o.id as offering_id, array_agg(h.weekday order by h.weekday) as weekdays
				from coaches c join users u on u.id = c.user_id
				join coach_offerings o on o.coach_id = c.id and o.active and o.course_type = 'basic' and o.duration_minutes = 60
				join coach_weekly_hours h on h.coach_id = c.id and h.start_minute <= 840 and h.end_minute >= 915
				where u.display_name like 'scale-%' and c.status = 'approved' and c.accepting_bookings
				group by c.id, o.id order by c.id offset $2 limit $1`,
					[coaches, skipCoaches],
				)
			).rows,
	);
	const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
	const times: BookableTime[] = [];
	for (let days = 2; days <= 28; days++) {
		const date = new Date(`${today}T00:00:00Z`);
		date.setUTCDate(date.getUTCDate() + days);
		const weekday = date.getUTCDay() || 7;
		const startsAt = new Date(date.getTime() + 6 * 3_600_000).toISOString(); // 14:00 in Shanghai
		for (const row of rows) {
			if (row.weekdays.includes(weekday)) times.push({ coachId: row.coach_id, offeringId: row.offering_id, startsAt });
		}
	}
	return times;
}

export const bookingBody = (time: BookableTime) =>
	JSON.stringify({
		coachId: time.coachId,
		offeringId: time.offeringId,
		startsAt: time.startsAt,
		location: { kind: "address", address: "上海市徐汇区漕溪北路 88 号 3 楼" },
		paymentPlan: "deposit",
	});

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Frees what a scenario booked (cancelled by the system), so the next run finds the same times free,
 * and puts the search summary of the coaches concerned back as the app would (the free days and
 * the stored lessons, through the app's own refresh): a search scenario after this one then sees
 * those days free again. The bench database is the bench's own: every booking made since the
 * scenario began is its.
 *
 * Requests autocannon sent before it stopped may still be committing when the load ends: the
 * cancellation is repeated until two passes half a second apart find nothing more, so no booking
 * of this run is left holding a time (the next run's 409s).
 */
export async function releaseBookings(ctx: ScenarioContext, since: Date): Promise<void> {
	const released = new Map<string, TimeRange[]>();
	await withClient(ctx, async (client) => {
		for (let quiet = 0, pass = 0; quiet < 2 && pass < 40; pass++) {
			const { rows } = await client.query<{ coach_id: string; starts_at: Date; holds_until: Date }>(
				`update bookings set status = 'cancelled', cancelled_by = 'system', cancel_reason = 'bench clean-up', updated_at = now()
				where created_at >= $1 and status in ('pending_payment', 'pending_confirmation', 'confirmed')
				returning coach_id, starts_at, holds_until`,
				[since],
			);
			for (const row of rows) {
				const ranges = released.get(row.coach_id) ?? [];
				ranges.push({ startsAt: row.starts_at, endsAt: row.holds_until });
				released.set(row.coach_id, ranges);
			}
			quiet = rows.length === 0 ? quiet + 1 : 0;
			if (quiet < 2) await sleep(500);
		}
		const database = drizzle(client, { schema });
		const now = new Date();
		for (const [coachId, ranges] of released) {
			await database.transaction((tx) => refreshCoachFreeDays(tx as unknown as Transaction, coachId, now, ranges));
		}
	});
	ctx.log(
		`released ${[...released.values()].reduce((total, ranges) => total + ranges.length, 0)} bookings of ${released.size} coaches`,
	);
}
