import { and, eq, sql } from "drizzle-orm";
import type { Transaction } from "~/lib/db.server";
import { shanghaiDate } from "~/lib/free-times";
import { learningDailyTotals, learningSkillTotals, learningTotals } from "../../../db/schema";
import type { Discipline, ErrorType, Skill } from "./vocabulary";

/** Skills whose makes are pots: break, safety and kick drills count toward their skill only. */
export const potting = new Set<Skill>([
	"straight_shots",
	"cut_shots",
	"long_shots",
	"stun",
	"follow",
	"draw",
	"position",
	"banks",
]);

/** What one lesson record or practice session adds to a player's totals. */
export interface Contribution {
	playerId: string;
	discipline: Discipline;
	day: Date;
	lessons: number;
	minutes: number;
	shots: { skill: Skill; attempts: number; made: number }[];
	errors: Partial<Record<ErrorType, number>>;
	/** Each scored drill round's points toward the skill level (`roundPoints`). */
	drillRounds?: number[];
}

/**
 * Moves the player's totals by a contribution (`sign` -1 takes one back, as when a record is
 * edited), in the caller's transaction, so the progress page reads a few rows instead of the history.
 */
export async function applyContribution(tx: Transaction, c: Contribution, sign: 1 | -1): Promise<void> {
	let attempted = 0;
	let made = 0;
	const bySkill = new Map<Skill, { attempts: number; made: number }>();
	for (const shot of c.shots) {
		const sum = bySkill.get(shot.skill) ?? { attempts: 0, made: 0 };
		sum.attempts += shot.attempts;
		sum.made += shot.made;
		bySkill.set(shot.skill, sum);
		if (potting.has(shot.skill)) {
			attempted += shot.attempts;
			made += shot.made;
		}
	}
	const key = { playerId: c.playerId, discipline: c.discipline };
	await tx.insert(learningTotals).values(key).onConflictDoNothing();
	const [row] = await tx
		.select({ errors: learningTotals.errors })
		.from(learningTotals)
		.where(and(eq(learningTotals.playerId, c.playerId), eq(learningTotals.discipline, c.discipline)))
		.for("update");
	const errors = { ...((row?.errors ?? {}) as Record<string, number>) };
	for (const [type, n] of Object.entries(c.errors)) errors[type] = (errors[type] ?? 0) + sign * (n ?? 0);
	const rounds = sign * (c.drillRounds?.length ?? 0);
	const points = sign * (c.drillRounds ?? []).reduce((sum, p) => sum + p, 0);
	// Parenthesised: they are used inside larger expressions below.
	const scored = sql`(${learningTotals.scoredDrills} + ${rounds})`;
	const summed = sql`(${learningTotals.levelPoints} + ${points})`;
	await tx
		.update(learningTotals)
		.set({
			lessons: sql`${learningTotals.lessons} + ${sign * c.lessons}`,
			minutes: sql`${learningTotals.minutes} + ${sign * c.minutes}`,
			attempted: sql`${learningTotals.attempted} + ${sign * attempted}`,
			made: sql`${learningTotals.made} + ${sign * made}`,
			errors,
			scoredDrills: scored,
			levelPoints: summed,
			// The level is kept beside its sum and count (see skill-level.ts) so peers can be grouped by an index.
			level: sql`case when ${scored} > 0 then least(5, greatest(1, floor(${summed}::numeric / (${scored} * 1000)) + 1)) end`,
		})
		.where(and(eq(learningTotals.playerId, c.playerId), eq(learningTotals.discipline, c.discipline)));
	for (const [skill, sum] of bySkill) {
		await tx
			.insert(learningSkillTotals)
			.values({ ...key, skill, attempted: sign * sum.attempts, made: sign * sum.made })
			.onConflictDoUpdate({
				target: [learningSkillTotals.playerId, learningSkillTotals.discipline, learningSkillTotals.skill],
				set: {
					attempted: sql`${learningSkillTotals.attempted} + excluded.attempted`,
					made: sql`${learningSkillTotals.made} + excluded.made`,
				},
			});
	}
	if (attempted > 0) {
		await tx
			.insert(learningDailyTotals)
			.values({ ...key, day: shanghaiDate(c.day), attempted: sign * attempted, made: sign * made })
			.onConflictDoUpdate({
				target: [learningDailyTotals.playerId, learningDailyTotals.discipline, learningDailyTotals.day],
				set: {
					attempted: sql`${learningDailyTotals.attempted} + excluded.attempted`,
					made: sql`${learningDailyTotals.made} + excluded.made`,
				},
			});
	}
}
