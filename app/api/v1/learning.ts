import { z } from "zod";
import { notFound } from "~/lib/errors";
import { coachedLesson, lessonPartyOf } from "~/modules/booking/completion/coached-lesson.server";
import { listDrills } from "~/modules/learning/drills.server";
import { readLessonRecord, saveLessonRecord } from "~/modules/learning/lesson-record.server";
import { logPractice } from "~/modules/learning/practice.server";
import { readProgress } from "~/modules/learning/progress.server";
import { disciplineQuerySchema, lessonRecordInputSchema, practiceInputSchema } from "~/modules/learning/schema";
import { disciplines, errorTypes, skills } from "~/modules/learning/vocabulary";
import { callerOf } from "../client";
import { defineEndpoint } from "../endpoint";

/**
 * Learning: the drill catalogue, the coach's record of a completed lesson (booking says whose
 * lesson it is and that it completed), the player's practice log and their progress.
 */
const tag = "learning";
const bookingId = z.object({ bookingId: z.string().uuid("booking.errors.notFound") });
const localized = z.object({ "zh-CN": z.string(), en: z.string() });
const drillSchema = z.object({
	id: z.string(),
	name: localized,
	discipline: z.enum(disciplines),
	skills: z.array(z.enum(skills)).describe("The first is the skill its shots count toward"),
	scoring: z.object({
		kind: z.enum(["made_of_attempts", "ladder"]),
		attempts: z.number().int().describe("Shots in one round"),
		ladderPositions: z.number().int().nullable().describe("Ladder only: a record's score is the final position, 1 to this"),
	}),
	difficulty: z.number().int().min(1).max(5),
	setup: localized,
});
const count = z.number().int();
const errorCounts = z.partialRecord(z.enum(errorTypes), count);
const recordSchema = z.object({
	bookingId: z.string().uuid(),
	discipline: z.enum(disciplines),
	drills: z.array(z.object({ drillId: z.string(), attempts: count, made: count, score: count.nullable(), name: localized })),
	shots: z.array(z.object({ skill: z.enum(skills), attempts: count, made: count })),
	errors: errorCounts,
	notes: z.string().nullable(),
	homework: z.array(z.object({ drillId: z.string(), name: localized })),
	updatedAt: z.string(),
	editableUntil: z.string(),
});

const present = (record: NonNullable<Awaited<ReturnType<typeof readLessonRecord>>>) => ({
	bookingId: record.bookingId,
	discipline: record.discipline,
	drills: record.drills.map((entry) => ({
		drillId: entry.drillId,
		attempts: entry.attempts,
		made: entry.made,
		score: entry.score,
		name: entry.drill.name,
	})),
	shots: record.shots,
	errors: record.errors,
	notes: record.notes,
	homework: record.homework.map((drill) => ({ drillId: drill.id, name: drill.name })),
	updatedAt: record.updatedAt.toISOString(),
	editableUntil: record.editableUntil.toISOString(),
});

export const listDrillsEndpoint = defineEndpoint({
	method: "get",
	path: "/drills",
	summary: "The drill catalogue, easiest first, for one discipline or all",
	tag,
	query: disciplineQuerySchema,
	responses: {
		200: { description: "The drills", schema: z.object({ items: z.array(drillSchema) }) },
		400: { description: "An unknown discipline" },
	},
	handler: async ({ query }) => ({ body: { items: await listDrills(query.discipline) } }),
});

export const saveLessonRecordEndpoint = defineEndpoint({
	method: "put",
	path: "/bookings/:bookingId/lesson-record",
	summary: "The coach writes or rewrites the record of a completed lesson, within 7 days of its completion",
	tag,
	auth: "bearer",
	params: bookingId,
	body: lessonRecordInputSchema,
	responses: {
		200: { description: "Saved; the player's progress moved by it", schema: z.object({ record: recordSchema }) },
		400: {
			description: "Made above attempts, counts out of range, an unknown drill, skill or error type, drills of two disciplines",
		},
		401: { description: "Not signed in" },
		404: { description: "No such booking, or not a lesson the caller gave" },
		409: { description: "The lesson has not completed, or its 7 days to record have passed" },
	},
	handler: async ({ req, params, body }) => {
		const caller = await callerOf(req);
		const lesson = await coachedLesson(params.bookingId, caller.userId);
		await saveLessonRecord({ lesson, record: body });
		const record = await readLessonRecord(lesson.bookingId);
		if (!record) throw notFound("booking.errors.notFound");
		return { body: { record: present(record) } };
	},
});

export const getLessonRecordEndpoint = defineEndpoint({
	method: "get",
	path: "/bookings/:bookingId/lesson-record",
	summary: "The record of a lesson, for its player and its coach only",
	tag,
	auth: "bearer",
	params: bookingId,
	responses: {
		200: { description: "The record", schema: z.object({ record: recordSchema }) },
		401: { description: "Not signed in" },
		404: { description: "No such booking of the caller, or no record written yet" },
	},
	handler: async ({ req, params }) => {
		const caller = await callerOf(req);
		if (!(await lessonPartyOf(params.bookingId, caller.userId))) throw notFound("booking.errors.notFound");
		const record = await readLessonRecord(params.bookingId);
		if (!record) throw notFound("learning.errors.noRecord");
		return { body: { record: present(record) } };
	},
});

export const logPracticeEndpoint = defineEndpoint({
	method: "post",
	path: "/me/practice",
	summary: "The player logs a practice session against a catalogue drill",
	tag,
	auth: "bearer",
	body: practiceInputSchema,
	responses: {
		201: {
			description: "Logged and added to the player's progress",
			schema: z.object({
				practice: z.object({
					id: z.string().uuid(),
					drillId: z.string(),
					discipline: z.enum(disciplines),
					practisedAt: z.string(),
				}),
			}),
		},
		400: { description: "Made above attempts, counts out of range, an unknown drill, a ladder score past its top" },
		401: { description: "Not signed in" },
	},
	handler: async ({ req, body }) => {
		const caller = await callerOf(req);
		const practice = await logPractice({ playerId: caller.userId, practice: body });
		return { status: 201, body: { practice: { ...practice, practisedAt: practice.practisedAt.toISOString() } } };
	},
});

const rateSchema = z.object({ made: count, attempted: count });
export const progressSchema = z.object({
	discipline: z.enum(disciplines),
	lessonsCompleted: count.describe("Lessons with a record in this discipline"),
	hoursCompleted: z.number(),
	potRate: rateSchema.describe("Pots only: break, safety and kick shots count toward their skill, not here"),
	skills: z.array(
		rateSchema.extend({
			skill: z.enum(skills),
			rate: z.number().nullable(),
			lowerBound: z.number().nullable().describe("Wilson 95% lower bound; null under 30 attempts"),
			enoughData: z.boolean().describe("false under 30 attempts: show 数据不足, not a number"),
		}),
	),
	errors: z.record(z.enum(errorTypes), count),
	series: z
		.array(rateSchema.extend({ day: z.string().describe("YYYY-MM-DD, Asia/Shanghai") }))
		.describe("Newest 60 days with shots"),
	plan: z.array(z.object({ skill: z.enum(skills), drillIds: z.array(z.string()), reason: z.string() })),
});

export const getMyProgressEndpoint = defineEndpoint({
	method: "get",
	path: "/me/progress",
	summary: "The player's progress in one discipline (中式八球 unless named), from totals kept on every record and session",
	tag,
	auth: "bearer",
	query: disciplineQuerySchema,
	responses: {
		200: { description: "Progress", schema: progressSchema },
		400: { description: "An unknown discipline" },
		401: { description: "Not signed in" },
	},
	handler: async ({ req, query, locale }) => {
		const caller = await callerOf(req);
		return { body: await readProgress({ playerId: caller.userId, discipline: query.discipline ?? "chinese_8_ball", locale }) };
	},
});
