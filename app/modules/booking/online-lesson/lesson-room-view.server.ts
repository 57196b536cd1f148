import QRCode from "qrcode";
import { data } from "react-router";
import { settings } from "~/lib/config.server";
import { isAppError } from "~/lib/errors";
import type { Caller } from "../booking-record.server";
import { getBooking } from "../read-bookings.server";
import { videoConfigured } from "./livekit.server";
import { recordingTarget } from "./recording/egress.server";
import { type LessonParty, offersClassroom, roomState, roomWindow } from "./room";
import { secondCameraKey } from "./second-camera.server";

export type ClassroomState = "not_configured" | "not_online" | "not_joinable" | "not_yet" | "open" | "closed";

export interface LessonRoomView {
	state: ClassroomState;
	bookingId: string;
	party: LessonParty;
	otherName: string;
	courseType: string;
	durationMinutes: number;
	startsAt: string;
	endsAt: string;
	opensAt: string;
	closesAt: string;
	/** The booking's own page, where the lesson page leads back to. */
	backTo: string;
	/** While the room is open: the QR code (SVG) a phone over the table scans to join as a second camera. */
	secondCamera: { qrSvg: string; expiresAt: string } | null;
	/** While the room is open and recording is set up (LiveKit Egress and the bucket): how long recordings are kept. */
	recording: { retentionDays: number } | null;
}

/**
 * What the lesson page shows one side of a booking: the room's state now (never a token: the page
 * asks the API for one when the person joins, so it is always fresh). The other side, a stranger
 * or staff get the 404 page, as on the booking's own pages.
 */
export async function lessonRoomView(input: {
	caller: Caller;
	bookingId: string;
	as: LessonParty;
	/** The site's address as the browser reached it (APP_URL wins), for the second camera's link. */
	origin: string;
	now?: Date;
}): Promise<LessonRoomView> {
	const now = input.now ?? new Date();
	let found: Awaited<ReturnType<typeof getBooking>>;
	try {
		found = await getBooking({ caller: input.caller, bookingId: input.bookingId });
	} catch (error) {
		if (isAppError(error) && error.status === 404) throw data(null, { status: 404 });
		throw error;
	}
	if (found.party !== input.as) throw data(null, { status: 404 });
	const { booking } = found;
	const lesson = { startsAt: new Date(booking.startsAt), endsAt: new Date(booking.endsAt) };
	const { opensAt, closesAt } = roomWindow(lesson);
	const state: ClassroomState = !videoConfigured()
		? "not_configured"
		: booking.location.kind !== "online"
			? "not_online"
			: !offersClassroom(booking)
				? "not_joinable"
				: roomState(lesson, now);
	return {
		state,
		bookingId: booking.id,
		party: input.as,
		otherName: input.as === "player" ? booking.coach.displayName : booking.player.displayName,
		courseType: booking.courseType,
		durationMinutes: booking.durationMinutes,
		startsAt: booking.startsAt,
		endsAt: booking.endsAt,
		opensAt: opensAt.toISOString(),
		closesAt: closesAt.toISOString(),
		backTo: input.as === "player" ? `/me/bookings/${booking.id}` : `/coach/orders/${booking.id}`,
		secondCamera:
			state === "open" ? await secondCameraQr(input.caller, booking.id, settings().APP_URL ?? input.origin, now) : null,
		recording: state === "open" && recordingTarget() ? { retentionDays: settings().RECORDING_RETENTION_DAYS } : null,
	};
}

/** The key travels in the fragment, so it reaches the phone's page but no server log. */
async function secondCameraQr(caller: Caller, bookingId: string, origin: string, now: Date) {
	const { key, expiresAt } = await secondCameraKey({ caller, bookingId, now });
	const svg = await QRCode.toString(`${origin}/lesson/second-camera#${key}`, {
		type: "svg",
		errorCorrectionLevel: "M",
		margin: 1,
	});
	return { qrSvg: svg, expiresAt };
}
