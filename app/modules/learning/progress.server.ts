import { and, desc, eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { type Locale, translate } from "~/lib/i18n";
import { learningDailyTotals, learningSkillTotals, learningTotals } from "../../../db/schema";
import { listDrills } from "./drills.server";
import { choosePlan } from "./plan";
import { type Discipline, errorTypes, type Skill, skills } from "./vocabulary";
import { skillRate } from "./wilson";

/** How many days of the pot-rate series the page and the API carry (the newest ones). */
const seriesDays = 60;
const percent = (rate: number) => `${Math.round(rate * 100)}%`;

/**
 * A player's progress in one discipline, read from the totals kept on write (a handful of rows,
 * whatever the length of their history): lessons and hours, pot rate, per-skill rates with n and
 * Wilson lower bound, errors by type, the daily pot-rate series, and the plan with its reasons.
 */
export async function readProgress(input: { playerId: string; discipline: Discipline; locale: Locale }) {
	const { playerId, discipline } = input;
	const [totals] = await db()
		.select()
		.from(learningTotals)
		.where(and(eq(learningTotals.playerId, playerId), eq(learningTotals.discipline, discipline)));
	const skillRows = await db()
		.select()
		.from(learningSkillTotals)
		.where(and(eq(learningSkillTotals.playerId, playerId), eq(learningSkillTotals.discipline, discipline)));
	const days = await db()
		.select({ day: learningDailyTotals.day, attempted: learningDailyTotals.attempted, made: learningDailyTotals.made })
		.from(learningDailyTotals)
		.where(and(eq(learningDailyTotals.playerId, playerId), eq(learningDailyTotals.discipline, discipline)))
		.orderBy(desc(learningDailyTotals.day))
		.limit(seriesDays);
	const bySkill = new Map(skillRows.map((row) => [row.skill as Skill, row]));
	const standings = skills
		.filter((skill) => (bySkill.get(skill)?.attempted ?? 0) > 0)
		.map((skill) => {
			const row = bySkill.get(skill);
			return { skill, ...skillRate(row?.made ?? 0, row?.attempted ?? 0) };
		});
	const stored = (totals?.errors ?? {}) as Record<string, number>;
	const errors = Object.fromEntries(errorTypes.map((type) => [type, stored[type] ?? 0]));
	const catalogue = await listDrills(discipline);
	const plan = choosePlan(standings, catalogue).map((item) => ({
		skill: item.skill,
		drillIds: item.drillIds,
		reason: translate(input.locale, "learning.plan.reason", {
			skill: translate(input.locale, `learning.skills.${item.skill}`),
			rate: percent(item.rate),
			n: item.attempted,
			average: percent(item.average),
		}),
	}));
	return {
		discipline,
		lessonsCompleted: totals?.lessons ?? 0,
		hoursCompleted: Math.round(((totals?.minutes ?? 0) / 60) * 10) / 10,
		potRate: { made: totals?.made ?? 0, attempted: totals?.attempted ?? 0 },
		skills: standings,
		errors,
		series: days.reverse().filter((d) => d.attempted > 0),
		plan,
	};
}
export type Progress = Awaited<ReturnType<typeof readProgress>>;
