import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { termsVersion } from "../../../app/modules/legal/documents";
import { defineScenario, type ScenarioContext } from "../harness";

/** Several such players, one after another per request, so no cache (the database's included) answers for one. */
const players = 5;
const practiceSessions = 5000;
const lessons = 200;
const namePrefix = "进度压测球员";

/**
 * The bench's learning players, made once in the bench database: each has 5,000 practice sessions
 * over 400 days (random catalogue drills of 中式八球, random makes) and 200 lessons of 60 minutes,
 * and the totals the services keep on write recounted from those facts in SQL, as decision 017's
 * one-off recount would. Lessons are counted in the totals without lesson_records rows (a record
 * needs a completed booking; the progress page reads only the totals, so its cost is the same).
 */
async function ensureLearningPlayers(client: pg.Client, ctx: ScenarioContext): Promise<string[]> {
	const existing = await client.query<{ id: string }>("select id from users where display_name like $1 order by display_name", [
		`${namePrefix}%`,
	]);
	if (existing.rows.length >= players) return existing.rows.map((row) => row.id);
	const started = Date.now();
	const ids: string[] = [];
	for (let n = 1; n <= players; n++) {
		const { rows } = await client.query<{ id: string }>("insert into users (display_name) values ($1) returning id", [
			`${namePrefix}${n}`,
		]);
		const id = rows[0]?.id as string;
		ids.push(id);
		await client.query(
			`insert into practice_sessions (player_id, drill_id, discipline, attempts, made, score, practised_at)
			 select $1::uuid, d.id, d.discipline, d.attempts, m.made,
			   case when d.ladder_positions is not null then 1 + floor(random() * d.ladder_positions)::int end,
			   now() - (g * interval '400 days' / $2)
			 from generate_series(1, $2) g
			 cross join lateral (select * from drills where discipline = 'chinese_8_ball' and coach_id is null
			   order by md5(g::text || $3) limit 1) d
			 cross join lateral (select floor(random() * (d.attempts + 1))::int as made) m`,
			// The id again as text for the shuffle: one parameter cannot be both uuid and text.
			[id, practiceSessions, id],
		);
	}
	// The recount: what applyContribution would have kept, from the facts (pots exclude break, safety and kicks).
	await client.query(
		`with facts as (
		   select s.player_id, s.discipline, d.skills[1] as skill, s.attempts, s.made, d.difficulty, d.ladder_positions, s.score,
		     (s.practised_at at time zone 'Asia/Shanghai')::date as day,
		     d.skills[1] not in ('break', 'safety', 'kicks') as pot
		   from practice_sessions s join drills d on d.id = s.drill_id where s.player_id = any($1::uuid[])
		 ), points as (
		   select *, round(((difficulty - 1) + least(1, case when ladder_positions is not null and score is not null
		     then score::numeric / ladder_positions else made::numeric / attempts end)) * 1000)::int as pts from facts
		 ), skills as (
		   insert into learning_skill_totals (player_id, discipline, skill, attempted, made)
		   select player_id, discipline, skill, sum(attempts), sum(made) from facts group by 1, 2, 3 returning 1
		 ), days as (
		   insert into learning_daily_totals (player_id, discipline, day, attempted, made)
		   select player_id, discipline, day, sum(attempts), sum(made) from facts where pot group by 1, 2, 3 returning 1
		 )
		 insert into learning_totals (player_id, discipline, lessons, minutes, attempted, made, errors, scored_drills, level_points, level)
		 select player_id, discipline, $2, $2 * 60, sum(attempts) filter (where pot), sum(made) filter (where pot),
		   '{"missed_pot": 900, "position_error": 500, "foul": 80}'::jsonb, count(*), sum(pts),
		   least(5, greatest(1, floor(sum(pts)::numeric / (count(*) * 1000)) + 1))
		 from points group by 1, 2`,
		[ids, lessons],
	);
	ctx.log(
		`learning players: ${players} × ${practiceSessions} practice sessions and ${lessons} lessons (${Date.now() - started} ms)`,
	);
	return ids;
}

/**
 * A fresh session per player per run (only its SHA-256 is stored, as the accounts module keeps it),
 * the players agreeing to the current terms first: otherwise every page sends them to /consent.
 */
async function sessionsFor(client: pg.Client, ids: string[]): Promise<string[]> {
	await client.query("update users set terms_version = $1, terms_accepted_at = now() where id = any($2::uuid[])", [
		termsVersion,
		ids,
	]);
	const tokens: string[] = [];
	for (const id of ids) {
		const token = randomBytes(32).toString("base64url");
		await client.query("insert into sessions (id, user_id, expires_at) values ($1, $2, now() + interval '1 day')", [
			createHash("sha256").update(token).digest("hex"),
			id,
		]);
		tokens.push(token);
	}
	return tokens;
}

export default defineScenario({
	name: "learning-progress-page",
	description: "GET /me/progress of players with 200 lessons and 5,000 practice sessions each (5 players in turn)",
	order: 60,
	budget: { p99UnderMs: 100 },
	async setup(_baseUrl, ctx) {
		const cluster = JSON.parse(readFileSync(join(ctx.dataDir, "cluster.json"), "utf8")) as {
			port: number;
			user: string;
			password: string;
		};
		const client = new pg.Client({
			connectionString: `postgres://${cluster.user}:${cluster.password}@127.0.0.1:${cluster.port}/cuepal`,
		});
		await client.connect();
		try {
			const tokens = await sessionsFor(client, await ensureLearningPlayers(client, ctx));
			let turn = 0;
			const headersOf = (token: string) => ({
				cookie: `cp_session=${token}`,
				"accept-encoding": "gzip, deflate, br",
				"accept-language": "zh-CN",
			});
			return {
				path: "/me/progress?discipline=chinese_8_ball",
				headers: headersOf(tokens[0] as string),
				expectStatus: 200,
				setupRequest: (request) => ({ ...request, headers: headersOf(tokens[turn++ % tokens.length] as string) }),
			};
		} finally {
			await client.end();
		}
	},
});
