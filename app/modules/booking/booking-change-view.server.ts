import { and, eq, inArray } from "drizzle-orm";
import { decryptOrNull } from "~/lib/crypto.server";
import { type DbOrTx, db } from "~/lib/db.server";
import { sealedIn } from "~/lib/encrypted-columns.server";
import { bookingProposals, type ProposalLocation } from "../../../db/schema";

export type ProposalRow = typeof bookingProposals.$inferSelect;
export interface ChangeLocationView {
	kind: "venue" | "address" | "online";
	placeName: string | null;
	address: string | null;
}

/** An open proposal as both sides see it: what the booking is now, and what it would become. */
export interface BookingChangeView {
	id: string;
	kind: "adjust" | "reschedule";
	by: "player" | "coach";
	/** The proposed time, or null when only the place would change. */
	startsAt: string | null;
	endsAt: string | null;
	/** The proposed place, or null when it stays. */
	location: ChangeLocationView | null;
	message: string | null;
	from: { startsAt: string; endsAt: string; location: ChangeLocationView };
	createdAt: string;
}

const locationView = (location: ProposalLocation, addressEnc: string | null, sealed: Parameters<typeof decryptOrNull>[1]) => ({
	kind: location.kind,
	placeName: location.placeName,
	address: location.kind === "address" ? decryptOrNull(addressEnc, sealed) : null,
});

export function presentChange(row: ProposalRow): BookingChangeView {
	return {
		id: row.id,
		kind: row.kind,
		by: row.proposedBy === "coach" ? "coach" : "player",
		startsAt: row.newStartsAt?.toISOString() ?? null,
		endsAt: row.newEndsAt?.toISOString() ?? null,
		location: row.newLocation
			? locationView(row.newLocation, row.newAddressEnc, sealedIn(bookingProposals.newAddressEnc, row.id))
			: null,
		message: row.message,
		from: {
			startsAt: row.oldStartsAt.toISOString(),
			endsAt: row.oldEndsAt.toISOString(),
			location: locationView(row.oldLocation, row.oldAddressEnc, sealedIn(bookingProposals.oldAddressEnc, row.id)),
		},
		createdAt: row.createdAt.toISOString(),
	};
}

/**
 * The open proposal of each booking, by booking id. One whose proposed time has come is no longer
 * shown (the sweep marks it lapsed and frees the time; an answer to it is refused meanwhile).
 */
export async function openChangesOf(
	bookingIds: string[],
	tx: DbOrTx = db(),
	now = new Date(),
): Promise<Map<string, BookingChangeView>> {
	if (bookingIds.length === 0) return new Map();
	const rows = await tx
		.select()
		.from(bookingProposals)
		.where(and(inArray(bookingProposals.bookingId, bookingIds), eq(bookingProposals.status, "open")));
	return new Map(
		rows
			.filter((row) => !row.newStartsAt || row.newStartsAt.getTime() > now.getTime())
			.map((row) => [row.bookingId, presentChange(row)]),
	);
}
