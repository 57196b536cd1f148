import { eq } from "drizzle-orm";
import { AccessToken, TrackSource, type VideoGrant } from "livekit-server-sdk";
import { db } from "~/lib/db.server";
import { AppError, notFound } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import { bookings } from "../../../../db/schema";
import { type BookingRow, type Caller, notNow, partyOf } from "../booking-record.server";
import { livekitSettings, roomService } from "./livekit.server";
import {
	identityOf,
	type LessonParty,
	roomEmptyTimeoutSeconds,
	roomMaxParticipants,
	roomNameOf,
	roomState,
	roomWindow,
	type VideoDevice,
	videoTokenSeconds,
} from "./room";

export interface VideoToken {
	url: string;
	room: string;
	token: string;
	identity: string;
	expiresAt: string;
}

/** A lesson under way or about to be: the only states whose room anyone may enter. */
const joinable = new Set<BookingRow["status"]>(["confirmed", "in_progress"]);

export const videoNotConfigured = () => new AppError(503, "service_unavailable", "booking.online.errors.notConfigured");

/**
 * The booking's player or coach, allowed into its online lesson now: 404 for anyone else (staff
 * included: the back office reads attendance, it does not sit in), 422 for a lesson not online,
 * 409 for one not confirmed or under way, and 409 room_not_open outside the room's window.
 */
export async function lessonPartyFor(input: {
	caller: Caller;
	bookingId: string;
	now: Date;
}): Promise<{ booking: BookingRow; party: LessonParty }> {
	const [booking] = await db().select().from(bookings).where(eq(bookings.id, input.bookingId)).limit(1);
	if (!booking) throw notFound("booking.errors.notFound");
	const party = await partyOf(booking, { ...input.caller, asStaff: false }, db());
	if (party !== "player" && party !== "coach") throw notFound("booking.errors.notFound");
	if (booking.locationKind !== "online") throw new AppError(422, "not_online", "booking.online.errors.notOnline");
	if (!joinable.has(booking.status)) throw notNow(booking.status);
	const state = roomState(booking, input.now);
	if (state !== "open") {
		const { opensAt, closesAt } = roomWindow(booking);
		throw new AppError(409, "room_not_open", `booking.online.errors.${state === "not_yet" ? "notYetOpen" : "closed"}`, {
			extra: { opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString() },
		});
	}
	return { booking, party };
}

/**
 * A short-lived LiveKit token for one device of the booking's player or coach, for that room
 * only. The room is made (or found: CreateRoom answers the existing one) on every issue, so a
 * room LiveKit closed after its empty timeout comes back with the same limits on the next join.
 * A second device (a phone over the table) publishes its camera and nothing else.
 */
export async function issueVideoToken(input: {
	caller: Caller;
	bookingId: string;
	device: VideoDevice;
	now?: Date;
}): Promise<VideoToken> {
	const lk = livekitSettings();
	if (!lk) throw videoNotConfigured();
	const { booking, party } = await lessonPartyFor({ ...input, now: input.now ?? new Date() });
	const room = roomNameOf(booking.id);
	try {
		await roomService(lk).createRoom({ name: room, emptyTimeout: roomEmptyTimeoutSeconds, maxParticipants: roomMaxParticipants });
	} catch (error) {
		logger.warn({ err: error, bookingId: booking.id }, "livekit: CreateRoom failed");
		throw new AppError(503, "service_unavailable", "booking.online.errors.unreachable");
	}
	const identity = identityOf(party, input.caller.userId, input.device);
	const token = new AccessToken(lk.apiKey, lk.apiSecret, {
		identity,
		name: input.caller.user?.displayName,
		ttl: videoTokenSeconds,
		metadata: JSON.stringify({ bookingId: booking.id, party, device: input.device }),
	});
	token.addGrant(grantFor(room, input.device));
	const expiresAt = new Date(Date.now() + videoTokenSeconds * 1000);
	return { url: lk.url, room, token: await token.toJwt(), identity, expiresAt: expiresAt.toISOString() };
}

function grantFor(room: string, device: VideoDevice): VideoGrant {
	if (device === "second")
		return {
			roomJoin: true,
			room,
			canPublish: true,
			canPublishSources: [TrackSource.CAMERA],
			canSubscribe: false,
			canPublishData: false,
		};
	return { roomJoin: true, room, canPublish: true, canSubscribe: true, canPublishData: true };
}
