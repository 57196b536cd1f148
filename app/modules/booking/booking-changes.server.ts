import { and, eq } from "drizzle-orm";
import { decryptOrNull, encrypt } from "~/lib/crypto.server";
import { db, type Transaction } from "~/lib/db.server";
import { sealedIn } from "~/lib/encrypted-columns.server";
import { AppError, forbidden, notFound } from "~/lib/errors";
import { type CoachBookingTerms, getCoachBookingTerms } from "~/modules/coaches/booking-terms.server";
import { bookingProposals, bookings, type ProposalLocation } from "../../../db/schema";
import type { ProposalRow } from "./booking-change-view.server";
import { type BookingNews, tellBookingParties } from "./booking-news.server";
import { type BookingRow, type Caller, lockBookingFor, notNow, recordBookingEvent, transition } from "./booking-record.server";
import { scheduleReminders } from "./booking-reminders.server";
import { heldBy, refreshCoachFreeDays } from "./free-days.server";
import { isFreeStartTime } from "./free-times";
import { lapseOpenProposal } from "./lapse-booking-changes.server";
import { notifyBookingChange } from "./live.server";
import { type BookingView, presentBooking } from "./present.server";
import type { AdjustmentInput, RescheduleInput } from "./schema";
import { isSlotConflict, slotTaken } from "./slot-taken.server";

const minuteMs = 60_000;

/**
 * Changing a booking by agreement. The coach may adjust a paid booking that waits for their answer
 * (another time and/or place); the player accepts (the booking takes it and is confirmed) or
 * declines (it waits for the coach's answer again). On a confirmed lesson either side may propose
 * another time; the other accepts (the lesson moves) or declines, and the proposer may withdraw.
 * One open proposal per booking; a proposed time is held by the no-double-booking constraint from
 * the moment it is proposed, so the answer "yes" can never find it taken.
 */

const refuse = (status: 400 | 409 | 422, messageKey: string, field?: string) =>
	new AppError(status, status === 422 ? "slot_unavailable" : status === 409 ? "conflict" : "validation_failed", messageKey, {
		fields: field ? { [field]: messageKey } : undefined,
	});

const lessonParty = (party: string): "player" | "coach" => {
	if (party === "player" || party === "coach") return party;
	// The back office cancels; it does not negotiate times on someone's behalf.
	throw forbidden("booking.changes.errors.partiesOnly");
};

const locationOfBooking = (booking: BookingRow): ProposalLocation => ({
	kind: booking.locationKind,
	placeId: booking.placeId,
	placeName: booking.placeName,
});

async function termsOf(booking: BookingRow, tx: Transaction): Promise<CoachBookingTerms> {
	const terms = await getCoachBookingTerms(booking.coachId, tx);
	if (!terms) throw notFound("booking.errors.notFound");
	return terms;
}

/** A proposed time must be one of the coach's free times for the booking's length (others' bookings aside: the constraint decides those). */
function checkedTime(terms: CoachBookingTerms, booking: BookingRow, startsAt: Date, now: Date) {
	if (startsAt.getTime() <= now.getTime()) throw refuse(422, "booking.errors.past", "startsAt");
	if (startsAt.getTime() === booking.startsAt.getTime()) throw refuse(400, "booking.changes.errors.sameTime", "startsAt");
	const query = { availability: terms.availability, durationMinutes: booking.durationMinutes, booked: [], now };
	if (!isFreeStartTime(query, startsAt)) throw refuse(422, "booking.errors.notAFreeTime", "startsAt");
	const endsAt = new Date(startsAt.getTime() + booking.durationMinutes * minuteMs);
	return { startsAt, endsAt, holdsUntil: new Date(endsAt.getTime() + booking.bufferMinutes * minuteMs) };
}

/** The place of an adjustment: one of the coach's places, an address, or online when the course allows it. */
function checkedPlace(terms: CoachBookingTerms, booking: BookingRow, location: NonNullable<AdjustmentInput["location"]>) {
	if (location.kind === "venue") {
		const place = terms.places.find((candidate) => candidate.id === location.placeId);
		if (!place) throw refuse(400, "booking.errors.place", "location.placeId");
		return { location: { kind: "venue", placeId: place.id, placeName: place.name } as ProposalLocation, address: null };
	}
	if (location.kind === "online") {
		const online = terms.offerings.find((offering) => offering.id === booking.offeringId)?.online ?? false;
		if (!online) throw refuse(400, "booking.errors.notOnline", "location.kind");
		return { location: { kind: "online", placeId: null, placeName: null } as ProposalLocation, address: null };
	}
	return { location: { kind: "address", placeId: null, placeName: null } as ProposalLocation, address: location.address };
}

async function openProposalOf(tx: Transaction, bookingId: string): Promise<ProposalRow | null> {
	const [row] = await tx
		.select()
		.from(bookingProposals)
		.where(and(eq(bookingProposals.bookingId, bookingId), eq(bookingProposals.status, "open")))
		.limit(1);
	return row ?? null;
}

/** Writes a proposal and holds its time; a time another booking or proposal holds fails with 23P01 (the caller maps it). */
async function propose(
	tx: Transaction,
	booking: BookingRow,
	proposal: {
		kind: "adjust" | "reschedule";
		by: "player" | "coach";
		byId: string;
		time: ReturnType<typeof checkedTime> | null;
		place: ReturnType<typeof checkedPlace> | null;
		message: string | undefined;
	},
): Promise<BookingView> {
	if (await openProposalOf(tx, booking.id)) throw refuse(409, "booking.changes.errors.alreadyOpen");
	if (proposal.time) {
		await tx
			.update(bookings)
			.set({
				proposedStartsAt: proposal.time.startsAt,
				proposedEndsAt: proposal.time.endsAt,
				proposedHoldsUntil: proposal.time.holdsUntil,
				updatedAt: new Date(),
			})
			.where(eq(bookings.id, booking.id));
	}
	const changeId = crypto.randomUUID();
	await tx.insert(bookingProposals).values({
		id: changeId,
		bookingId: booking.id,
		kind: proposal.kind,
		proposedBy: proposal.by,
		proposedById: proposal.byId,
		oldStartsAt: booking.startsAt,
		oldEndsAt: booking.endsAt,
		newStartsAt: proposal.time?.startsAt ?? null,
		newEndsAt: proposal.time?.endsAt ?? null,
		oldLocation: locationOfBooking(booking),
		oldAddressEnc: booking.addressEnc
			? encrypt(
					// The booking's address, re-sealed for this row, so the old place stays readable after a move.
					decryptOrNull(booking.addressEnc, sealedIn(bookings.addressEnc, booking.id)) ?? "",
					sealedIn(bookingProposals.oldAddressEnc, changeId),
				)
			: null,
		newLocation: proposal.place?.location ?? null,
		newAddressEnc: proposal.place?.address
			? encrypt(proposal.place.address, sealedIn(bookingProposals.newAddressEnc, changeId))
			: null,
		message: proposal.message || null,
	});
	await recordBookingEvent(tx, {
		bookingId: booking.id,
		kind: proposal.kind === "adjust" ? "adjusted" : "reschedule_requested",
		actor: proposal.by,
		actorId: proposal.byId,
		detail: {
			changeId,
			startsAt: proposal.time?.startsAt.toISOString() ?? null,
			fromStartsAt: booking.startsAt.toISOString(),
			locationKind: proposal.place?.location.kind ?? null,
			placeName: proposal.place?.location.placeName ?? null,
			message: proposal.message || null,
		},
	});
	if (proposal.time) await refreshCoachFreeDays(tx, booking.coachId, undefined, [heldBy(proposal.time)]);
	await notifyBookingChange(tx, {
		coachId: booking.coachId,
		playerId: booking.playerId,
		bookingId: booking.id,
		status: booking.status,
	});
	const news: BookingNews = proposal.kind === "adjust" ? "adjusted" : "reschedule_requested";
	await tellBookingParties(tx, booking, news, { skipUserId: proposal.byId, by: proposal.by, newTime: proposal.time?.startsAt });
	const [fresh] = await tx.select().from(bookings).where(eq(bookings.id, booking.id)).limit(1);
	return presentBooking(fresh ?? booking, tx);
}

/** Runs a proposal's transaction; a proposed time the constraint refuses becomes 409 slot_taken with the nearest free times. */
async function proposing(
	bookingId: string,
	startsAt: Date | undefined,
	now: Date,
	work: (tx: Transaction) => Promise<BookingView>,
): Promise<BookingView> {
	try {
		return await db().transaction(work);
	} catch (error) {
		if (!isSlotConflict(error) || !startsAt) throw error;
		const [booking] = await db()
			.select({ coachId: bookings.coachId, durationMinutes: bookings.durationMinutes })
			.from(bookings)
			.where(eq(bookings.id, bookingId))
			.limit(1);
		const terms = booking ? await getCoachBookingTerms(booking.coachId) : null;
		if (!booking || !terms) throw error;
		throw await slotTaken(terms, booking.durationMinutes, startsAt, now);
	}
}

/** The coach proposes another time and/or place for a paid booking waiting for their answer. */
export async function proposeAdjustment(input: {
	caller: Caller;
	bookingId: string;
	request: AdjustmentInput;
	now?: Date;
}): Promise<BookingView> {
	const now = input.now ?? new Date();
	const startsAt = input.request.startsAt ? new Date(input.request.startsAt) : undefined;
	return proposing(input.bookingId, startsAt, now, async (tx) => {
		const { booking, party } = await lockBookingFor(tx, input.bookingId, input.caller);
		if (party !== "coach") throw forbidden("booking.errors.coachOnly");
		if (booking.status !== "pending_confirmation") throw notNow(booking.status);
		await lapseIfPassed(tx, booking, now);
		const terms = await termsOf(booking, tx);
		const time = startsAt ? checkedTime(terms, booking, startsAt, now) : null;
		const place = input.request.location ? checkedPlace(terms, booking, input.request.location) : null;
		return propose(tx, booking, {
			kind: "adjust",
			by: "coach",
			byId: input.caller.userId,
			time,
			place,
			message: input.request.message,
		});
	});
}

/** The player or the coach proposes another free time for a confirmed lesson that has not started. */
export async function requestReschedule(input: {
	caller: Caller;
	bookingId: string;
	request: RescheduleInput;
	now?: Date;
}): Promise<BookingView> {
	const now = input.now ?? new Date();
	const startsAt = new Date(input.request.startsAt);
	return proposing(input.bookingId, startsAt, now, async (tx) => {
		const { booking, party } = await lockBookingFor(tx, input.bookingId, input.caller);
		const by = lessonParty(party);
		if (booking.status !== "confirmed" || booking.startsAt.getTime() <= now.getTime()) throw notNow(booking.status);
		await lapseIfPassed(tx, booking, now);
		const terms = await termsOf(booking, tx);
		const time = checkedTime(terms, booking, startsAt, now);
		return propose(tx, booking, {
			kind: "reschedule",
			by,
			byId: input.caller.userId,
			time,
			place: null,
			message: input.request.message,
		});
	});
}

/** The range an open proposal holds, for `refreshCoachFreeDays` (only the days around it change). */
const heldByProposal = (booking: BookingRow) =>
	booking.proposedStartsAt && booking.proposedHoldsUntil
		? [heldBy({ startsAt: booking.proposedStartsAt, holdsUntil: booking.proposedHoldsUntil })]
		: undefined;

/** An open proposal whose time has come lapses before anything else is done with the booking. */
async function lapseIfPassed(tx: Transaction, booking: BookingRow, now: Date): Promise<void> {
	if (booking.proposedStartsAt && booking.proposedStartsAt.getTime() <= now.getTime()) {
		await lapseOpenProposal(tx, booking, "time");
		await refreshCoachFreeDays(tx, booking.coachId, now, heldByProposal(booking));
	}
}

/** The caller's open proposal to answer (or withdraw): 404 for an unknown one, 409 once it is no longer open. */
async function answerable(tx: Transaction, input: { caller: Caller; bookingId: string; changeId: string }, now: Date) {
	const { booking, party } = await lockBookingFor(tx, input.bookingId, input.caller);
	const [proposal] = await tx
		.select()
		.from(bookingProposals)
		.where(and(eq(bookingProposals.id, input.changeId), eq(bookingProposals.bookingId, booking.id)))
		.limit(1);
	if (!proposal) throw notFound("booking.changes.errors.notFound");
	const side = lessonParty(party);
	if (proposal.status !== "open") throw refuse(409, "booking.changes.errors.notOpen");
	const madeIn = proposal.kind === "adjust" ? "pending_confirmation" : "confirmed";
	if (booking.status !== madeIn) throw refuse(409, "booking.changes.errors.notOpen");
	if (proposal.newStartsAt && proposal.newStartsAt.getTime() <= now.getTime()) {
		// Its time has come unanswered: it lapses now (committed), and the answer is refused.
		throw new LapsedNow(booking);
	}
	return { booking, proposal, side };
}

class LapsedNow extends Error {
	constructor(readonly booking: BookingRow) {
		super("proposal lapsed");
	}
}

async function answering(
	input: { caller: Caller; bookingId: string; changeId: string; now?: Date },
	work: (tx: Transaction, found: Awaited<ReturnType<typeof answerable>>, now: Date) => Promise<BookingRow>,
): Promise<BookingView> {
	const now = input.now ?? new Date();
	const lapsed = await db().transaction(async (tx) => {
		try {
			const found = await answerable(tx, input, now);
			const row = await work(tx, found, now);
			return { view: await presentBooking(row, tx) };
		} catch (error) {
			if (!(error instanceof LapsedNow)) throw error;
			await lapseIfPassed(tx, error.booking, now);
			return { view: null };
		}
	});
	if (!lapsed.view) throw refuse(409, "booking.changes.errors.notOpen");
	return lapsed.view;
}

const closeProposal = (tx: Transaction, proposal: ProposalRow, status: "accepted" | "declined" | "withdrawn") =>
	tx.update(bookingProposals).set({ status, answeredAt: new Date() }).where(eq(bookingProposals.id, proposal.id));

const cleared = { proposedStartsAt: null, proposedEndsAt: null, proposedHoldsUntil: null } as const;

/** What accepting writes onto the booking: the proposed time (its range already held) and place. */
function movedTo(booking: BookingRow, proposal: ProposalRow) {
	const changes: Partial<typeof bookings.$inferInsert> = { ...cleared };
	if (proposal.newStartsAt && proposal.newEndsAt && booking.proposedHoldsUntil) {
		changes.startsAt = proposal.newStartsAt;
		changes.endsAt = proposal.newEndsAt;
		changes.holdsUntil = booking.proposedHoldsUntil;
	}
	if (proposal.newLocation) {
		changes.locationKind = proposal.newLocation.kind;
		changes.placeId = proposal.newLocation.placeId;
		changes.placeName = proposal.newLocation.placeName;
		changes.addressEnc = null;
	}
	return changes;
}

/** The booking's typed address after accepting a proposed one, sealed for the booking's row. */
async function movedAddress(tx: Transaction, booking: BookingRow, proposal: ProposalRow): Promise<void> {
	if (proposal.newLocation?.kind !== "address" || !proposal.newAddressEnc) return;
	const address = decryptOrNull(proposal.newAddressEnc, sealedIn(bookingProposals.newAddressEnc, proposal.id));
	if (!address) return;
	await tx
		.update(bookings)
		.set({ addressEnc: encrypt(address, sealedIn(bookings.addressEnc, booking.id)) })
		.where(eq(bookings.id, booking.id));
}

/**
 * The other side says yes. An adjustment moves the booking to the proposed time and place and
 * confirms it (the coach proposed it, the player agreed); a reschedule moves the confirmed lesson.
 * Reminders are scheduled for the new time; those made for the old one find it moved and stay silent.
 */
export async function acceptChange(input: {
	caller: Caller;
	bookingId: string;
	changeId: string;
	now?: Date;
}): Promise<BookingView> {
	return answering(input, async (tx, { booking, proposal, side }, now) => {
		if (side === proposal.proposedBy) throw forbidden("booking.changes.errors.otherSide");
		await closeProposal(tx, proposal, "accepted");
		const changes = movedTo(booking, proposal);
		const detail = {
			changeId: proposal.id,
			change: proposal.kind,
			fromStartsAt: booking.startsAt.toISOString(),
			startsAt: (changes.startsAt ?? booking.startsAt).toISOString(),
			locationKind: proposal.newLocation?.kind ?? null,
		};
		await recordBookingEvent(tx, {
			bookingId: booking.id,
			kind: "change_accepted",
			actor: side,
			actorId: input.caller.userId,
			detail,
		});
		let moved: BookingRow;
		if (proposal.kind === "adjust") {
			moved = await transition(
				tx,
				booking,
				"confirm",
				{ actor: side, actorId: input.caller.userId },
				{ ...changes, confirmedAt: now },
				detail,
			);
		} else {
			const [updated] = await tx
				.update(bookings)
				.set({ ...changes, updatedAt: now })
				.where(and(eq(bookings.id, booking.id), eq(bookings.status, "confirmed")))
				.returning();
			if (!updated) throw notNow(booking.status);
			moved = updated;
			await refreshCoachFreeDays(tx, booking.coachId, now, [heldBy(booking), heldBy(updated)]);
			await notifyBookingChange(tx, {
				coachId: booking.coachId,
				playerId: booking.playerId,
				bookingId: booking.id,
				status: moved.status,
			});
		}
		await movedAddress(tx, moved, proposal);
		await tellBookingParties(tx, moved, "rescheduled", { skipUserId: input.caller.userId });
		await scheduleReminders(tx, moved, now);
		const [fresh] = await tx.select().from(bookings).where(eq(bookings.id, booking.id)).limit(1);
		return fresh ?? moved;
	});
}

/**
 * The other side says no: nothing changes (an adjusted booking waits for the coach's answer again,
 * under the same unanswered deadline), the proposed time is freed and the proposer is told.
 */
export async function declineChange(input: {
	caller: Caller;
	bookingId: string;
	changeId: string;
	now?: Date;
}): Promise<BookingView> {
	return answering(input, async (tx, { booking, proposal, side }, now) => {
		if (side === proposal.proposedBy) throw forbidden("booking.changes.errors.otherSide");
		return closeUnchanged(tx, booking, proposal, "declined", side, input.caller.userId, now);
	});
}

/** The proposer takes the proposal back: nothing changes and the proposed time is freed. */
export async function withdrawChange(input: {
	caller: Caller;
	bookingId: string;
	changeId: string;
	now?: Date;
}): Promise<BookingView> {
	return answering(input, async (tx, { booking, proposal, side }, now) => {
		if (side !== proposal.proposedBy) throw forbidden("booking.changes.errors.proposerOnly");
		return closeUnchanged(tx, booking, proposal, "withdrawn", side, input.caller.userId, now);
	});
}

async function closeUnchanged(
	tx: Transaction,
	booking: BookingRow,
	proposal: ProposalRow,
	status: "declined" | "withdrawn",
	side: "player" | "coach",
	userId: string,
	now: Date,
): Promise<BookingRow> {
	await closeProposal(tx, proposal, status);
	const [updated] = await tx
		.update(bookings)
		.set({ ...cleared, updatedAt: now })
		.where(eq(bookings.id, booking.id))
		.returning();
	await recordBookingEvent(tx, {
		bookingId: booking.id,
		kind: status === "declined" ? "change_declined" : "change_withdrawn",
		actor: side,
		actorId: userId,
		detail: { changeId: proposal.id, change: proposal.kind },
	});
	if (booking.proposedStartsAt) await refreshCoachFreeDays(tx, booking.coachId, now, heldByProposal(booking));
	await notifyBookingChange(tx, {
		coachId: booking.coachId,
		playerId: booking.playerId,
		bookingId: booking.id,
		status: booking.status,
	});
	if (status === "declined")
		await tellBookingParties(tx, booking, "change_declined", { skipUserId: userId, by: side === "coach" ? "player" : "coach" });
	return updated ?? booking;
}
