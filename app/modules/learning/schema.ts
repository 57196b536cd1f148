import { z } from "zod";
import { disciplines, type ErrorType, errorTypes, skills } from "./vocabulary";

/** Bounds that keep a typo (5000 shots in an hour) out of a player's totals. */
export const maxAttempts = 500;
export const maxErrors = 200;
export const maxNotes = 2000;

const count = (max: number) =>
	z
		.number("learning.errors.countInvalid")
		.int("learning.errors.countInvalid")
		.min(0, "learning.errors.countOutOfRange")
		.max(max, "learning.errors.countOutOfRange");

const madeWithinAttempts = <T extends { attempts: number; made: number }>(value: T, ctx: z.RefinementCtx) => {
	if (value.made > value.attempts) ctx.addIssue({ code: "custom", path: ["made"], message: "learning.errors.madeAboveAttempts" });
};

export const disciplineSchema = z.enum(disciplines, "learning.errors.unknownDiscipline");
const drillId = z
	.string("learning.errors.unknownDrill")
	.min(1, "learning.errors.unknownDrill")
	.max(60, "learning.errors.unknownDrill");

export const drillScoreSchema = z
	.object({
		drillId,
		attempts: count(maxAttempts).min(1, "learning.errors.countOutOfRange"),
		made: count(maxAttempts),
		score: count(1000).optional(),
	})
	.superRefine(madeWithinAttempts);

export const shotCountSchema = z
	.object({ skill: z.enum(skills, "learning.errors.unknownSkill"), attempts: count(maxAttempts), made: count(maxAttempts) })
	.superRefine(madeWithinAttempts);

export const lessonRecordInputSchema = z
	.object({
		discipline: disciplineSchema.optional().describe("Taken from the drills when left out"),
		drills: z.array(drillScoreSchema).max(20, "learning.errors.tooMany").default([]),
		shots: z.array(shotCountSchema).max(skills.length, "learning.errors.tooMany").default([]),
		errors: z
			.strictObject(
				Object.fromEntries(errorTypes.map((type) => [type, count(maxErrors).optional()])) as Record<
					ErrorType,
					z.ZodOptional<ReturnType<typeof count>>
				>,
				"learning.errors.unknownErrorType",
			)
			.default({}),
		notes: z.string().trim().max(maxNotes, "learning.errors.notesTooLong").optional(),
		homework: z.array(drillId).max(10, "learning.errors.tooMany").default([]),
	})
	.superRefine((record, ctx) => {
		const seen = new Set<string>();
		record.shots.forEach((shot, index) => {
			if (seen.has(shot.skill))
				ctx.addIssue({ code: "custom", path: ["shots", index, "skill"], message: "learning.errors.skillTwice" });
			seen.add(shot.skill);
		});
	});
export type LessonRecordInput = z.infer<typeof lessonRecordInputSchema>;

export const practiceInputSchema = z
	.object({
		drillId,
		attempts: count(maxAttempts).min(1, "learning.errors.countOutOfRange"),
		made: count(maxAttempts),
		score: count(1000).optional(),
	})
	.superRefine(madeWithinAttempts);
export type PracticeInput = z.infer<typeof practiceInputSchema>;

export const disciplineQuerySchema = z.object({ discipline: disciplineSchema.optional() });
