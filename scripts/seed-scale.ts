import pg from "pg";
import { cities } from "../app/modules/coaches/cities";

/**
 * `npm run seed:scale -- --coaches 100000`: fills a database with realistic synthetic coaches for
 * load tests — approved, spread over real city coordinates in proportion to population (within
 * ~15 km of each centre), each with 2–6 offerings, weekly hours and the search summary of their
 * free days (coach_free_days). Set-based SQL, so 100,000
 * coaches take seconds. Uses DATABASE_URL, or the embedded database of `npm start` (DATA_DIR).
 * Synthetic users have no phone or email: nothing personal is invented.
 */
export async function seedScale(databaseUrl: string, count: number): Promise<{ added: number; total: number }> {
	const client = new pg.Client({ connectionString: databaseUrl });
	await client.connect();
	try {
		const weights = cities.map((city) => ({
			code: city.code,
			lat: city.latitude,
			lng: city.longitude,
			weight: city.population ?? 0.5,
		}));
		await client.query("begin");
		const existing = await client.query<{ n: number }>("select count(*)::int as n from users where display_name like 'scale-%'");
		const already = existing.rows[0]?.n ?? 0;
		const toAdd = Math.max(0, count - already);
		if (toAdd > 0) {
			await client.query(
				`
				create temporary table scale_city on commit drop as
				select code, lat, lng, sum(weight) over (order by code) / sum(weight) over () as upto
				from json_to_recordset($1::json) as c(code text, lat float8, lng float8, weight float8);

				create temporary table scale_new on commit drop as
				select gen_random_uuid() as user_id, gen_random_uuid() as coach_id, n,
					(select code from scale_city where upto >= r order by upto limit 1) as city
				from (select n, random() as r from generate_series($2::int + 1, $2::int + $3::int) as n) picks;
				`
					.replace("$1::json", `'${JSON.stringify(weights).replaceAll("'", "''")}'::json`)
					.replaceAll("$2::int", String(already))
					.replaceAll("$3::int", String(toAdd)),
			);
			await client.query(`
				insert into users (id, display_name, status)
				select user_id, 'scale-' || n, 'active' from scale_new;

				insert into coaches (id, user_id, status, display_name, gender, disciplines, level, years_experience,
					style_tags, bio, city_code, latitude, longitude, service_radius_km, accepting_bookings,
					cancellation_policy, real_name_verified_at, certificate_verified_at, submitted_at, approved_at,
					rating_average, rating_count, rating_bayesian)
				select s.coach_id, s.user_id, 'approved',
					(array['王','李','张','刘','陈','杨','赵','黄','周','吴','徐','孙','胡','朱','高','林'])[1 + n % 16]
						|| (array['教练','老师','指导','陪练'])[1 + (n / 16) % 4] || n,
					(array['male','female','male'])[1 + n % 3]::gender,
					case n % 5 when 0 then array['chinese_8_ball'] when 1 then array['nine_ball'] when 2 then array['snooker']
						when 3 then array['chinese_8_ball', 'nine_ball'] else array['snooker', 'chinese_8_ball'] end::discipline[],
					(array['entry','intermediate','advanced','master'])[1 + (n / 5) % 4]::coach_level,
					1 + n % 20, array['耐心细致','实战派'], '合成数据：用于负载测试的教练。', c.code,
					c.lat + (random() - 0.5) * 0.27, c.lng + (random() - 0.5) * 0.32, 5 + n % 20, n % 10 <> 0,
					(array['flexible','moderate','strict'])[1 + n % 3]::cancellation_policy,
					now(), case when n % 3 = 0 then null else now() end, now(), now() - (n % 1000) * interval '1 hour',
					case when n % 4 = 0 then null else 3.5 + (n % 15) / 10.0 end, case when n % 4 = 0 then 0 else n % 50 end,
					-- As the reviews module keeps it (prior 4.5, weight 5), so 评分最高 has real spread at scale.
					case when n % 4 = 0 or n % 50 = 0 then 0
						else (5 * 4.5 + (3.5 + (n % 15) / 10.0) * (n % 50)) / (5 + n % 50) end
				from scale_new s join scale_city c on c.code = s.city;

				insert into coach_offerings (coach_id, course_type, duration_minutes, price_fen, online)
				select s.coach_id, o.course_type::course_type, o.minutes,
					(o.base * (0.7 + ((s.n * 7 + o.k * 13) % 100) / 100.0))::int * 100, (s.n + o.c) % 7 = 0
				from scale_new s
				-- c numbers the course type: online is decided per course type, the same for all its lengths.
				cross join (values ('basic', 60, 180, 1, 1), ('basic', 90, 250, 2, 1), ('advanced', 60, 260, 3, 3),
					('match_simulation', 90, 330, 4, 4), ('sparring', 60, 120, 5, 5), ('casual_play', 60, 90, 6, 6))
					as o(course_type, minutes, base, k, c)
				where o.k <= 2 or (s.n + o.k) % 3 <> 0;

				update coaches c set price_from_fen = o.low, offers_online = o.online
				from (select coach_id, min(price_fen) as low, bool_or(online) as online from coach_offerings
					where coach_id in (select coach_id from scale_new) group by coach_id) o
				where c.id = o.coach_id;

				insert into coach_weekly_hours (coach_id, weekday, start_minute, end_minute)
				-- A quarter of the coaches work weekday daytimes only (09:00-17:00), so "in the evening" filters something.
				select s.coach_id, d, case when d >= 6 then 600 when s.n % 4 = 0 then 540 else 840 end,
					case when d >= 6 then 1260 when s.n % 4 = 0 then 1020 else 1320 end
				from scale_new s cross join generate_series(1, 7) d where d <> 1 + s.n % 7;
			`);
		}
		await fillFreeDays(client, toAdd > 0);
		await client.query("commit");
		await client.query("analyze coaches; analyze coach_offerings; analyze coach_photos; analyze coach_free_days");
		const total = await client.query<{ n: number }>("select count(*)::int as n from coaches where status = 'approved'");
		return { added: toAdd, total: total.rows[0]?.n ?? 0 };
	} catch (error) {
		await client.query("rollback").catch(() => {});
		throw error;
	} finally {
		await client.end();
	}
}

/**
 * The search summary of the synthetic coaches (coach_free_days, the next 30 days), as the coaches
 * module would write it for their weekly hours, with one day in seven already booked full. Rewritten
 * when coaches were added or the window has moved on since the last fill (a later day), so a bench
 * database seeded last week still filters today's dates.
 */
async function fillFreeDays(client: pg.Client, coachesAdded: boolean): Promise<void> {
	const today = `(now() at time zone 'Asia/Shanghai')::date`;
	if (!coachesAdded) {
		const current = await client.query(
			`select 1 from coach_free_days f join coaches c on c.id = f.coach_id join users u on u.id = c.user_id
			where u.display_name like 'scale-%' and f.date = ${today} + 29 limit 1`,
		);
		if (current.rowCount) return;
	}
	await client.query(`
		create temporary table scale_coach on commit drop as
		select c.id from coaches c join users u on u.id = c.user_id where u.display_name like 'scale-%' and c.accepting_bookings;

		delete from coach_free_days where coach_id in (select c.id from coaches c join users u on u.id = c.user_id
			where u.display_name like 'scale-%');

		insert into coach_free_days (coach_id, date, free_minutes, evening_free, first_free_at)
		select coach_id, date, end_minute - start_minute, end_minute - 60 >= 18 * 60, first_free_at
		from (
			select h.coach_id, d.date, h.start_minute, h.end_minute,
				-- Today starts after two hours' notice, on the half-hour grid.
				greatest((d.date + make_interval(mins => h.start_minute)) at time zone 'Asia/Shanghai',
					date_bin('30 minutes', now() + interval '2 hours 29 minutes', timestamptz '2000-01-01')) as first_free_at,
				(d.date + make_interval(mins => h.end_minute - 60)) at time zone 'Asia/Shanghai' as last_start
			from coach_weekly_hours h
			join scale_coach s on s.id = h.coach_id
			join (select ${today} + k as date from generate_series(0, 29) k) d on extract(isodow from d.date) = h.weekday
			where hashtext(h.coach_id::text || d.date::text) % 7 <> 0
		) days
		where first_free_at <= last_start;
	`);
}

async function embeddedUrl(): Promise<string> {
	const { startEmbeddedDatabase } = await import("../db/embedded");
	const { applyMigrations } = await import("../db/migrate");
	const database = await startEmbeddedDatabase({ root: process.env.DATA_DIR ?? ".data" });
	await applyMigrations(database.url);
	stopAfter = () => database.stop();
	return database.url;
}
let stopAfter: (() => Promise<void>) | undefined;

if (process.argv[1]?.endsWith("seed-scale.ts")) {
	const flag = process.argv.indexOf("--coaches");
	const count = Number(flag > 0 ? process.argv[flag + 1] : 100_000);
	if (!Number.isInteger(count) || count < 1 || count > 2_000_000) {
		console.error("Usage: npm run seed:scale -- --coaches 100000");
		process.exit(1);
	}
	const started = performance.now();
	const url = process.env.DATABASE_URL ?? (await embeddedUrl());
	try {
		const { added, total } = await seedScale(url, count);
		console.log(`Added ${added} synthetic coaches (${total} approved in all) in ${Math.round(performance.now() - started)} ms.`);
	} finally {
		await stopAfter?.();
	}
}
