import { z } from "zod";
import { disciplineSchema } from "./schema";
import { skills } from "./vocabulary";

/** A ladder is ten shots (a make moves one position harder, a miss one easier). */
export const ladderShots = 10;

const text = (max: number, tooLong: string) =>
	z.string("learning.drillEditor.errors.required").trim().min(1, "learning.drillEditor.errors.required").max(max, tooLong);
const whole = (min: number, max: number, message: string) => z.number(message).int(message).min(min, message).max(max, message);

/**
 * A drill as staff (the catalogue) and coaches (their own) write it: both names, discipline,
 * skills (the first primary), scoring and set-up in both languages. A ladder's round is fixed at
 * ten shots; made-of-attempts drills have no ladder positions.
 */
export const drillInputSchema = z
	.object({
		nameZh: text(60, "learning.drillEditor.errors.nameTooLong"),
		nameEn: text(80, "learning.drillEditor.errors.nameTooLong"),
		discipline: disciplineSchema,
		skills: z
			.array(z.enum(skills, "learning.errors.unknownSkill"), "learning.drillEditor.errors.skillsRequired")
			.min(1, "learning.drillEditor.errors.skillsRequired")
			.max(4, "learning.drillEditor.errors.tooManySkills"),
		scoring: z.enum(["made_of_attempts", "ladder"], "learning.drillEditor.errors.scoringInvalid"),
		attempts: whole(1, 100, "learning.drillEditor.errors.attemptsRange").optional(),
		ladderPositions: whole(2, 20, "learning.drillEditor.errors.ladderRange").optional(),
		difficulty: whole(1, 5, "learning.drillEditor.errors.difficultyRange"),
		setupZh: text(1000, "learning.drillEditor.errors.setupTooLong"),
		setupEn: text(1000, "learning.drillEditor.errors.setupTooLong"),
	})
	.superRefine((drill, ctx) => {
		if (new Set(drill.skills).size !== drill.skills.length) {
			ctx.addIssue({ code: "custom", path: ["skills"], message: "learning.drillEditor.errors.skillTwice" });
		}
		if (drill.scoring === "ladder" && drill.ladderPositions === undefined) {
			ctx.addIssue({ code: "custom", path: ["ladderPositions"], message: "learning.drillEditor.errors.ladderRange" });
		}
		if (drill.scoring === "made_of_attempts" && drill.attempts === undefined) {
			ctx.addIssue({ code: "custom", path: ["attempts"], message: "learning.drillEditor.errors.attemptsRange" });
		}
	});
export type DrillInput = z.infer<typeof drillInputSchema>;

/** A drill's id in a path: the seeded ones are slugs, new ones UUIDs. */
export const drillIdSchema = z.string().regex(/^[\w-]{1,60}$/, "learning.errors.unknownDrill");

/** What a form posts (strings, the skills as repeated checkboxes), in the shape the schema reads. */
export function drillFormValues(form: FormData): Record<string, unknown> {
	const number = (name: string) => {
		const value = String(form.get(name) ?? "").trim();
		return value === "" ? undefined : Number(value);
	};
	const scoring = String(form.get("scoring") ?? "");
	return {
		nameZh: String(form.get("nameZh") ?? ""),
		nameEn: String(form.get("nameEn") ?? ""),
		discipline: String(form.get("discipline") ?? ""),
		skills: form.getAll("skills").map(String),
		scoring,
		// Only the field of the chosen scoring counts: the other may still hold a stale value.
		attempts: scoring === "ladder" ? undefined : number("attempts"),
		ladderPositions: scoring === "ladder" ? number("ladderPositions") : undefined,
		difficulty: number("difficulty"),
		setupZh: String(form.get("setupZh") ?? ""),
		setupEn: String(form.get("setupEn") ?? ""),
	};
}
