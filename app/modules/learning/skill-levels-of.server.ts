import { and, eq, inArray } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { learningTotals } from "../../../db/schema";
import { type SkillLevel, skillLevel } from "./skill-level";
import type { Discipline } from "./vocabulary";

/**
 * The measured skill level of several players in one discipline, in one query (the partner finder
 * shows it on the cards of players who allow it). Players without a scored drill are absent.
 */
export async function skillLevelsOf(playerIds: readonly string[], discipline: Discipline): Promise<Map<string, SkillLevel>> {
	if (playerIds.length === 0) return new Map();
	const rows = await db()
		.select({
			playerId: learningTotals.playerId,
			levelPoints: learningTotals.levelPoints,
			scoredDrills: learningTotals.scoredDrills,
		})
		.from(learningTotals)
		.where(and(eq(learningTotals.discipline, discipline), inArray(learningTotals.playerId, [...new Set(playerIds)])));
	const found = new Map<string, SkillLevel>();
	for (const row of rows) {
		const level = skillLevel(row.levelPoints, row.scoredDrills);
		if (level.level !== null) found.set(row.playerId, level);
	}
	return found;
}
