import { asc, eq, inArray } from "drizzle-orm";
import { decryptOrNull } from "~/lib/crypto.server";
import { type DbOrTx, db } from "~/lib/db.server";
import { sealedIn } from "~/lib/encrypted-columns.server";
import { findUserById } from "~/modules/accounts/users.server";
import { coachIdentity } from "~/modules/coaches/booking-terms.server";
import { bookingEvents, bookings } from "../../../db/schema";
import { type BookingChangeView, openChangesOf } from "./booking-change-view.server";
import type { BookingRow } from "./booking-record.server";
import { type CompletionView, completionOf, noCompletion } from "./completion/completion-view.server";
import type { BookingStatus } from "./lifecycle";

/** A booking as its player, its coach and the back office see it (API and pages alike). */
export interface BookingView {
	id: string;
	status: BookingStatus;
	coach: { id: string; displayName: string };
	player: { id: string; displayName: string };
	courseType: BookingRow["courseType"];
	durationMinutes: number;
	startsAt: string;
	endsAt: string;
	priceFen: number;
	depositFen: number;
	paidFen: number;
	paymentPlan: "deposit" | "full";
	payBy: string | null;
	location: { kind: "venue" | "address" | "online"; placeName: string | null; address: string | null };
	note: string | null;
	cancellationPolicy: BookingRow["cancellationPolicy"];
	cancelledBy: BookingRow["cancelledBy"];
	cancelReason: string | null;
	refundFen: number | null;
	createdAt: string;
	/** The coach's finish, the completion (confirmed or by itself) and a dispute. */
	completion: CompletionView;
	/** The open proposal to change it (the coach's adjustment or a reschedule), waiting for an answer. */
	pendingChange: BookingChangeView | null;
}

export interface BookingEventView {
	kind: string;
	actor: "player" | "coach" | "platform" | "system";
	fromStatus: BookingStatus | null;
	toStatus: BookingStatus | null;
	detail: Record<string, unknown>;
	at: string;
}

async function displayNameOfUser(userId: string, tx: DbOrTx): Promise<string> {
	const user = await findUserById(userId, tx);
	return user?.displayName ?? "";
}

function viewOf(
	row: BookingRow,
	seen: { coachName: string; playerName: string; completion: CompletionView; pendingChange: BookingChangeView | null },
): BookingView {
	return {
		id: row.id,
		status: row.status,
		coach: { id: row.coachId, displayName: seen.coachName },
		player: { id: row.playerId, displayName: seen.playerName },
		courseType: row.courseType,
		durationMinutes: row.durationMinutes,
		startsAt: row.startsAt.toISOString(),
		endsAt: row.endsAt.toISOString(),
		priceFen: row.priceFen,
		depositFen: row.depositFen,
		paidFen: row.paidFen,
		paymentPlan: row.paymentPlan,
		payBy: row.payBy?.toISOString() ?? null,
		location: {
			kind: row.locationKind,
			placeName: row.placeName,
			address: decryptOrNull(row.addressEnc, sealedIn(bookings.addressEnc, row.id)),
		},
		note: row.note,
		cancellationPolicy: row.cancellationPolicy,
		cancelledBy: row.cancelledBy,
		cancelReason: row.cancelReason,
		refundFen: row.refundFen,
		createdAt: row.createdAt.toISOString(),
		completion: seen.completion,
		pendingChange: seen.pendingChange,
	};
}

export async function presentBookings(
	rows: BookingRow[],
	tx: DbOrTx = db(),
	/** Names the caller already knows, by `coach:<coachId>` or `user:<userId>`: not read again. */
	known: Record<string, string> = {},
): Promise<BookingView[]> {
	// Names read once per list, not once per row.
	const names = new Map<string, string>(Object.entries(known));
	const views: BookingView[] = [];
	const completions = await completionOf(rows, tx);
	const changes = await openChangesOf(
		rows.map((row) => row.id),
		tx,
	);
	for (const row of rows) {
		const coachName = names.get(`coach:${row.coachId}`) ?? (await coachIdentity(row.coachId, tx))?.displayName ?? "";
		names.set(`coach:${row.coachId}`, coachName);
		const playerName = names.get(`user:${row.playerId}`) ?? (await displayNameOfUser(row.playerId, tx));
		names.set(`user:${row.playerId}`, playerName);
		views.push(
			viewOf(row, {
				coachName,
				playerName,
				completion: completions.get(row.id) ?? noCompletion,
				pendingChange: changes.get(row.id) ?? null,
			}),
		);
	}
	return views;
}

export async function presentBooking(
	row: BookingRow,
	tx: DbOrTx = db(),
	known: Record<string, string> = {},
): Promise<BookingView> {
	const [view] = await presentBookings([row], tx, known);
	return view as BookingView;
}

/**
 * A booking its transaction has just inserted, with the names its caller already holds: it can
 * have no completion and no open change yet, so nothing is read (booking creation's hot path).
 */
export const presentNewBooking = (row: BookingRow, names: { coachName: string; playerName: string }): BookingView =>
	viewOf(row, { ...names, completion: noCompletion, pendingChange: null });

/** The booking's timeline, oldest first. */
export async function timelineOf(bookingIds: string[], tx: DbOrTx = db()): Promise<Map<string, BookingEventView[]>> {
	const rows =
		bookingIds.length === 0
			? []
			: await tx
					.select()
					.from(bookingEvents)
					.where(inArray(bookingEvents.bookingId, bookingIds))
					.orderBy(asc(bookingEvents.createdAt));
	const timeline = new Map<string, BookingEventView[]>();
	for (const row of rows) {
		const events = timeline.get(row.bookingId) ?? [];
		events.push({
			kind: row.kind,
			actor: row.actor,
			fromStatus: row.fromStatus,
			toStatus: row.toStatus,
			detail: row.detail,
			at: row.createdAt.toISOString(),
		});
		timeline.set(row.bookingId, events);
	}
	return timeline;
}

export const bookingById = async (bookingId: string, tx: DbOrTx = db()) =>
	(await tx.select().from(bookings).where(eq(bookings.id, bookingId)).limit(1))[0];
