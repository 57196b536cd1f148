import { type ErrorType, errorTypes, type Skill, skills } from "./vocabulary";

/**
 * The lesson record page's plain form: flat field names (`shot.cut_shots.made`, `error.foul`,
 * `drill.0.id`), so it posts without JavaScript. A +/− button is a submit button whose value
 * names the field (`tap:shot.cut_shots.made:1`): without JavaScript the server answers the form
 * with that count moved and nothing saved; with it the page moves the count in place.
 */
export const drillRows = 3;
export type RecordFormValues = Record<string, string> & { homework?: never };

export const shotField = (skill: Skill, part: "attempts" | "made") => `shot.${skill}.${part}`;
export const errorField = (type: ErrorType) => `error.${type}`;

const whole = (value: string | undefined) => {
	const n = Number(value ?? "");
	return value === undefined || value.trim() === "" ? 0 : Number.isFinite(n) ? n : Number.NaN;
};

/** Moves one counter by ±1 (never below 0); a make also counts as an attempt when it would pass them. */
export function applyTap(values: Record<string, string>, field: string, step: number): Record<string, string> {
	const next = { ...values };
	const moved = Math.max(0, (Number.isFinite(whole(values[field])) ? whole(values[field]) : 0) + step);
	next[field] = String(moved);
	const shot = /^shot\.(\w+)\.made$/.exec(field);
	if (shot && step > 0) {
		const attempts = `shot.${shot[1]}.attempts`;
		if (moved > whole(values[attempts])) next[attempts] = String(moved);
	}
	return next;
}

/** The form's fields as the API's record body (empty rows and zero counts left out). */
export function recordFromForm(values: Record<string, string>, homework: string[]) {
	const drills = Array.from({ length: drillRows }, (_, index) => ({
		drillId: values[`drill.${index}.id`] ?? "",
		attempts: whole(values[`drill.${index}.attempts`]),
		made: whole(values[`drill.${index}.made`]),
		score: values[`drill.${index}.score`]?.trim() ? whole(values[`drill.${index}.score`]) : undefined,
	})).filter((row) => row.drillId !== "");
	const shots = skills
		.map((skill) => ({
			skill,
			attempts: whole(values[shotField(skill, "attempts")]),
			made: whole(values[shotField(skill, "made")]),
		}))
		.filter((shot) => shot.attempts !== 0 || shot.made !== 0);
	const errors = Object.fromEntries(
		errorTypes.map((type) => [type, whole(values[errorField(type)])] as const).filter(([, n]) => n !== 0),
	);
	return {
		discipline: values.discipline || undefined,
		drills,
		shots,
		errors,
		notes: values.notes?.trim() || undefined,
		homework: homework.filter(Boolean),
	};
}

/** A saved record as the form's values, to edit it. */
export function formFromRecord(record: {
	discipline: string;
	drills: { drillId: string; attempts: number; made: number; score: number | null }[];
	shots: { skill: Skill; attempts: number; made: number }[];
	errors: Partial<Record<ErrorType, number>>;
	notes: string | null;
}): Record<string, string> {
	const values: Record<string, string> = { discipline: record.discipline, notes: record.notes ?? "" };
	record.drills.forEach((entry, index) => {
		values[`drill.${index}.id`] = entry.drillId;
		values[`drill.${index}.attempts`] = String(entry.attempts);
		values[`drill.${index}.made`] = String(entry.made);
		if (entry.score !== null) values[`drill.${index}.score`] = String(entry.score);
	});
	for (const shot of record.shots) {
		values[shotField(shot.skill, "attempts")] = String(shot.attempts);
		values[shotField(shot.skill, "made")] = String(shot.made);
	}
	for (const [type, n] of Object.entries(record.errors)) values[errorField(type as ErrorType)] = String(n);
	return values;
}

/** An API field path (`shots.0.made`) as the form field it came from, for errors beside the field. */
export function formFieldOf(path: string, body: ReturnType<typeof recordFromForm>): string {
	const shot = /^shots\.(\d+)\.(\w+)$/.exec(path);
	if (shot) {
		const skill = body.shots[Number(shot[1])]?.skill;
		return skill ? `shot.${skill}.${shot[2] === "skill" ? "attempts" : shot[2]}` : path;
	}
	// Drill rows left empty are not sent, so a drill error is shown above the drills.
	if (path.startsWith("drills")) return "drills";
	const error = /^errors\.(\w+)$/.exec(path);
	if (error) return `error.${error[1]}`;
	return path.startsWith("homework") ? "homework" : path;
}
