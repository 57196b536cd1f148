import { sql } from "drizzle-orm";
import { type DbOrTx, db } from "./db.server";
import { AppError } from "./errors";

export interface Limit {
	/** What is limited and for whom, e.g. `sms:phone:<blind index>`. Never personal data in clear. */
	key: string;
	points: number;
	windowSeconds: number;
}

/**
 * A fixed-window counter in PostgreSQL: one atomic upsert per check, so every app instance sees
 * the same count. Throws a 429 (with Retry-After) once the window's points are used up.
 */
export async function consume(limit: Limit, tx: DbOrTx = db()): Promise<void> {
	const { exceeded, retryAfterSeconds } = await hit(limit, tx);
	if (exceeded) {
		throw new AppError(429, "rate_limited", "errors.rateLimited", {
			params: { seconds: retryAfterSeconds },
			retryAfterSeconds,
		});
	}
}

/** Counts one point like `consume`, but tells instead of throwing (for a limit that asks for more proof). */
export async function hit(
	limit: Limit,
	tx: DbOrTx = db(),
): Promise<{ points: number; exceeded: boolean; retryAfterSeconds: number }> {
	const result = await tx.execute<{ points: number; retry_after: number }>(sql`
		insert into rate_limits (key, points, expires_at)
		values (${limit.key}, 1, now() + make_interval(secs => ${limit.windowSeconds}))
		on conflict (key) do update set
			points = case when rate_limits.expires_at <= now() then 1 else rate_limits.points + 1 end,
			expires_at = case when rate_limits.expires_at <= now() then excluded.expires_at else rate_limits.expires_at end
		returning points, ceil(extract(epoch from expires_at - now()))::int as retry_after`);
	const row = result.rows[0];
	const points = row?.points ?? 1;
	return { points, exceeded: points > limit.points, retryAfterSeconds: Math.max(1, row?.retry_after ?? 1) };
}

/** The points a window has counted so far and the seconds it has left, without counting one. */
export async function peek(key: string, tx: DbOrTx = db()): Promise<{ points: number; retryAfterSeconds: number }> {
	const result = await tx.execute<{ points: number; retry_after: number }>(sql`
		select points, ceil(extract(epoch from expires_at - now()))::int as retry_after
		from rate_limits where key = ${key} and expires_at > now()`);
	const row = result.rows[0];
	return { points: row?.points ?? 0, retryAfterSeconds: Math.max(1, row?.retry_after ?? 1) };
}

/** Forgets windows (e.g. a sign-in's failures once it succeeds). */
export async function resetLimits(keys: string[], tx: DbOrTx = db()): Promise<void> {
	if (keys.length === 0) return;
	await tx.execute(
		sql`delete from rate_limits where key in (${sql.join(
			keys.map((key) => sql`${key}`),
			sql`, `,
		)})`,
	);
}

/** Checks several limits; all are counted so a flood is seen by every window. */
export async function consumeAll(limits: Limit[], tx: DbOrTx = db()): Promise<void> {
	let firstError: unknown;
	for (const limit of limits) {
		try {
			await consume(limit, tx);
		} catch (error) {
			firstError ??= error;
		}
	}
	if (firstError) throw firstError;
}
