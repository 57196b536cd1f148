import { sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { findUsersByIds } from "~/modules/accounts/users.server";
import { skillLevelsOf } from "~/modules/learning/skill-levels-of.server";
import type { PartnerSearch } from "./schema";
import type { UsualTime } from "./vocabulary";

export interface PartnerLevel {
	value: number;
	/** measured: from the learning module's drill scores (the player allowed it); self: declared by the player. */
	source: "measured" | "self";
	/** Measured only: how many scored drill rounds it rests on, and whether that is still too few (暂定). */
	scoredDrills?: number;
	provisional?: boolean;
}

export interface PartnerResult {
	userId: string;
	displayName: string;
	discipline: PartnerSearch["discipline"];
	level: PartnerLevel;
	cityCode: string;
	district: string;
	/** From the searcher to the district's centre, rounded to the kilometre: never a precise distance. */
	distanceKm: number;
	usualTimes: UsualTime[];
}

const pageSize = 30;

/**
 * Players open to sparring near a point: only cards that are open, of the discipline, within the radius
 * of their district's centre, in the level range (by the level shown: the measured one when the player
 * allows it, else the declared one), nearest first. Never the searcher, nobody either side blocked,
 * no suspended or deleted account. No coordinates leave this function.
 */
export async function searchPartners(input: PartnerSearch & { viewerId?: string }): Promise<PartnerResult[]> {
	const from = sql`ll_to_earth(${input.lat}::float8, ${input.lng}::float8)`;
	const point = sql`ll_to_earth(c.district_latitude, c.district_longitude)`;
	const viewer = input.viewerId ?? null;
	const result = await db().execute<{
		user_id: string;
		self_level: number;
		share_learning_level: boolean;
		city_code: string;
		district: string;
		usual_times: string[];
		distance_m: number;
	}>(sql`
		select c.user_id, c.self_level, c.share_learning_level, c.city_code, c.district, c.usual_times,
			earth_distance(${point}, ${from}) as distance_m
		from partner_cards c
		where c.open and c.hidden_at is null and c.discipline = ${input.discipline}
			and earth_box(${from}, ${input.radiusKm * 1000}::float8) @> ${point}
			and earth_distance(${point}, ${from}) <= ${input.radiusKm * 1000}::float8
			and (${viewer}::uuid is null or (c.user_id <> ${viewer}::uuid and not exists (
				select 1 from user_blocks b
				where (b.blocker_id = ${viewer}::uuid and b.blocked_id = c.user_id)
					or (b.blocker_id = c.user_id and b.blocked_id = ${viewer}::uuid))))
		order by distance_m, c.updated_at desc
		limit ${pageSize * 4}`);
	const rows = result.rows;
	const ids = rows.map((row) => row.user_id);
	const [accounts, measured] = await Promise.all([
		findUsersByIds(ids),
		skillLevelsOf(
			rows.filter((row) => row.share_learning_level).map((row) => row.user_id),
			input.discipline,
		),
	]);
	const found: PartnerResult[] = [];
	for (const row of rows) {
		const account = accounts.get(row.user_id);
		if (account?.status !== "active") continue;
		const skill = row.share_learning_level ? measured.get(row.user_id) : undefined;
		const level: PartnerLevel = skill?.level
			? { value: skill.level, source: "measured", scoredDrills: skill.scoredDrills, provisional: skill.provisional }
			: { value: row.self_level, source: "self" };
		if (input.minLevel !== undefined && level.value < input.minLevel) continue;
		if (input.maxLevel !== undefined && level.value > input.maxLevel) continue;
		found.push({
			userId: row.user_id,
			displayName: account.displayName,
			discipline: input.discipline,
			level,
			cityCode: row.city_code,
			district: row.district,
			distanceKm: Math.round(Number(row.distance_m) / 1000),
			usualTimes: row.usual_times as UsualTime[],
		});
		if (found.length === pageSize) break;
	}
	return found;
}
