import { and, eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { AppError, forbidden } from "~/lib/errors";
import { lessonRecordings } from "../../../../../db/schema";
import { type Caller, lockBookingFor } from "../../booking-record.server";
import { lessonPartyFor } from "../video-token.server";
import { bothConsented, type RecordingState, recordingStateOf } from "./consent.server";
import { startLessonEgress, stopLessonEgress } from "./egress.server";

/**
 * The coach starts or stops recording the lesson. Start needs the room open now, both sides'
 * consent and no recording running; the booking stays locked from the checks to the new row, so a
 * double click or a consent withdrawn at the same moment cannot slip between them.
 */
export async function controlRecording(input: {
	caller: Caller;
	bookingId: string;
	action: "start" | "stop";
	now?: Date;
}): Promise<RecordingState> {
	// Strangers 404, not online 422, not confirmed or outside the room's window 409 (the token's rules).
	const { party } = await lessonPartyFor({ caller: input.caller, bookingId: input.bookingId, now: input.now ?? new Date() });
	if (party !== "coach") throw forbidden("booking.online.recording.errors.coachOnly");
	return db().transaction(async (tx) => {
		const { booking } = await lockBookingFor(tx, input.bookingId, { ...input.caller, asStaff: false });
		const [active] = await tx
			.select()
			.from(lessonRecordings)
			.where(and(eq(lessonRecordings.bookingId, booking.id), eq(lessonRecordings.status, "recording")))
			.limit(1);
		if (input.action === "start") {
			if (active) throw new AppError(409, "already_recording", "booking.online.recording.errors.alreadyRecording");
			if (!(await bothConsented(booking.id, tx)))
				throw new AppError(409, "consent_missing", "booking.online.recording.errors.consentMissing");
			const egress = await startLessonEgress(booking.id);
			await tx.insert(lessonRecordings).values({
				id: egress.recordingId,
				bookingId: booking.id,
				egressId: egress.egressId,
				storageKey: egress.storageKey,
				startedBy: input.caller.userId,
			});
		} else {
			if (!active) throw new AppError(409, "not_recording", "booking.online.recording.errors.notRecording");
			// The row stays "recording" until egress_ended says what became of the file; a second stop
			// (a double tap, the other device) finds it stopping and asks LiveKit nothing more.
			if (!active.stopRequestedAt) {
				await stopLessonEgress(active.egressId);
				await tx.update(lessonRecordings).set({ stopRequestedAt: new Date() }).where(eq(lessonRecordings.id, active.id));
			}
		}
		return recordingStateOf(booking, party, tx);
	});
}
