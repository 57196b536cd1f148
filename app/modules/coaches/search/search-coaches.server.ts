import { createHash } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { settings } from "~/lib/config.server";
import { type DbOrTx, db, nearestFirstPool, pool } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { addDays, todayInShanghai } from "../availability/time";
import type { CourseType, Discipline } from "../catalog";
import { findCity } from "../cities";
import { photoUrlOf } from "../profile/photo-url.server";
import type { CoachBadge } from "../profile/preferred-badge";
import { type Cursor, decodeCursor, encodeCursor } from "./cursor";
import { datesOfWhen, freeDaysWindow } from "./free-days";
import { resultCache } from "./result-cache.server";
import type { CoachSearch, SearchSort } from "./schema";

export interface CoachCard {
	id: string;
	displayName: string;
	distanceKm: number | null;
	level: string | null;
	disciplines: Discipline[];
	gender: "male" | "female" | null;
	yearsExperience: number | null;
	/** The cheapest offering matching the filters, shown itemised: course type, minutes, price. */
	priceFromFen: number;
	cheapestOffering: { courseType: CourseType; durationMinutes: number; priceFen: number; online: boolean };
	rating: number | null;
	ratingCount: number;
	acceptingBookings: boolean;
	offersOnline: boolean;
	badges: CoachBadge[];
	photoUrl: string | null;
	approvedAt: string;
	/** The coach's next bookable start (from the free-days summary), or null within the next 30 days. */
	nextFreeAt: string | null;
}

export interface SearchResult {
	items: CoachCard[];
	nextCursor: string | null;
	origin: { latitude: number; longitude: number; radiusKm: number; cityCode: string | null } | null;
	sort: SearchSort;
}

const defaultRadiusKm = 20;

interface Row extends Record<string, unknown> {
	id: string;
	display_name: string;
	level: string | null;
	disciplines: string;
	gender: "male" | "female" | null;
	years_experience: number | null;
	rating_average: number | null;
	rating_count: number;
	rating_bayesian: number;
	accepting_bookings: boolean;
	offers_online: boolean;
	real_name_verified_at: Date | null;
	certificate_verified_at: Date | null;
	preferred_since: Date | null;
	approved_at: Date;
	distance_m: number | null;
	chord_m: number | null;
	price_fen: number;
	course_type: CourseType;
	duration_minutes: number;
	online: boolean;
	photo_file_id: string | null;
	next_free_at: Date | string | null;
}

/**
 * Search approved coaches: by radius around a point (the browser's location or a city centre),
 * filtered by discipline, course type, level, price, gender, online lessons and accepting status,
 * sorted by distance, price, rating or newest, a page at a time by keyset (no OFFSET).
 * The radius uses the earthdistance GiST index; offerings are matched per coach (LATERAL) so the
 * price shown is the one that matches the filters.
 */
export function searchCoaches(search: CoachSearch): Promise<SearchResult> {
	const ttlMs = settings().SEARCH_CACHE_MS;
	if (ttlMs === 0) return runSearch(search);
	// Keys in a fixed order, so the same search written differently is one entry.
	const key = JSON.stringify(Object.entries(search).sort(([a], [b]) => a.localeCompare(b)));
	return recentResults.get(key, ttlMs, () => runSearch(search));
}

const recentResults = resultCache<SearchResult>({ maxEntries: 1_000 });

async function runSearch(search: CoachSearch): Promise<SearchResult> {
	const now = new Date();
	const { query, sort, origin } = buildSearchQuery(search, now, { freeDaysFirst: await fewCoachesFree(search, now) });
	const result = await executeSearch(sort, query);
	const rows = result.rows.slice(0, search.limit);
	const last = rows.at(-1);
	return {
		items: rows.map(toCard),
		nextCursor: result.rows.length > search.limit && last ? encodeCursor(cursorOf(sort, last)) : null,
		origin,
		sort,
	};
}

/**
 * Runs a statement of the search with the planner settings it needs. Sorted by distance, the one
 * good plan walks the GiST index nearest first and stops after a page; but PostgreSQL estimates a
 * radius at a fixed 0.1% of the table whatever the density, and when that guess is small it
 * prefers fetching every coach in the radius and sorting them, which at 100,000 coaches is 30
 * times slower. Without bitmap scans for this one statement the ordered index scan is the plan.
 */
export function inSearchPlan<T>(sort: SearchSort, run: (tx: DbOrTx) => Promise<T>): Promise<T> {
	if (sort !== "distance") return run(db());
	return db().transaction(async (tx) => {
		await tx.execute(sql`set local enable_bitmapscan = off`);
		return run(tx);
	});
}

const dialect = new PgDialect();

/**
 * Runs the search as one round trip, as a named prepared statement (one per shape of the query,
 * that is per set of filters): PostgreSQL plans each shape once per connection instead of on every
 * search, where planning cost as much as running it. Sorted by distance, on the connections that
 * never plan bitmap scans (the plan inSearchPlan explains), so no transaction and SET around it.
 */
async function executeSearch(sort: SearchSort, query: SQL): Promise<{ rows: Row[] }> {
	const { sql: text, params } = dialect.sqlToQuery(query);
	const name = `coach_search_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
	const source = sort === "distance" ? nearestFirstPool() : pool();
	return source.query<Row>({ name, text, values: params as unknown[] });
}

/** The search as one SQL statement (kept apart so tests can EXPLAIN exactly what runs). */
export function buildSearchQuery(
	search: CoachSearch,
	now = new Date(),
	options: { freeDaysFirst?: boolean } = {},
): { query: SQL; sort: SearchSort; origin: SearchResult["origin"] } {
	const city = search.city ? findCity(search.city) : undefined;
	if (search.city && !city) {
		throw new AppError(400, "validation_failed", "errors.validationFailed", { fields: { city: "coaches.errors.city" } });
	}
	const origin =
		search.lat !== undefined && search.lng !== undefined
			? { latitude: search.lat, longitude: search.lng, cityCode: city?.code ?? null }
			: city
				? { latitude: city.latitude, longitude: city.longitude, cityCode: city.code }
				: null;
	const sort: SearchSort = search.sort ?? (origin ? "distance" : "newest");
	if (sort === "distance" && !origin) {
		throw new AppError(400, "validation_failed", "errors.validationFailed", { fields: { sort: "coaches.errors.needLocation" } });
	}
	const radiusKm = search.radiusKm ?? defaultRadiusKm;
	const cursor = decodeCursor(search.cursor, sort);

	const offeringFilters: SQL[] = [sql`o.active`];
	if (search.courseType) offeringFilters.push(sql`o.course_type = ${search.courseType}`);
	if (search.online) offeringFilters.push(sql`o.online`);
	if (search.minPriceFen !== undefined) offeringFilters.push(sql`o.price_fen >= ${search.minPriceFen}`);
	if (search.maxPriceFen !== undefined) offeringFilters.push(sql`o.price_fen <= ${search.maxPriceFen}`);

	const point = sql`ll_to_earth(c.latitude, c.longitude)`;
	const from = origin ? sql`ll_to_earth(${origin.latitude}::float8, ${origin.longitude}::float8)` : null;
	const distance = from ? sql`earth_distance(${point}, ${from})` : sql`null::float8`;
	// The straight-line (chord) distance through the earth orders exactly as the distance along its
	// surface, and the GiST index can hand rows out nearest first by it (a KNN scan): the search
	// stops after one page instead of sorting every coach within the radius.
	const chord = from ? sql`(${point} <-> ${from})` : sql`null::float8`;
	const coachFilters: SQL[] = [sql`c.status = 'approved'`];
	if (from) {
		const radiusMeters = radiusKm * 1000;
		coachFilters.push(sql`c.latitude is not null`);
		coachFilters.push(sql`earth_box(${from}, ${radiusMeters}::float8) @> ${point}`);
		coachFilters.push(sql`earth_distance(${point}, ${from}) <= ${radiusMeters}::float8`);
	}
	if (search.discipline) coachFilters.push(sql`${search.discipline}::discipline = any(c.disciplines)`);
	if (search.level) coachFilters.push(sql`c.level = ${search.level}`);
	if (search.gender) coachFilters.push(sql`c.gender = ${search.gender}`);
	if (search.accepting !== undefined) coachFilters.push(sql`c.accepting_bookings = ${search.accepting}`);
	const today = todayInShanghai(now);
	// Few coaches free then: the query starts from their summary rows (a materialised list, so the
	// planner cannot turn it back into a walk over every coach in the radius).
	const freeFirst = options.freeDaysFirst ? freeDayConditions(search, today, now) : null;
	const freeFilter = freeFirst ? null : freeTimeFilter(search, today, now);
	if (freeFilter) coachFilters.push(freeFilter);
	if (search.q) {
		// A substring match works for partial Chinese input ("王教" finds 王教练), which word
		// tokenisers do not; it runs on the already narrowed set.
		const pattern = `%${search.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
		coachFilters.push(sql`c.display_name ilike ${pattern}`);
	}

	const order = orderFor(sort, chord);
	if (cursor) coachFilters.push(afterCursor(sort, cursor, chord));

	const freeCoaches = freeFirst
		? sql`with free as materialized (select distinct f.coach_id from coach_free_days f where ${freeFirst})`
		: sql``;
	const query = sql`${freeCoaches}
		select c.id, c.display_name, c.level, c.disciplines::text as disciplines, c.gender, c.years_experience,
			c.rating_average, c.rating_count, c.rating_bayesian, c.accepting_bookings, c.offers_online,
			c.real_name_verified_at, c.certificate_verified_at, c.preferred_since, c.approved_at,
			${distance} as distance_m, ${chord} as chord_m,
			o.price_fen, o.course_type, o.duration_minutes, o.online,
			(select p.file_id from coach_photos p where p.coach_id = c.id and p.status = 'approved'
				order by p.position, p.created_at limit 1) as photo_file_id,
			(select f.first_free_at from coach_free_days f where f.coach_id = c.id and f.date >= ${today}::date
				and f.first_free_at > ${now.toISOString()}::timestamptz order by f.date limit 1) as next_free_at
		from ${freeFirst ? sql`free join coaches c on c.id = free.coach_id` : sql`coaches c`}
		cross join lateral (
			select o.price_fen, o.course_type, o.duration_minutes, o.online from coach_offerings o
			where o.coach_id = c.id and ${sql.join(offeringFilters, sql` and `)}
			order by o.price_fen, o.duration_minutes limit 1
		) o
		where ${sql.join(coachFilters, sql` and `)}
		order by ${order}
		limit ${search.limit + 1}`;
	return { query, sort, origin: origin ? { ...origin, radiusKm } : null };
}

/**
 * "Free on a date / this weekend / in the evening", answered from the per-day summary the coaches
 * module keeps (coach_free_days): one index probe per coach the scan reaches, never a slot
 * computation at query time.
 */
function freeTimeFilter(search: CoachSearch, today: string, now: Date): SQL | null {
	const conditions = freeDayConditions(search, today, now);
	return conditions && sql`exists (select 1 from coach_free_days f where f.coach_id = c.id and ${conditions})`;
}

/** Which summary rows (alias f) make a coach match the free-time filters; null without them. */
function freeDayConditions(search: CoachSearch, today: string, now: Date): SQL | null {
	if (!search.freeOn && !search.evening) return null;
	const conditions: SQL[] = [sql`f.first_free_at > ${now.toISOString()}::timestamptz`];
	if (search.freeOn) {
		const dates = datesOfWhen(search.freeOn, today);
		const lastDate = addDays(today, freeDaysWindow - 1);
		if (dates.some((date) => date < today || date > lastDate)) {
			throw new AppError(400, "validation_failed", "errors.validationFailed", {
				fields: { freeOn: "coaches.errors.freeOnRange" },
			});
		}
		conditions.push(
			sql`f.date in (${sql.join(
				dates.map((date) => sql`${date}::date`),
				sql`, `,
			)})`,
		);
	} else conditions.push(sql`f.date >= ${today}::date`);
	if (search.evening) conditions.push(sql`f.evening_free`);
	return sql.join(conditions, sql` and `);
}

/** Fewer matching summary rows than this in all of China: start from them rather than from the coaches. */
const fewFreeRows = 2_000;
const fewFreeCache = resultCache<boolean>({ maxEntries: 200 });

/**
 * Whether so few coaches anywhere are free when asked (today's evening when it is nearly over, a
 * date most coaches keep off) that starting from their summary rows beats walking the coaches
 * nearest first, which would visit every coach in the radius to find none. Counted up to a bound
 * through the summary's date index, and remembered briefly: the answer changes slowly.
 */
function fewCoachesFree(search: CoachSearch, now: Date): Promise<boolean> {
	const conditions = freeDayConditions(search, todayInShanghai(now), now);
	if (!conditions) return Promise.resolve(false);
	const key = JSON.stringify([todayInShanghai(now), search.freeOn ?? null, Boolean(search.evening)]);
	return fewFreeCache.get(key, 30_000, async () => {
		const result = await db().execute<{ n: number }>(sql`
			select count(*)::int as n from (select 1 from coach_free_days f where ${conditions} limit ${fewFreeRows}) rows`);
		return Number(result.rows[0]?.n ?? 0) < fewFreeRows;
	});
}

function orderFor(sort: SearchSort, chord: SQL): SQL {
	switch (sort) {
		case "distance":
			return sql`${chord} asc, c.id asc`;
		case "price":
			return sql`o.price_fen asc, c.id asc`;
		case "rating":
			// The Bayesian average (0 when unrated), walked backwards along coaches_rating_idx.
			return sql`c.rating_bayesian desc, c.id desc`;
		case "newest":
			return sql`c.approved_at desc, c.id desc`;
	}
}

function afterCursor(sort: SearchSort, cursor: Cursor, chord: SQL): SQL {
	switch (sort) {
		case "distance":
			return sql`(${chord}, c.id) > (${Number(cursor.value)}::float8, ${cursor.id}::uuid)`;
		case "price":
			return sql`(o.price_fen, c.id) > (${Number(cursor.value)}::int, ${cursor.id}::uuid)`;
		case "rating":
			return sql`(c.rating_bayesian, c.id) < (${Number(cursor.value)}::float8, ${cursor.id}::uuid)`;
		case "newest":
			return sql`(c.approved_at, c.id) < (${String(cursor.value)}::timestamptz, ${cursor.id}::uuid)`;
	}
}

function cursorOf(sort: SearchSort, row: Row): Cursor {
	const value =
		sort === "distance"
			? Number(row.chord_m)
			: sort === "price"
				? row.price_fen
				: sort === "rating"
					? row.rating_bayesian
					: new Date(row.approved_at).toISOString();
	return { sort, value, id: row.id };
}

function toCard(row: Row): CoachCard {
	const badges: CoachCard["badges"] = [];
	if (row.real_name_verified_at) badges.push("real_name");
	if (row.certificate_verified_at) badges.push("certificate");
	if (row.preferred_since) badges.push("preferred");
	return {
		id: row.id,
		displayName: row.display_name,
		distanceKm: row.distance_m === null ? null : Math.round(Number(row.distance_m) / 100) / 10,
		level: row.level,
		disciplines: row.disciplines.replace(/[{}]/g, "").split(",").filter(Boolean) as Discipline[],
		gender: row.gender,
		yearsExperience: row.years_experience,
		priceFromFen: row.price_fen,
		cheapestOffering: {
			courseType: row.course_type,
			durationMinutes: row.duration_minutes,
			priceFen: row.price_fen,
			online: row.online,
		},
		rating: row.rating_average === null ? null : Math.round(row.rating_average * 100) / 100,
		ratingCount: row.rating_count,
		acceptingBookings: row.accepting_bookings,
		offersOnline: row.offers_online,
		badges,
		photoUrl: row.photo_file_id ? photoUrlOf(row.photo_file_id, "card") : null,
		approvedAt: new Date(row.approved_at).toISOString(),
		nextFreeAt: row.next_free_at === null ? null : new Date(row.next_free_at).toISOString(),
	};
}
