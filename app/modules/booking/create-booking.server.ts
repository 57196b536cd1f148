import { and, eq, inArray, lt } from "drizzle-orm";
import { settings } from "~/lib/config.server";
import { encrypt } from "~/lib/crypto.server";
import { db, type Transaction } from "~/lib/db.server";
import { sealedIn } from "~/lib/encrypted-columns.server";
import { AppError, notFound } from "~/lib/errors";
import { getCoachBookingTerms } from "~/modules/coaches/booking-terms.server";
import { freeDaysLock } from "~/modules/coaches/search/refresh-free-days.server";
import { bookings } from "../../../db/schema";
import { amountDueFen } from "./amounts.server";
import { tellBookingParties } from "./booking-news.server";
import { type Caller, recordBookingEvent, transition } from "./booking-record.server";
import { heldBy, refreshCoachFreeDays } from "./free-days.server";
import { freeStartTimes } from "./free-times";
import { offeringOf } from "./list-free-times.server";
import { type BookingView, presentBooking, presentNewBooking } from "./present.server";
import type { CreateBookingInput } from "./schema";
import { isCode, isSlotConflict, slotTaken } from "./slot-taken.server";

const minuteMs = 60_000;

const refuse = (status: number, messageKey: string, field?: string) =>
	new AppError(status, status === 422 ? "slot_unavailable" : "validation_failed", messageKey, {
		fields: field ? { [field]: messageKey } : undefined,
	});

/** Expires this coach's unpaid bookings whose payment time has run out, in the caller's transaction. */
async function expireLapsed(tx: Transaction, coachId: string, now: Date): Promise<void> {
	const lapsed = await tx
		.select()
		.from(bookings)
		.where(and(eq(bookings.coachId, coachId), inArray(bookings.status, ["pending_payment"]), lt(bookings.payBy, now)))
		.for("update", { skipLocked: true });
	for (const booking of lapsed) await transition(tx, booking, "expire", { actor: "system", actorId: null });
}

/** The booking an earlier request with the same idempotency key made, as the answer to a retry. */
async function earlierBooking(playerId: string, idempotencyKey: string | undefined) {
	if (!idempotencyKey) return null;
	const [earlier] = await db()
		.select()
		.from(bookings)
		.where(and(eq(bookings.playerId, playerId), eq(bookings.idempotencyKey, idempotencyKey)))
		.limit(1);
	return earlier ? { booking: await presentBooking(earlier), created: false } : null;
}

/**
 * Books a lesson: the offering, a free time, the place and the payment plan, with what was agreed
 * copied onto the booking. It waits for payment (`pending_payment`) until its deadline. Two
 * requests for overlapping times of one coach can never both succeed: the database's exclusion
 * constraint decides, and the loser gets 409 slot_taken with the nearest free times. A retry with
 * the same idempotency key returns the first booking.
 */
export async function createBooking(input: {
	caller: Caller;
	request: CreateBookingInput;
	idempotencyKey?: string;
	now?: Date;
}): Promise<{ booking: BookingView; created: boolean }> {
	const { caller, request } = input;
	const now = input.now ?? new Date();
	const earlier = await earlierBooking(caller.userId, input.idempotencyKey);
	if (earlier) return earlier;
	const terms = await getCoachBookingTerms(request.coachId);
	if (!terms?.bookable) throw notFound("booking.errors.coachNotFound");
	if (terms.userId === caller.userId) throw refuse(400, "booking.errors.ownCoach");
	if (!terms.availability.acceptingBookings) throw refuse(422, "booking.errors.paused");
	const offering = offeringOf(terms, request.offeringId);
	const startsAt = new Date(request.startsAt);
	if (startsAt.getTime() <= now.getTime()) throw refuse(422, "booking.errors.past", "startsAt");

	const location = request.location;
	let placeName: string | null = null;
	if (location.kind === "venue") {
		const place = terms.places.find((candidate) => candidate.id === location.placeId);
		if (!place) throw refuse(400, "booking.errors.place", "location.placeId");
		placeName = place.name;
	}
	if (location.kind === "online" && !offering.online) throw refuse(400, "booking.errors.notOnline", "location.kind");

	// Is the time one of the coach's free times, leaving other bookings aside? If not, it never was
	// bookable (422); if it is but a booking holds it, it is taken (409).
	const query = {
		availability: terms.availability,
		durationMinutes: offering.durationMinutes,
		now,
		from: startsAt,
		to: startsAt,
	};
	const onOffer = freeStartTimes({ ...query, booked: [] }).some((slot) => slot.startsAt.getTime() === startsAt.getTime());
	if (!onOffer) throw refuse(422, "booking.errors.notAFreeTime", "startsAt");

	const { BOOKING_PAYMENT_MINUTES } = settings();
	// The booking form shows the same amount before the player submits.
	const depositFen = amountDueFen(offering.priceFen, request.paymentPlan);
	const endsAt = new Date(startsAt.getTime() + offering.durationMinutes * minuteMs);
	const bookingId = crypto.randomUUID();
	try {
		const booking = await db().transaction(async (tx) => {
			const values: typeof bookings.$inferInsert = {
				id: bookingId,
				coachId: terms.coachId,
				playerId: caller.userId,
				status: "pending_payment",
				offeringId: offering.id,
				courseType: offering.courseType,
				durationMinutes: offering.durationMinutes,
				priceFen: offering.priceFen,
				paymentPlan: request.paymentPlan,
				depositFen,
				startsAt,
				endsAt,
				bufferMinutes: terms.availability.bufferMinutes,
				holdsUntil: new Date(endsAt.getTime() + terms.availability.bufferMinutes * minuteMs),
				locationKind: location.kind,
				placeId: location.kind === "venue" ? location.placeId : null,
				placeName,
				addressEnc: location.kind === "address" ? encrypt(location.address, sealedIn(bookings.addressEnc, bookingId)) : null,
				note: request.note || null,
				cancellationPolicy: terms.cancellationPolicy,
				cancellationTerms: terms.cancellationTerms,
				payBy: new Date(now.getTime() + BOOKING_PAYMENT_MINUTES * minuteMs),
				idempotencyKey: input.idempotencyKey ?? null,
			};
			// The usual case asks nothing first: the insert holds the time, or is refused (by the
			// exclusion constraint or the idempotency key) without aborting the transaction.
			let [inserted] = await tx.insert(bookings).values(values).onConflictDoNothing().returning();
			if (!inserted) {
				// An unpaid booking of this coach whose payment time ran out may be what holds the time:
				// expired now, so its time is free at once rather than when the expiry job next runs.
				// Asked again without DO NOTHING, the database names a refusal that remains (23P01, 23505).
				await expireLapsed(tx, terms.coachId, now);
				[inserted] = await tx.insert(bookings).values(values).returning();
			}
			// The coach's inbox hears of it in the statement that logs it (delivered on commit), and the
			// search summary's lock is taken there too, a round trip saved (it must come before the
			// statement that reads the coach's lessons; the two writes between hold it a little longer).
			await recordBookingEvent(
				tx,
				{
					bookingId,
					kind: "created",
					actor: "player",
					actorId: caller.userId,
					toStatus: "pending_payment",
					detail: { priceFen: offering.priceFen, depositFen, paymentPlan: request.paymentPlan },
				},
				{ coachId: terms.coachId, playerId: caller.userId, bookingId, status: "pending_payment" },
				freeDaysLock(terms.coachId),
			);
			if (!inserted) throw new Error("booking insert returned nothing");
			await tellBookingParties(tx, inserted, "created", { coach: terms, player: caller.user });
			// Presented from what this request holds (a new booking has no completion or open change
			// yet), else on the transaction's own connection: once the booking commits, the answer
			// needs no other, so a busy pool cannot turn a booking that was made into a 503.
			const view = caller.user
				? presentNewBooking(inserted, { coachName: terms.displayName, playerName: caller.user.displayName })
				: await presentBooking(inserted, tx, { [`coach:${terms.coachId}`]: terms.displayName });
			// Only the days around the new booking change in search's summary.
			await refreshCoachFreeDays(tx, terms.coachId, now, [heldBy(inserted)], { locked: true });
			return view;
		});
		return { booking, created: true };
	} catch (error) {
		if (isSlotConflict(error)) throw await slotTaken(terms, offering.durationMinutes, startsAt, now);
		if (isCode(error, "23505")) {
			// The same request, retried while the first was being written: answer with the first.
			const first = await earlierBooking(caller.userId, input.idempotencyKey);
			if (first) return first;
		}
		throw error;
	}
}
