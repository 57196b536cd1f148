import { and, desc, eq, gte, ne, sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { type Locale, translate } from "~/lib/i18n";
import { learningDailyTotals, learningSkillTotals, learningTotals } from "../../../db/schema";
import { listDrills } from "./drills.server";
import { peerComparison } from "./peer-comparison";
import { choosePlan, skillTeaching } from "./plan";
import { coachesForSkill } from "./plan-coaches.server";
import { skillLevel } from "./skill-level";
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
	const plan = await Promise.all(
		choosePlan(standings, catalogue).map(async (item) => ({
			skill: item.skill,
			drillIds: item.drillIds,
			reason: translate(input.locale, "learning.plan.reason", {
				skill: translate(input.locale, `learning.skills.${item.skill}`),
				rate: percent(item.rate),
				n: item.attempted,
				average: percent(item.average),
			}),
			target: item.target,
			targetText: translate(input.locale, "learning.plan.target", { target: percent(item.target) }),
			courseType: skillTeaching[item.skill].courseType,
			coaches: (await coachesForSkill(discipline, item.skill)).map((coach) => ({ id: coach.id, displayName: coach.displayName })),
		})),
	);
	const level = skillLevel(totals?.levelPoints ?? 0, totals?.scoredDrills ?? 0);
	const peers = totals && level.level !== null ? await peersOf(playerId, discipline, level.level, totals) : null;
	return {
		discipline,
		lessonsCompleted: totals?.lessons ?? 0,
		hoursCompleted: Math.round(((totals?.minutes ?? 0) / 60) * 10) / 10,
		potRate: { made: totals?.made ?? 0, attempted: totals?.attempted ?? 0 },
		skills: standings,
		errors,
		series: days.reverse().filter((d) => d.attempted > 0),
		plan,
		level,
		peers,
	};
}

/** Pot rates are compared only between players with enough pots to have one. */
const peerMinAttempts = 30;

/**
 * How many other players at the same level (discipline and level, an index) have a pot rate, and
 * how many of them a lower one than this player: one aggregate over their totals rows, never their
 * history; null (nothing shown) when the group is under the k-anonymity threshold.
 */
async function peersOf(playerId: string, discipline: Discipline, level: number, mine: { made: number; attempted: number }) {
	if (mine.attempted < peerMinAttempts) return null;
	const [group] = await db()
		.select({
			peers: sql<number>`count(*)::int`,
			below: sql<number>`(count(*) filter (where ${learningTotals.made}::float8 / ${learningTotals.attempted} < ${mine.made / mine.attempted}))::int`,
		})
		.from(learningTotals)
		.where(
			and(
				eq(learningTotals.discipline, discipline),
				eq(learningTotals.level, level),
				gte(learningTotals.attempted, peerMinAttempts),
				ne(learningTotals.playerId, playerId),
			),
		);
	return peerComparison({ peers: group?.peers ?? 0, below: group?.below ?? 0 });
}
export type Progress = Awaited<ReturnType<typeof readProgress>>;
