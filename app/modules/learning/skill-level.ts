/**
 * Skill level per discipline, from drill scores alone (no self-rating, no invented score): each
 * scored drill round is worth (difficulty − 1) plus the share of it made, so 70% of a difficulty-3
 * drill is 2.7; the level is the average's whole part plus one, 1 (入门) to 5 (高级). Kept as a sum
 * and a count on every write, so reading it costs nothing.
 */
export const levels = [1, 2, 3, 4, 5] as const;
export type Level = (typeof levels)[number];

/** Under this many scored drill rounds the level is shown as 暂定 (provisional). */
export const reliableScoredDrills = 10;

export interface ScoredRound {
	difficulty: number;
	attempts: number;
	made: number;
	/** Ladder only: the final position, 1 to `ladderPositions`. */
	score?: number | null;
	ladderPositions: number | null;
}

/** One round's points in thousandths: a ladder by the position reached, otherwise by the share made. */
export function roundPoints(round: ScoredRound): number {
	const share =
		round.ladderPositions !== null && round.score != null
			? round.score / round.ladderPositions
			: round.attempts > 0
				? round.made / round.attempts
				: 0;
	return Math.round((Math.max(1, round.difficulty) - 1 + Math.min(1, Math.max(0, share))) * 1000);
}

export function levelOf(levelPoints: number, scoredDrills: number): Level | null {
	if (scoredDrills <= 0) return null;
	return Math.min(5, Math.max(1, Math.floor(levelPoints / scoredDrills / 1000) + 1)) as Level;
}

export function skillLevel(levelPoints: number, scoredDrills: number) {
	return { level: levelOf(levelPoints, scoredDrills), scoredDrills, provisional: scoredDrills < reliableScoredDrills };
}
export type SkillLevel = ReturnType<typeof skillLevel>;
