import { eq } from "drizzle-orm";
import { EgressStatus, type WebhookEvent } from "livekit-server-sdk";
import type { Transaction } from "~/lib/db.server";
import { logger } from "~/lib/logger.server";
import { notifyStaff } from "~/modules/accounts/admin/staff-members.server";
import { notify } from "~/modules/accounts/notifications.server";
import { bookings, lessonRecordings } from "../../../../../db/schema";
import { roomState } from "../room";
import { findCoachUserId } from "./coach-user.server";
import { bothConsented } from "./consent.server";
import { startLessonEgress } from "./egress.server";

type RecordingRow = typeof lessonRecordings.$inferSelect;

/**
 * egress_ended, in the webhook's transaction (so a repeat of the event changes nothing): a complete
 * egress attaches its file to the recording; a failed, aborted or file-less one is marked failed,
 * retried once with a new egress while the room is still open and both still agree, and reported to
 * the coach and the back office either way, so no recording is lost without anyone hearing of it.
 */
export async function recordEgressEnded(tx: Transaction, event: WebhookEvent): Promise<void> {
	const info = event.egressInfo;
	if (!info?.egressId) return;
	const [recording] = await tx
		.select()
		.from(lessonRecordings)
		.where(eq(lessonRecordings.egressId, info.egressId))
		.for("update")
		.limit(1);
	if (!recording) {
		logger.info({ egressId: info.egressId }, "livekit: egress_ended for an egress that is not a lesson recording's");
		return;
	}
	if (recording.status !== "recording") return;
	const file = info.fileResults[0];
	const complete = info.status === EgressStatus.EGRESS_COMPLETE || info.status === EgressStatus.EGRESS_LIMIT_REACHED;
	if (complete && file && file.size > 0n) {
		await tx
			.update(lessonRecordings)
			.set({
				status: "ready",
				sizeBytes: Number(file.size),
				// LiveKit counts in nanoseconds.
				durationSeconds: Math.round(Number(file.duration / 1_000_000n) / 1000),
				endedAt: new Date(),
			})
			.where(eq(lessonRecordings.id, recording.id));
		return;
	}
	const reason = info.error || EgressStatus[info.status] || "no file";
	await tx
		.update(lessonRecordings)
		.set({ status: "failed", error: reason.slice(0, 500), endedAt: new Date() })
		.where(eq(lessonRecordings.id, recording.id));
	const retried = recording.retryOf ? null : await retry(tx, recording);
	await report(tx, recording, reason, retried !== null);
}

async function retry(tx: Transaction, failed: RecordingRow): Promise<string | null> {
	const [booking] = await tx.select().from(bookings).where(eq(bookings.id, failed.bookingId)).limit(1);
	const stillOpen =
		booking && (booking.status === "confirmed" || booking.status === "in_progress") && roomState(booking, new Date()) === "open";
	if (!stillOpen || !(await bothConsented(failed.bookingId, tx))) return null;
	try {
		const egress = await startLessonEgress(failed.bookingId);
		await tx.insert(lessonRecordings).values({
			id: egress.recordingId,
			bookingId: failed.bookingId,
			egressId: egress.egressId,
			storageKey: egress.storageKey,
			startedBy: failed.startedBy,
			retryOf: failed.id,
		});
		return egress.recordingId;
	} catch (error) {
		// The failure is still reported below; LiveKit being down must not lose the report too.
		logger.warn({ err: error, bookingId: failed.bookingId }, "livekit: retrying a failed lesson recording failed");
		return null;
	}
}

async function report(tx: Transaction, failed: RecordingRow, reason: string, retrying: boolean): Promise<void> {
	logger.warn({ bookingId: failed.bookingId, egressId: failed.egressId, reason, retrying }, "livekit: lesson recording failed");
	const coachUserId = await findCoachUserId(tx, failed.bookingId);
	const kind = retrying ? "lessonRecordingRetrying" : "lessonRecordingFailed";
	if (coachUserId) await notify({ userId: coachUserId, kind, link: `/coach/orders/${failed.bookingId}` }, tx);
	await notifyStaff(
		{ kind: "lessonRecordingFailedStaff", params: { reason: reason.slice(0, 200) }, link: `/admin/bookings/${failed.bookingId}` },
		tx,
	);
}
