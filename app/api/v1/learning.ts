import { z } from "zod";
import { forbidden, notFound } from "~/lib/errors";
import { requireApiSession } from "~/modules/accounts/guards.server";
import { coachedLesson, lessonPartyOf } from "~/modules/booking/completion/coached-lesson.server";
import { findCoachOfUser } from "~/modules/coaches/application/coach-record.server";
import { coachStudent, coachStudents } from "~/modules/learning/coach-students.server";
import { listDrills } from "~/modules/learning/drills.server";
import { readLessonRecord, saveLessonRecord } from "~/modules/learning/lesson-record.server";
import { logPractice } from "~/modules/learning/practice.server";
import { readProgress } from "~/modules/learning/progress.server";
import { disciplineQuerySchema, lessonRecordInputSchema, practiceInputSchema } from "~/modules/learning/schema";
import { createReportLink, readSharing, revokeReportLink, setShareWithCoaches } from "~/modules/learning/sharing.server";
import { disciplines, errorTypes, skills } from "~/modules/learning/vocabulary";
import { authHeaders, callerOf } from "../client";
import { defineEndpoint } from "../endpoint";

/**
 * Learning: the drill catalogue, the coach's record of a completed lesson (booking says whose
 * lesson it is and that it completed), the player's practice log and their progress.
 */
const tag = "learning";
const bookingId = z.object({ bookingId: z.string().uuid("booking.errors.notFound") });
const localized = z.object({ "zh-CN": z.string(), en: z.string() });
export const drillSchema = z.object({
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
	summary:
		"The drill catalogue, easiest first, for one discipline or all; retired drills are left out, and a signed-in coach also gets their own drills",
	tag,
	query: disciplineQuerySchema,
	responses: {
		200: { description: "The drills", schema: z.object({ items: z.array(drillSchema) }) },
		400: { description: "An unknown discipline" },
	},
	handler: async ({ req, query }) => {
		// Signing in is optional here: without a session the answer is the platform's catalogue.
		const session = await requireApiSession(authHeaders(req)).catch(() => null);
		const coach = session ? await findCoachOfUser(session.user.id) : undefined;
		return { body: { items: await listDrills(query.discipline, { coachId: coach?.id }) } };
	},
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
	plan: z.array(
		z.object({
			skill: z.enum(skills),
			drillIds: z.array(z.string()),
			reason: z.string().describe("Why, in words, with the rate, its n and the player's average"),
			target: z.number().describe("The rate to aim for (0–1)"),
			targetText: z.string(),
			courseType: z.enum(["basic", "advanced", "match_simulation"]).describe("The course type that teaches the skill"),
			coaches: z
				.array(z.object({ id: z.string().uuid(), displayName: z.string() }))
				.describe(
					"Up to 3 approved, certified coaches of the discipline whose offerings and style tags match; profile at /coaches/:id",
				),
		}),
	),
	level: z
		.object({
			level: z.number().int().min(1).max(5).nullable().describe("null without a scored drill"),
			scoredDrills: count.describe("The scored drill rounds behind the level: its reliability"),
			provisional: z.boolean().describe("true under 10 scored drills: show 暂定"),
		})
		.describe("Skill level in this discipline from drill scores"),
	peers: z
		.object({ percentBelow: count, peers: count })
		.nullable()
		.describe("Share of other players at the same level with a lower pot rate; null unless at least 20 such players"),
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

const sharingSchema = z.object({
	shareWithCoaches: z.boolean(),
	reportShared: z.boolean().describe("Whether a report link is open"),
	reportSharedAt: z.string().nullable(),
});
const presentSharing = (sharing: Awaited<ReturnType<typeof readSharing>>) => ({
	...sharing,
	reportSharedAt: sharing.reportSharedAt?.toISOString() ?? null,
});

export const getMySharingEndpoint = defineEndpoint({
	method: "get",
	path: "/me/learning-sharing",
	summary: "Who sees the player's progress: their booked coaches (off by default) and the report link",
	tag,
	auth: "bearer",
	responses: { 200: { description: "The choices", schema: sharingSchema }, 401: { description: "Not signed in" } },
	handler: async ({ req }) => ({ body: presentSharing(await readSharing((await callerOf(req)).userId)) }),
});

export const putMySharingEndpoint = defineEndpoint({
	method: "put",
	path: "/me/learning-sharing",
	summary: "Let (or stop letting) the coaches the player booked see their whole progress and skill level",
	tag,
	auth: "bearer",
	body: z.object({ shareWithCoaches: z.boolean("learning.errors.shareInvalid") }),
	responses: {
		200: { description: "Saved", schema: sharingSchema },
		400: { description: "shareWithCoaches is not a boolean" },
		401: { description: "Not signed in" },
	},
	handler: async ({ req, body }) => {
		const caller = await callerOf(req);
		return { body: presentSharing(await setShareWithCoaches(caller.userId, body.shareWithCoaches)) };
	},
});

export const createReportLinkEndpoint = defineEndpoint({
	method: "post",
	path: "/me/progress/report-link",
	summary: "A new unguessable link to the player's printable progress report; any earlier link stops working",
	tag,
	auth: "bearer",
	responses: {
		201: {
			description: "The link, shown only now (only its hash is kept)",
			schema: z.object({ path: z.string().describe("/progress/shared/:token") }),
		},
		401: { description: "Not signed in" },
	},
	handler: async ({ req }) => {
		const token = await createReportLink((await callerOf(req)).userId);
		return { status: 201, body: { path: `/progress/shared/${token}` } };
	},
});

export const revokeReportLinkEndpoint = defineEndpoint({
	method: "delete",
	path: "/me/progress/report-link",
	summary: "Stop the report link: it no longer opens",
	tag,
	auth: "bearer",
	responses: { 200: { description: "Stopped", schema: sharingSchema }, 401: { description: "Not signed in" } },
	handler: async ({ req }) => {
		const caller = await callerOf(req);
		await revokeReportLink(caller.userId);
		return { body: presentSharing(await readSharing(caller.userId)) };
	},
});

const callerCoachId = async (req: Parameters<typeof callerOf>[0]) => {
	const caller = await callerOf(req);
	const coach = await findCoachOfUser(caller.userId);
	if (!coach) throw forbidden();
	return coach.id;
};
const potSchema = z.object({ made: count, attempted: count });

export const listCoachStudentsEndpoint = defineEndpoint({
	method: "get",
	path: "/coach/students",
	summary: "The coach's students and teaching statistics, from their own lessons only",
	tag,
	auth: "bearer",
	responses: {
		200: {
			description: "Statistics and students, latest lesson first",
			schema: z.object({
				stats: z.object({
					students: count,
					lessons: count.describe("Completed lessons"),
					recordsWritten: count,
					potRateChange: z
						.object({
							students: count.describe("n: students with two recorded lessons with pots"),
							averagePoints: z.number().nullable().describe("Mean change in percentage points, first to latest recorded lesson"),
						})
						.describe("How students' pot rates moved over their lessons with this coach"),
				}),
				students: z.array(
					z.object({
						playerId: z.string().uuid(),
						displayName: z.string(),
						lessons: count,
						records: count,
						lastLessonAt: z.string().nullable(),
						firstPotRate: potSchema.nullable(),
						latestPotRate: potSchema.nullable(),
					}),
				),
			}),
		},
		401: { description: "Not signed in" },
		403: { description: "Not a coach" },
	},
	handler: async ({ req }) => {
		const result = await coachStudents(await callerCoachId(req));
		return {
			body: {
				...result,
				students: result.students.map((s) => ({ ...s, lastLessonAt: s.lastLessonAt?.toISOString() ?? null })),
			},
		};
	},
});

export const getCoachStudentEndpoint = defineEndpoint({
	method: "get",
	path: "/coach/students/:playerId",
	summary: "One student: the records of this coach's lessons, and their whole progress only when they share it",
	tag,
	auth: "bearer",
	params: z.object({ playerId: z.string().uuid("learning.errors.noStudent") }),
	responses: {
		200: {
			description: "The student",
			schema: z.object({
				playerId: z.string().uuid(),
				displayName: z.string(),
				lessons: count,
				records: z.array(
					z.object({
						bookingId: z.string().uuid(),
						discipline: z.enum(disciplines),
						completedAt: z.string(),
						potRate: potSchema,
						drills: z.array(
							z.object({ drillId: z.string(), name: localized, attempts: count, made: count, score: count.nullable() }),
						),
						shots: z.array(z.object({ skill: z.enum(skills), attempts: count, made: count })),
						errors: errorCounts,
						notes: z.string().nullable(),
						homework: z.array(z.object({ drillId: z.string(), name: localized })),
					}),
				),
				shared: progressSchema.nullable().describe("null unless the student lets the coaches they booked see it"),
			}),
		},
		400: { description: "A malformed player id" },
		401: { description: "Not signed in" },
		403: { description: "Not a coach" },
		404: { description: "Not a player who booked this coach" },
	},
	handler: async ({ req, params, locale }) => {
		const student = await coachStudent({ coachId: await callerCoachId(req), playerId: params.playerId, locale });
		return {
			body: { ...student, records: student.records.map((r) => ({ ...r, completedAt: r.completedAt.toISOString() })) },
		};
	},
});
