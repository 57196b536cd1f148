import { and, eq, type SQL, sql } from "drizzle-orm";
import type { DbOrTx, Transaction } from "~/lib/db.server";
import { AppError, notFound } from "~/lib/errors";
import { recordEvent } from "~/lib/events.server";
import { can, type Role } from "~/modules/accounts/permissions";
import type { UserRow } from "~/modules/accounts/users.server";
import { findCoachOfUser } from "~/modules/coaches/application/coach-record.server";
import { bookingEvents, bookings } from "../../../db/schema";
import { heldBy, refreshCoachFreeDays } from "./free-days.server";
import { lapseOpenProposal, proposalStates } from "./lapse-booking-changes.server";
import { type BookingAction, type BookingStatus, isActive, nextStatus } from "./lifecycle";
import { type BookingChange, bookingChangeNotice } from "./live.server";
import { refreshCoachReliability } from "./reliability/refresh-reliability.server";

export type BookingRow = typeof bookings.$inferSelect;
/** Who calls: the signed-in person and their roles. */
export interface Caller {
	userId: string;
	roles: readonly Role[];
	/** Set by back-office routes only. */
	asStaff?: boolean;
	/** The caller's account as their session read it, so telling or presenting them reads nothing again. */
	user?: UserRow;
}
/** How the caller relates to a booking: its player, its coach, or the back office. */
export type Party = "player" | "coach" | "staff";
export type Actor = "player" | "coach" | "platform" | "system";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The caller's part in a booking, or null: anyone else must not learn the booking exists. Staff
 * count only where the caller came through the back office (`asStaff`), which checks their second
 * factor; the player's and coach's own routes never let staff in.
 */
export async function partyOf(booking: BookingRow, caller: Caller, tx: DbOrTx): Promise<Party | null> {
	if (booking.playerId === caller.userId) return "player";
	const coach = await findCoachOfUser(caller.userId, tx);
	if (coach && coach.id === booking.coachId) return "coach";
	if (caller.asStaff && can(caller.roles, "access:admin")) return "staff";
	return null;
}

/**
 * The booking the caller may act on, locked for the rest of the transaction so two actions on one
 * booking (a double click, the coach and the expiry job) run one after the other. Strangers get 404.
 */
export async function lockBookingFor(
	tx: Transaction,
	bookingId: string,
	caller: Caller,
): Promise<{ booking: BookingRow; party: Party }> {
	const booking = await lockBooking(tx, bookingId);
	const party = await partyOf(booking, caller, tx);
	if (!party) throw notFound("booking.errors.notFound");
	return { booking, party };
}

export async function lockBooking(tx: Transaction, bookingId: string): Promise<BookingRow> {
	if (!uuid.test(bookingId)) throw notFound("booking.errors.notFound");
	const [booking] = await tx.select().from(bookings).where(eq(bookings.id, bookingId)).for("update").limit(1);
	if (!booking) throw notFound("booking.errors.notFound");
	return booking;
}

export const notNow = (status: BookingStatus) => new AppError(409, "conflict", "booking.errors.notNow", { params: { status } });

/**
 * Moves a locked booking through one action of the life cycle, writing the change and its row in
 * the booking's event log in the caller's transaction. Refuses an action the current state does
 * not allow (409), so a repeated or late request changes nothing.
 */
export async function transition(
	tx: Transaction,
	booking: BookingRow,
	action: BookingAction,
	by: { actor: Actor; actorId: string | null },
	changes: Partial<typeof bookings.$inferInsert> = {},
	detail: Record<string, unknown> = {},
): Promise<BookingRow> {
	const to = nextStatus(booking.status, action);
	if (!to) throw notNow(booking.status);
	// The coach's answer (accepting, declining, or the player taking the coach's adjustment) is timed for reliability.
	const answers = action === "confirm" || action === "reject";
	const set = answers && !booking.answeredAt ? { ...changes, answeredAt: changes.answeredAt ?? new Date() } : changes;
	const [updated] = await tx
		.update(bookings)
		.set({ ...set, status: to, updatedAt: new Date() })
		.where(and(eq(bookings.id, booking.id), eq(bookings.status, booking.status)))
		.returning();
	if (!updated) throw notNow(booking.status);
	// The pages hear of the change in the statement that logs it (delivered on commit either way).
	const change = { coachId: booking.coachId, playerId: booking.playerId, bookingId: booking.id, status: to };
	await recordBookingEvent(
		tx,
		{ bookingId: booking.id, kind: action, ...by, fromStatus: booking.status, toStatus: to, detail },
		change,
	);
	// Money follows the booking: payments refunds or splits what was paid for a lesson that will not happen.
	if ((to === "cancelled" || to === "rejected") && updated.paidFen > 0) {
		await recordEvent(tx, "booking.cancelled", { bookingId: booking.id });
	}
	// The coach's reliability moves with an answer and with a cancellation by the coach or for want of an answer.
	if (answers || (action === "cancel" && (changes.cancelledBy === "coach" || changes.cancelledBy === "system"))) {
		await refreshCoachReliability(tx, booking.coachId);
	}
	// A proposal is answered in the state it was made in: leaving that state lapses it and frees its time.
	const proposalFreed =
		to !== booking.status && proposalStates.includes(booking.status) && (await lapseOpenProposal(tx, updated));
	// Search's free days change when time is freed or taken (a cancellation, an expiry, a move).
	if (isActive(booking.status) !== isActive(to) || changes.startsAt || changes.holdsUntil || proposalFreed) {
		// Only the days around the time held before and after (a freed proposal: the whole window).
		await refreshCoachFreeDays(tx, booking.coachId, undefined, proposalFreed ? undefined : [heldBy(booking), heldBy(updated)]);
	}
	return updated;
}

export async function recordBookingEvent(
	tx: DbOrTx,
	event: {
		bookingId: string;
		kind: string;
		actor: Actor;
		actorId: string | null;
		fromStatus?: BookingStatus | null;
		toStatus?: BookingStatus | null;
		detail?: Record<string, unknown>;
	},
	/** A change to announce to the live pages in the same statement (one round trip for both). */
	notice?: BookingChange,
	/** Another expression to evaluate in that statement (booking creation takes the summary lock there). */
	also?: SQL,
): Promise<void> {
	const insert = tx.insert(bookingEvents).values({
		bookingId: event.bookingId,
		kind: event.kind,
		actor: event.actor,
		actorId: event.actorId,
		fromStatus: event.fromStatus ?? null,
		toStatus: event.toStatus ?? null,
		detail: event.detail ?? {},
	});
	if (!notice) return void (await insert);
	const extra = also ? sql`, ${also}` : sql``;
	await tx.execute(
		sql`with recorded as (${insert.getSQL()} returning 1) select ${bookingChangeNotice(notice)}${extra} from recorded`,
	);
}
