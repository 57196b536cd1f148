import { and, desc, eq, inArray, lt } from "drizzle-orm";
import { settings } from "~/lib/config.server";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import { fileStorage } from "~/modules/files/storage.server";
import { bookings, lessonRecordings } from "../../../../../db/schema";
import type { Caller } from "../../booking-record.server";
import { lessonSideOf } from "./consent.server";
import { signRecordingLink } from "./recording-links.server";

export interface LessonRecording {
	id: string;
	status: "recording" | "ready" | "failed";
	startedAt: string;
	endedAt: string | null;
	durationSeconds: number | null;
	sizeBytes: number | null;
	/** When the daily job deletes it (ready recordings only). */
	deleteAfter: string | null;
	/** A short-lived link to watch it (ready recordings only). */
	watch: { url: string; expiresAt: string } | null;
}

const dayMs = 86_400_000;

async function bookingOf(caller: Caller, bookingId: string) {
	const [booking] = await db().select().from(bookings).where(eq(bookings.id, bookingId)).limit(1);
	if (!booking) throw notFound("booking.errors.notFound");
	await lessonSideOf(booking, caller, db());
	return booking;
}

/** The lesson's recordings for its player or coach (404 for anyone else), newest first, deleted ones left out. */
export async function listRecordings(input: { caller: Caller; bookingId: string; now?: Date }): Promise<LessonRecording[]> {
	const booking = await bookingOf(input.caller, input.bookingId);
	const now = input.now ?? new Date();
	const rows = await db()
		.select()
		.from(lessonRecordings)
		.where(and(eq(lessonRecordings.bookingId, booking.id), inArray(lessonRecordings.status, ["recording", "ready", "failed"])))
		.orderBy(desc(lessonRecordings.startedAt));
	const retentionMs = settings().RECORDING_RETENTION_DAYS * dayMs;
	return rows.map((row) => {
		const ready = row.status === "ready";
		return {
			id: row.id,
			status: row.status as LessonRecording["status"],
			startedAt: row.startedAt.toISOString(),
			endedAt: row.endedAt?.toISOString() ?? null,
			durationSeconds: row.durationSeconds,
			sizeBytes: row.sizeBytes,
			deleteAfter: ready && row.endedAt ? new Date(row.endedAt.getTime() + retentionMs).toISOString() : null,
			watch: ready ? signRecordingLink(row.id, now.getTime()) : null,
		};
	});
}

/** Removes the file from the bucket first, then marks the row: a failed delete leaves it listed, to try again. */
async function deleteRecordingFile(recording: { id: string; storageKey: string }): Promise<void> {
	await fileStorage().delete(recording.storageKey);
	await db()
		.update(lessonRecordings)
		.set({ status: "deleted", deletedAt: new Date() })
		.where(eq(lessonRecordings.id, recording.id));
}

/** Either side may delete a recording of their lesson at any time; the other side's consent is not needed to forget. */
export async function deleteRecording(input: { caller: Caller; bookingId: string; recordingId: string }): Promise<void> {
	const booking = await bookingOf(input.caller, input.bookingId);
	const [recording] = await db()
		.select()
		.from(lessonRecordings)
		.where(and(eq(lessonRecordings.id, input.recordingId), eq(lessonRecordings.bookingId, booking.id)))
		.limit(1);
	if (!recording || recording.status === "deleted") throw notFound("booking.online.recording.errors.notFound");
	if (recording.status === "recording") throw notFound("booking.online.recording.errors.notFound");
	await deleteRecordingFile(recording);
}

/**
 * The daily job: recordings older than RECORDING_RETENTION_DAYS (counted from the end of the
 * recording) leave the bucket and are marked deleted. Answers how many went.
 */
export async function deleteExpiredRecordings(now = new Date()): Promise<number> {
	const cutoff = new Date(now.getTime() - settings().RECORDING_RETENTION_DAYS * dayMs);
	const expired = await db()
		.select({ id: lessonRecordings.id, storageKey: lessonRecordings.storageKey })
		.from(lessonRecordings)
		.where(and(eq(lessonRecordings.status, "ready"), lt(lessonRecordings.endedAt, cutoff)))
		.limit(500);
	let deleted = 0;
	for (const recording of expired) {
		try {
			await deleteRecordingFile(recording);
			deleted += 1;
		} catch (error) {
			// One stubborn object must not keep the rest: it is tried again tomorrow.
			logger.warn({ err: error, recordingId: recording.id }, "recordings: deleting an expired recording failed");
		}
	}
	return deleted;
}

/** A ready recording's place in the bucket, for a request whose link was already verified. */
export async function readyRecordingKey(recordingId: string): Promise<string | null> {
	const [row] = await db()
		.select({ key: lessonRecordings.storageKey })
		.from(lessonRecordings)
		.where(and(eq(lessonRecordings.id, recordingId), eq(lessonRecordings.status, "ready")))
		.limit(1);
	return row?.key ?? null;
}
