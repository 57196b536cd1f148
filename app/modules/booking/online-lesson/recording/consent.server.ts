import { and, desc, eq } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { AppError, notFound } from "~/lib/errors";
import { bookings, lessonRecordingConsents, lessonRecordings } from "../../../../../db/schema";
import { type BookingRow, type Caller, lockBookingFor, notNow, partyOf } from "../../booking-record.server";
import type { LessonParty } from "../room";

export interface PartyConsent {
	agreed: boolean;
	decidedAt: string;
}

/** What both sides of a lesson see about recording it: each side's answer and whether a recording runs now. */
export interface RecordingState {
	party: LessonParty;
	consents: { player: PartyConsent | null; coach: PartyConsent | null };
	bothAgreed: boolean;
	/** The recording under way, `stopping` once the coach stopped it and until the file is saved. */
	recording: { id: string; startedAt: string; stopping: boolean } | null;
	/** The coach, with both consents and nothing recording: the "start" button works. */
	canStart: boolean;
}

/** Recording belongs to an online lesson confirmed or under way; nothing else has a room to record. */
const recordable = new Set<BookingRow["status"]>(["confirmed", "in_progress"]);

/** The booking's player or coach (never staff: the back office does not sit in), else 404 as for a booking that does not exist. */
export async function lessonSideOf(booking: BookingRow, caller: Caller, tx: DbOrTx): Promise<LessonParty> {
	const party = await partyOf(booking, { ...caller, asStaff: false }, tx);
	if (party !== "player" && party !== "coach") throw notFound("booking.errors.notFound");
	return party;
}

export function assertRecordable(booking: BookingRow): void {
	if (booking.locationKind !== "online") throw new AppError(422, "not_online", "booking.online.errors.notOnline");
	if (!recordable.has(booking.status)) throw notNow(booking.status);
}

export async function recordingStateOf(booking: BookingRow, party: LessonParty, tx: DbOrTx): Promise<RecordingState> {
	const rows = await tx.select().from(lessonRecordingConsents).where(eq(lessonRecordingConsents.bookingId, booking.id));
	const of = (side: LessonParty): PartyConsent | null => {
		const row = rows.find((consent) => consent.party === side);
		return row ? { agreed: row.agreed, decidedAt: row.decidedAt.toISOString() } : null;
	};
	const consents = { player: of("player"), coach: of("coach") };
	const [active] = await tx
		.select({ id: lessonRecordings.id, startedAt: lessonRecordings.startedAt, stopRequestedAt: lessonRecordings.stopRequestedAt })
		.from(lessonRecordings)
		.where(and(eq(lessonRecordings.bookingId, booking.id), eq(lessonRecordings.status, "recording")))
		.orderBy(desc(lessonRecordings.startedAt))
		.limit(1);
	const bothAgreed = Boolean(consents.player?.agreed && consents.coach?.agreed);
	return {
		party,
		consents,
		bothAgreed,
		recording: active
			? { id: active.id, startedAt: active.startedAt.toISOString(), stopping: active.stopRequestedAt !== null }
			: null,
		canStart: party === "coach" && bothAgreed && !active,
	};
}

/** Whether both sides' latest answer is yes (read in the transaction that is about to record). */
export async function bothConsented(bookingId: string, tx: DbOrTx): Promise<boolean> {
	const rows = await tx.select().from(lessonRecordingConsents).where(eq(lessonRecordingConsents.bookingId, bookingId));
	return ["player", "coach"].every((side) => rows.some((row) => row.party === side && row.agreed));
}

export async function getRecordingState(input: { caller: Caller; bookingId: string }): Promise<RecordingState> {
	const [booking] = await db().select().from(bookings).where(eq(bookings.id, input.bookingId)).limit(1);
	if (!booking) throw notFound("booking.errors.notFound");
	const party = await lessonSideOf(booking, input.caller, db());
	return recordingStateOf(booking, party, db());
}

/**
 * One side agrees to (or withdraws from) recording the lesson. Withdrawing while a recording runs
 * is refused: the coach stops it first, so nobody believes a running recording has stopped.
 */
export async function setRecordingConsent(input: {
	caller: Caller;
	bookingId: string;
	consent: boolean;
	now?: Date;
}): Promise<RecordingState> {
	return db().transaction(async (tx) => {
		const { booking } = await lockBookingFor(tx, input.bookingId, { ...input.caller, asStaff: false });
		const party = await lessonSideOf(booking, input.caller, tx);
		assertRecordable(booking);
		const state = await recordingStateOf(booking, party, tx);
		if (!input.consent && state.recording)
			throw new AppError(409, "recording_in_progress", "booking.online.recording.errors.withdrawWhileRecording");
		const decidedAt = input.now ?? new Date();
		await tx
			.insert(lessonRecordingConsents)
			.values({ bookingId: booking.id, party, userId: input.caller.userId, agreed: input.consent, decidedAt })
			.onConflictDoUpdate({
				target: [lessonRecordingConsents.bookingId, lessonRecordingConsents.party],
				set: { agreed: input.consent, userId: input.caller.userId, decidedAt },
			});
		return recordingStateOf(booking, party, tx);
	});
}
