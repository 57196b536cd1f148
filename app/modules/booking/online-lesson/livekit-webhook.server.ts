import { and, eq, isNull } from "drizzle-orm";
import type { WebhookEvent } from "livekit-server-sdk";
import { db, type Transaction } from "~/lib/db.server";
import { unauthorized } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import { lessonAttendance, livekitWebhookEvents } from "../../../../db/schema";
import { tellBookingParties } from "../booking-news.server";
import { type BookingRow, lockBooking, partyOf, recordBookingEvent, transition } from "../booking-record.server";
import { nextStatus } from "../lifecycle";
import { livekitSettings, webhookReceiver } from "./livekit.server";
import { recordEgressEnded } from "./recording/egress-ended.server";
import { bookingIdOfRoom, parseIdentity } from "./room";
import { videoNotConfigured } from "./video-token.server";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One LiveKit webhook: verified against the API secret (the Authorization JWT's sha256 claim is the
 * body's hash, so a replayed token with another body fails too), then handled once by its event id
 * in one transaction with what it changes, so LiveKit's retries and duplicates change nothing.
 */
export async function handleLivekitWebhook(input: { body: string; authorization: string | undefined }): Promise<void> {
	const lk = livekitSettings();
	if (!lk) throw videoNotConfigured();
	let event: WebhookEvent;
	try {
		event = await webhookReceiver(lk).receive(input.body, input.authorization);
	} catch {
		throw unauthorized("booking.online.errors.badSignature");
	}
	if (!event.id) throw unauthorized("booking.online.errors.badSignature");
	await db().transaction(async (tx) => {
		const [fresh] = await tx
			.insert(livekitWebhookEvents)
			.values({ id: event.id, kind: event.event })
			.onConflictDoNothing()
			.returning({ id: livekitWebhookEvents.id });
		if (!fresh) return;
		if (event.event === "participant_joined" || event.event === "participant_left") await recordAttendance(tx, event);
		if (event.event === "egress_ended") await recordEgressEnded(tx, event);
	});
}

/** When the event happened (LiveKit's seconds), or now for an event without one. */
const eventTime = (event: WebhookEvent) => (event.createdAt ? new Date(Number(event.createdAt) * 1000) : new Date());

async function recordAttendance(tx: Transaction, event: WebhookEvent): Promise<void> {
	const bookingId = bookingIdOfRoom(event.room?.name ?? "");
	const who = parseIdentity(event.participant?.identity ?? "");
	const participantSid = event.participant?.sid;
	// A room or participant not made by this app (a test room on a shared LiveKit): nothing of ours.
	if (!bookingId || !uuid.test(bookingId) || !who || !participantSid) {
		logger.info({ room: event.room?.name, kind: event.event }, "livekit: webhook for a room that is not a booking's");
		return;
	}
	const booking = await lockBooking(tx, bookingId).catch(() => null);
	// The identity must name the booking's own player or coach (the token service made it so; a forged name does not).
	if (!booking || (await partyOf(booking, { userId: who.userId, roles: [] }, tx)) !== who.party) return;
	const at = eventTime(event);
	if (event.event === "participant_joined") {
		const [joined] = await tx
			.insert(lessonAttendance)
			.values({ bookingId, party: who.party, userId: who.userId, device: who.device, participantSid, joinedAt: at })
			.onConflictDoNothing()
			.returning({ id: lessonAttendance.id });
		if (!joined) return;
		await recordBookingEvent(tx, {
			bookingId,
			kind: "lesson_joined",
			actor: who.party,
			actorId: who.userId,
			detail: { device: who.device },
		});
		await startWhenBothPresent(tx, booking);
		return;
	}
	const [left] = await tx
		.update(lessonAttendance)
		.set({ leftAt: at })
		.where(and(eq(lessonAttendance.participantSid, participantSid), isNull(lessonAttendance.leftAt)))
		.returning({ id: lessonAttendance.id });
	if (!left) return;
	await recordBookingEvent(tx, {
		bookingId,
		kind: "lesson_left",
		actor: who.party,
		actorId: who.userId,
		detail: { device: who.device },
	});
}

/**
 * Both sides in the room start a confirmed lesson, as the coach's "start" would: through the
 * life cycle, with the booking's event and the news to both, by the system.
 */
async function startWhenBothPresent(tx: Transaction, booking: BookingRow): Promise<void> {
	if (nextStatus(booking.status, "start") === null) return;
	const present = await tx
		.select({ party: lessonAttendance.party })
		.from(lessonAttendance)
		.where(and(eq(lessonAttendance.bookingId, booking.id), isNull(lessonAttendance.leftAt)));
	const parties = new Set(present.map((row) => row.party));
	if (!parties.has("player") || !parties.has("coach")) return;
	const started = await transition(tx, booking, "start", { actor: "system", actorId: null }, {}, { by: "video_room" });
	await tellBookingParties(tx, started, "started");
}
