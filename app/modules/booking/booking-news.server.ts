import { decryptOrNull } from "~/lib/crypto.server";
import type { Transaction } from "~/lib/db.server";
import { sealedIn } from "~/lib/encrypted-columns.server";
import { isLocale, type Locale } from "~/lib/i18n";
import { queueMessage } from "~/modules/accounts/messaging/queue-message.server";
import { notify } from "~/modules/accounts/notifications.server";
import { findUsersByIds, type UserRow } from "~/modules/accounts/users.server";
import { coachIdentity } from "~/modules/coaches/booking-terms.server";
import { users } from "../../../db/schema";
import { sendJobIn } from "../../../jobs/send-in";
import type { Actor, BookingRow } from "./booking-record.server";

/** What happened to a booking that its people hear about. */
export type BookingNews =
	| "created"
	| "paid"
	| "confirmed"
	| "rejected"
	| "adjusted"
	| "reschedule_requested"
	| "rescheduled"
	| "change_declined"
	| "cancelled"
	| "expired"
	| "unanswered"
	| "started"
	| "completed"
	| "finished"
	| "disputed"
	| "disputeResolved"
	| "no_show"
	| "reminder24h"
	| "reminder1h";

type Audience = "player" | "coach";
interface Telling {
	to: Audience;
	/** In-app kind under `notifications.kinds.`. */
	kind: string;
	/** Outbox template under `messages.` (SMS, or email without a phone); none for in-app only. */
	message?: string;
}

/**
 * Who hears of what, in one table: the player about what the coach or the platform did, the coach
 * about payments and the player's cancellations; both about reminders and about a cancellation
 * neither of them made. A lesson's start and the no-show stay in-app (the player is there).
 */
function tellingsOf(news: BookingNews, cancelledBy: Actor | null, by?: "player" | "coach"): Telling[] {
	switch (news) {
		case "created":
			return [{ to: "player", kind: "bookingCreated", message: "booking.created" }];
		case "paid":
			return [{ to: "coach", kind: "bookingPaid", message: "booking.paid" }];
		case "confirmed":
			return [{ to: "player", kind: "bookingConfirmed", message: "booking.confirmed" }];
		case "rejected":
			return [{ to: "player", kind: "bookingRejected", message: "booking.rejected" }];
		case "adjusted":
			return [{ to: "player", kind: "bookingAdjusted", message: "booking.adjusted" }];
		// A proposed change goes to the side that did not make it; its refusal goes back to the proposer.
		case "reschedule_requested":
			return [
				{ to: by === "coach" ? "player" : "coach", kind: "bookingRescheduleRequested", message: "booking.rescheduleRequested" },
			];
		case "change_declined":
			return [{ to: by === "player" ? "player" : "coach", kind: "bookingChangeDeclined", message: "booking.changeDeclined" }];
		case "rescheduled":
			return [
				{ to: "player", kind: "bookingRescheduled", message: "booking.rescheduled" },
				{ to: "coach", kind: "bookingRescheduled", message: "booking.rescheduled" },
			];
		case "cancelled": {
			const player: Telling = { to: "player", kind: "bookingCancelled", message: "booking.cancelled" };
			const coach: Telling = { to: "coach", kind: "bookingCancelled", message: "booking.cancelled" };
			if (cancelledBy === "player") return [coach];
			if (cancelledBy === "coach") return [player];
			return [player, coach];
		}
		case "expired":
			return [{ to: "player", kind: "bookingExpired" }];
		case "unanswered":
			return [
				{ to: "player", kind: "bookingUnanswered", message: "booking.unanswered" },
				{ to: "coach", kind: "bookingUnansweredCoach" },
			];
		case "started":
			return [{ to: "player", kind: "lessonStarted" }];
		// The coach finished: the player confirms (or it completes by itself), so the player is asked by text too.
		case "finished":
			return [{ to: "player", kind: "lessonAwaitingConfirmation", message: "booking.finished" }];
		case "completed":
			return [
				{ to: "player", kind: "lessonFinished", message: "booking.completed" },
				{ to: "coach", kind: "lessonCompleted" },
			];
		// The side that reported the problem knows; the other one hears of it (the back office separately).
		case "disputed":
			return [{ to: by === "coach" ? "player" : "coach", kind: "lessonDisputed", message: "booking.disputed" }];
		case "disputeResolved":
			return [
				{ to: "player", kind: "disputeResolved", message: "booking.disputeResolved" },
				{ to: "coach", kind: "disputeResolved", message: "booking.disputeResolved" },
			];
		case "no_show":
			return [{ to: "player", kind: "lessonNoShow" }];
		case "reminder24h":
		case "reminder1h": {
			const kind = news === "reminder24h" ? "bookingReminder24h" : "bookingReminder1h";
			const message = news === "reminder24h" ? "booking.reminder24h" : "booking.reminder1h";
			return [
				{ to: "player", kind, message },
				{ to: "coach", kind, message },
			];
		}
	}
}

// Built once per form: constructing an Intl.DateTimeFormat costs far more than formatting with one,
// and every booking change formats several times.
const lessonTimeFormats = new Map<"numeric" | "short", Intl.DateTimeFormat>();
function lessonTimeFormat(month: "numeric" | "short"): Intl.DateTimeFormat {
	let format = lessonTimeFormats.get(month);
	if (!format) {
		format = new Intl.DateTimeFormat("en-GB", {
			timeZone: "Asia/Shanghai",
			month,
			day: "numeric",
			hour: "2-digit",
			minute: "2-digit",
			hourCycle: "h23",
		});
		lessonTimeFormats.set(month, format);
	}
	return format;
}

/** "12月3日 14:00" / "3 Dec 14:00", always Shanghai time (where the lesson is scheduled). */
export function lessonTime(at: Date, locale: Locale): string {
	const parts = Object.fromEntries(
		lessonTimeFormat(locale === "zh-CN" ? "numeric" : "short")
			.formatToParts(at)
			.map((part) => [part.type, part.value]),
	);
	const clock = `${parts.hour}:${parts.minute}`;
	return locale === "zh-CN" ? `${parts.month}月${parts.day}日 ${clock}` : `${parts.day} ${parts.month} ${clock}`;
}

/**
 * Tells the booking's people what happened, in the transaction of the change: an in-app
 * notification, and a text by SMS (or email when the person has no phone) through the accounts
 * outbox, whose delivery job is queued in the same transaction. Every booking service calls this
 * rather than `notify`, so who is told what is decided here only.
 */
export async function tellBookingParties(
	tx: Transaction,
	booking: BookingRow,
	news: BookingNews,
	extra: {
		reason?: string;
		skipUserId?: string;
		by?: "player" | "coach";
		until?: Date;
		newTime?: Date;
		/** The booking's coach when the caller has just read it (booking creation), so it is not read again. */
		coach?: { userId: string; displayName: string };
		/** The booking's player when the caller holds their row (the player's own request), likewise. */
		player?: UserRow;
	} = {},
): Promise<void> {
	const tellings = tellingsOf(news, booking.cancelledBy, extra.by);
	if (tellings.length === 0) return;
	const coach = extra.coach ?? (await coachIdentity(booking.coachId, tx));
	// The player (whose name every text carries) and the coach's account when the coach is told, in one read.
	const knownPlayer = extra.player?.id === booking.playerId ? extra.player : undefined;
	const coachTold = tellings.some((telling) => telling.to === "coach") ? coach?.userId : undefined;
	const people = await findUsersByIds([...(knownPlayer ? [] : [booking.playerId]), ...(coachTold ? [coachTold] : [])], tx);
	const player = knownPlayer ?? people.get(booking.playerId);
	for (const telling of tellings) {
		const userId = telling.to === "player" ? booking.playerId : coach?.userId;
		if (!userId || userId === extra.skipUserId) continue;
		const person = telling.to === "player" ? player : people.get(userId);
		if (!person || person.status !== "active") continue;
		const locale: Locale = isLocale(person.locale) ? person.locale : "zh-CN";
		const params: Record<string, string> = {
			time: lessonTime(booking.startsAt, locale),
			coach: coach?.displayName ?? "",
			player: player?.displayName ?? "",
			reason: extra.reason ?? "",
			payBy: booking.payBy ? lessonTime(booking.payBy, locale) : "",
			until: extra.until ? lessonTime(extra.until, locale) : "",
			newTime: extra.newTime ? lessonTime(extra.newTime, locale) : "",
		};
		const link = telling.to === "player" ? `/me/bookings/${booking.id}` : `/coach/orders/${booking.id}`;
		await notify({ userId, kind: telling.kind, params, link }, tx);
		if (!telling.message) continue;
		const phone = decryptOrNull(person.phoneEnc, sealedIn(users.phoneEnc, person.id));
		const email = person.emailVerifiedAt ? decryptOrNull(person.emailEnc, sealedIn(users.emailEnc, person.id)) : null;
		if (!phone && !email) continue;
		const messageId = await queueMessage(
			{
				channel: phone ? "sms" : "email",
				recipient: (phone ?? email) as string,
				userId,
				template: telling.message,
				params,
				locale,
			},
			tx,
		);
		await sendJobIn(tx, "messaging.deliver", { messageId });
	}
}
