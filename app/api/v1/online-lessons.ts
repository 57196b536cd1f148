import { z } from "zod";
import { AppError } from "~/lib/errors";
import { handleLivekitWebhook } from "~/modules/booking/online-lesson/livekit-webhook.server";
import { videoDevices } from "~/modules/booking/online-lesson/room";
import { issueSecondCameraToken } from "~/modules/booking/online-lesson/second-camera.server";
import { issueVideoToken } from "~/modules/booking/online-lesson/video-token.server";
import { callerOf } from "../client";
import { defineEndpoint } from "../endpoint";
import { readRawBody } from "../raw-body";

/** Online lessons: the video room's tokens, and LiveKit's webhooks (attendance). */
const tag = "online lessons";

export const issueVideoTokenEndpoint = defineEndpoint({
	method: "post",
	path: "/bookings/:bookingId/video-token",
	summary:
		"A LiveKit token for the booking's video room, for its player or coach while the room is open (10 minutes before the start to 30 after the end); short-lived: ask again before expiresAt",
	tag,
	auth: "bearer",
	params: z.object({ bookingId: z.string().uuid("booking.errors.notFound") }),
	body: z.object({
		device: z.enum(videoDevices, { error: "errors.field.invalidOption" }).default("main"),
	}),
	responses: {
		200: {
			description:
				"Join `room` on `url` with `token`; a second device (`device: second`, a phone over the table) may publish its camera only",
			schema: z.object({
				url: z.string(),
				room: z.string(),
				token: z.string(),
				identity: z.string(),
				expiresAt: z.string(),
			}),
		},
		400: { description: "Unknown device" },
		401: { description: "Not signed in" },
		404: { description: "No such booking, or not yours" },
		409: {
			description:
				"room_not_open outside the window (error.opensAt and error.closesAt say when), or conflict for a booking not confirmed or under way",
		},
		422: { description: "not_online: the lesson is not an online one" },
		503: { description: "Video is not set up on this server, or LiveKit cannot be reached" },
	},
	handler: async ({ req, params, body }) => ({
		body: await issueVideoToken({ caller: await callerOf(req), bookingId: params.bookingId, device: body.device }),
	}),
});

const tokenSchema = z.object({
	url: z.string(),
	room: z.string(),
	token: z.string(),
	identity: z.string(),
	expiresAt: z.string(),
});

export const secondCameraTokenEndpoint = defineEndpoint({
	method: "post",
	path: "/lessons/second-camera-token",
	summary:
		"A LiveKit token for a second camera (a phone over the table), from the key of the QR code the lesson page shows: the same person, camera only; the key lasts 15 minutes",
	tag,
	auth: "none",
	body: z.object({ key: z.string().min(1, "booking.online.errors.badLink").max(2000, "booking.online.errors.badLink") }),
	responses: {
		200: { description: "Join `room` on `url` with `token`, publishing the camera only", schema: tokenSchema },
		400: { description: "No key" },
		401: { description: "The key is not one of ours, or it has expired" },
		404: { description: "The booking is no longer the key's person's" },
		409: { description: "room_not_open, or a booking not confirmed or under way" },
		503: { description: "Video is not set up on this server, or LiveKit cannot be reached" },
	},
	handler: async ({ body }) => ({ body: await issueSecondCameraToken({ key: body.key }) }),
});

/** LiveKit's events are small JSON documents; anything much longer is not from LiveKit. */
const webhookMaxBytes = 64 * 1024;

export const livekitWebhookEndpoint = defineEndpoint({
	method: "post",
	path: "/lessons/livekit-webhook",
	summary:
		"LiveKit's webhook (participant joins and leaves, recordings), signed with the API secret; each event id is handled once",
	tag,
	auth: "none",
	rawBody: { contentTypes: ["application/webhook+json"], description: "LiveKit's signed event, read as sent" },
	responses: {
		204: { description: "Recorded (or seen before, or an event we do not use)" },
		401: { description: "The Authorization token does not verify (forged, stale, or for another body)" },
		413: { description: "Too long to be an event" },
		503: { description: "Video is not set up on this server" },
	},
	handler: async ({ req, res }) => {
		// The signature covers the body byte for byte: read it raw, never re-serialised JSON.
		const bytes = await readRawBody(
			req,
			res,
			webhookMaxBytes,
			() => new AppError(413, "payload_too_large", "errors.payloadTooLarge"),
		);
		await handleLivekitWebhook({ body: bytes.toString("utf8"), authorization: req.header("authorization") });
		return { status: 204 };
	},
});
