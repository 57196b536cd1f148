import type { Skill } from "./vocabulary";

export interface SkillStanding {
	skill: Skill;
	made: number;
	attempted: number;
	lowerBound: number | null;
	enoughData: boolean;
}

export interface PlanItem {
	skill: Skill;
	drillIds: string[];
	/** For the words: this skill's rate and n, and the player's average over all skills with enough data. */
	rate: number;
	attempted: number;
	average: number;
}

/**
 * The training plan: the two weakest skills among those with enough attempts (by Wilson lower
 * bound, so a short lucky streak does not hide a weakness), each only when it is below the player's
 * own average, with up to three drills that train it first, easiest first.
 */
export function choosePlan(
	standings: readonly SkillStanding[],
	drills: readonly { id: string; skills: readonly string[]; difficulty: number }[],
): PlanItem[] {
	const measured = standings.filter((s) => s.enoughData && s.attempted > 0 && s.lowerBound !== null);
	const made = measured.reduce((sum, s) => sum + s.made, 0);
	const attempted = measured.reduce((sum, s) => sum + s.attempted, 0);
	if (measured.length < 2 || attempted === 0) return [];
	const average = made / attempted;
	return [...measured]
		.sort((a, b) => (a.lowerBound ?? 0) - (b.lowerBound ?? 0) || a.skill.localeCompare(b.skill))
		.filter((s) => s.made / s.attempted < average)
		.slice(0, 2)
		.map((s) => ({
			skill: s.skill,
			drillIds: drills
				.filter((d) => d.skills[0] === s.skill || d.skills.includes(s.skill))
				.sort((a, b) => Number(b.skills[0] === s.skill) - Number(a.skills[0] === s.skill) || a.difficulty - b.difficulty)
				.slice(0, 3)
				.map((d) => d.id),
			rate: s.made / s.attempted,
			attempted: s.attempted,
			average,
		}));
}
