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
	/** The rate to aim for: up to the player's own average, at least 5 points more, in steps of 5%. */
	target: number;
}

/** The next rate worth aiming at: the player's average (they already reach it elsewhere), at least +5 points, at most 95%. */
export function targetRate(rate: number, average: number): number {
	const aim = Math.max(average, rate + 0.05);
	return Math.min(0.95, Math.ceil(Math.round(aim * 1000) / 50) / 20);
}

type CourseType = "basic" | "advanced" | "match_simulation";
/**
 * Which course type teaches a skill, and which of the coaches' teaching-style tags (the only
 * strengths a coach states and the platform can filter on) speak to it: stroke skills are taught
 * in basic lessons by technique-minded coaches, position and the harder shots in advanced ones,
 * safety in match simulation by coaches with tournament experience.
 */
export const skillTeaching: Record<Skill, { courseType: CourseType; styleTags: string[] }> = {
	straight_shots: { courseType: "basic", styleTags: ["technical", "strict", "video_analysis"] },
	cut_shots: { courseType: "basic", styleTags: ["technical", "video_analysis"] },
	long_shots: { courseType: "basic", styleTags: ["technical", "video_analysis"] },
	stun: { courseType: "basic", styleTags: ["technical", "strict"] },
	follow: { courseType: "basic", styleTags: ["technical", "strict"] },
	draw: { courseType: "basic", styleTags: ["technical", "strict"] },
	position: { courseType: "advanced", styleTags: ["theory", "technical"] },
	break: { courseType: "advanced", styleTags: ["tournament", "technical"] },
	safety: { courseType: "match_simulation", styleTags: ["tournament", "theory"] },
	kicks: { courseType: "advanced", styleTags: ["theory", "tournament"] },
	banks: { courseType: "advanced", styleTags: ["theory", "technical"] },
};

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
			target: targetRate(s.made / s.attempted, average),
		}));
}
