import { z } from "zod";
import { getRecordingState, setRecordingConsent } from "~/modules/booking/online-lesson/recording/consent.server";
import { deleteRecording, listRecordings } from "~/modules/booking/online-lesson/recording/recordings.server";
import { controlRecording } from "~/modules/booking/online-lesson/recording/start-stop.server";
import { callerOf } from "../client";
import { defineEndpoint } from "../endpoint";

/** Recording an online lesson: both sides' consent, the coach's start and stop, watching and deleting. */
const tag = "online lessons";

const params = z.object({ bookingId: z.string().uuid("booking.errors.notFound") });
const consentSchema = z.object({ agreed: z.boolean(), decidedAt: z.string() }).nullable();
const stateSchema = z.object({
	party: z.enum(["player", "coach"]),
	consents: z.object({ player: consentSchema, coach: consentSchema }),
	bothAgreed: z.boolean(),
	recording: z
		.object({
			id: z.string(),
			startedAt: z.string(),
			stopping: z.boolean().describe("The coach stopped it: the file is being saved, until egress_ended attaches it"),
		})
		.nullable(),
	canStart: z.boolean(),
});

export const getRecordingConsentEndpoint = defineEndpoint({
	method: "get",
	path: "/bookings/:bookingId/recording-consent",
	summary:
		"Whether each side of the lesson agrees to recording it, and whether a recording runs now (the lesson page asks every few seconds)",
	tag,
	auth: "bearer",
	params,
	responses: {
		200: {
			description: "Each side's latest answer (null: not asked yet) and the running recording, if any",
			schema: stateSchema,
		},
		401: { description: "Not signed in" },
		404: { description: "No such booking, or not yours" },
	},
	handler: async ({ req, params }) => ({
		body: await getRecordingState({ caller: await callerOf(req), bookingId: params.bookingId }),
	}),
});

export const setRecordingConsentEndpoint = defineEndpoint({
	method: "post",
	path: "/bookings/:bookingId/recording-consent",
	summary:
		"The caller's side agrees to recording the lesson (`consent: true`) or withdraws (`false`, refused while a recording runs); the coach may record only when both sides agree",
	tag,
	auth: "bearer",
	params,
	body: z.object({ consent: z.boolean({ error: "booking.online.recording.errors.consentRequired" }) }),
	responses: {
		200: { description: "The state after the answer", schema: stateSchema },
		400: { description: "`consent` missing or not a boolean" },
		401: { description: "Not signed in" },
		404: { description: "No such booking, or not yours" },
		409: {
			description: "recording_in_progress (withdraw after the coach stops), or conflict for a booking not confirmed or under way",
		},
		422: { description: "not_online: the lesson is not an online one" },
	},
	handler: async ({ req, params, body }) => ({
		body: await setRecordingConsent({ caller: await callerOf(req), bookingId: params.bookingId, consent: body.consent }),
	}),
});

export const controlRecordingEndpoint = defineEndpoint({
	method: "post",
	path: "/bookings/:bookingId/recording",
	summary:
		"The coach starts or stops recording the lesson (LiveKit Egress, room composite, into the project's bucket) while the room is open and both sides agree",
	tag,
	auth: "bearer",
	params,
	body: z.object({ action: z.enum(["start", "stop"], { error: "errors.field.invalidOption" }) }),
	responses: {
		200: {
			description: "The state after the action (a stopped recording stays listed as recording until LiveKit reports the file)",
			schema: stateSchema,
		},
		400: { description: "Unknown action" },
		401: { description: "Not signed in" },
		403: { description: "Only the coach records" },
		404: { description: "No such booking, or not yours" },
		409: {
			description:
				"consent_missing (both sides must agree), already_recording, not_recording (stop with nothing running), room_not_open, or conflict for a booking not confirmed or under way",
		},
		422: { description: "not_online: the lesson is not an online one" },
		503: { description: "Recording is not set up on this server (LiveKit and the bucket), or LiveKit cannot be reached" },
	},
	handler: async ({ req, params, body }) => ({
		body: await controlRecording({ caller: await callerOf(req), bookingId: params.bookingId, action: body.action }),
	}),
});

const recordingSchema = z.object({
	id: z.string(),
	status: z.enum(["recording", "ready", "failed"]),
	startedAt: z.string(),
	endedAt: z.string().nullable(),
	durationSeconds: z.number().nullable(),
	sizeBytes: z.number().nullable(),
	deleteAfter: z.string().nullable(),
	watch: z.object({ url: z.string(), expiresAt: z.string() }).nullable(),
});

export const listRecordingsEndpoint = defineEndpoint({
	method: "get",
	path: "/bookings/:bookingId/recordings",
	summary:
		"The lesson's recordings for its player or coach, newest first; a ready one carries a link to watch it that works for 15 minutes",
	tag,
	auth: "bearer",
	params,
	responses: {
		200: { description: "The recordings", schema: z.object({ recordings: z.array(recordingSchema) }) },
		401: { description: "Not signed in" },
		404: { description: "No such booking, or not yours" },
	},
	handler: async ({ req, params }) => ({
		body: { recordings: await listRecordings({ caller: await callerOf(req), bookingId: params.bookingId }) },
	}),
});

export const deleteRecordingEndpoint = defineEndpoint({
	method: "delete",
	path: "/bookings/:bookingId/recordings/:recordingId",
	summary: "Either side deletes a recording of their lesson: the file leaves the bucket at once",
	tag,
	auth: "bearer",
	params: z.object({
		bookingId: z.string().uuid("booking.errors.notFound"),
		recordingId: z.string().uuid("booking.online.recording.errors.notFound"),
	}),
	responses: {
		204: { description: "Deleted" },
		401: { description: "Not signed in" },
		404: { description: "No such booking or recording, not yours, still recording, or already deleted" },
	},
	handler: async ({ req, params }) => {
		await deleteRecording({ caller: await callerOf(req), bookingId: params.bookingId, recordingId: params.recordingId });
		return { status: 204 };
	},
});
