/**
 * An online lesson's video room, as data: its name from the booking, when it is open, and the
 * identity each device joins under. Pure, so the pages and the token service agree on the window.
 */
export const roomOpensMinutesBefore = 10;
export const roomClosesMinutesAfter = 30;
/** Two people, each with a phone over the table, fit; nobody else is let in. */
export const roomMaxParticipants = 4;
/** LiveKit closes a room nobody has been in for this long (it is made again by the next token). */
export const roomEmptyTimeoutSeconds = 10 * 60;
/** Tokens only admit to the room; the page asks for a new one before this runs out. */
export const videoTokenSeconds = 10 * 60;

export const videoDevices = ["main", "second"] as const;
export type VideoDevice = (typeof videoDevices)[number];
export type LessonParty = "player" | "coach";

const minuteMs = 60_000;
const roomPrefix = "booking-";

export const roomNameOf = (bookingId: string) => `${roomPrefix}${bookingId}`;

export function bookingIdOfRoom(room: string): string | null {
	return room.startsWith(roomPrefix) ? room.slice(roomPrefix.length) : null;
}

export function roomWindow(lesson: { startsAt: Date; endsAt: Date }): { opensAt: Date; closesAt: Date } {
	return {
		opensAt: new Date(lesson.startsAt.getTime() - roomOpensMinutesBefore * minuteMs),
		closesAt: new Date(lesson.endsAt.getTime() + roomClosesMinutesAfter * minuteMs),
	};
}

export function roomState(lesson: { startsAt: Date; endsAt: Date }, now: Date): "not_yet" | "open" | "closed" {
	const { opensAt, closesAt } = roomWindow(lesson);
	if (now < opensAt) return "not_yet";
	return now <= closesAt ? "open" : "closed";
}

/** `<party>-<userId>-<device>`: the same person's phone over the table is a second participant. */
export const identityOf = (party: LessonParty, userId: string, device: VideoDevice) => `${party}-${userId}-${device}`;

const identityPattern = /^(player|coach)-([0-9a-f-]{36})-(main|second)$/;

export function parseIdentity(identity: string): { party: LessonParty; userId: string; device: VideoDevice } | null {
	const match = identityPattern.exec(identity);
	if (!match) return null;
	return { party: match[1] as LessonParty, userId: match[2] as string, device: match[3] as VideoDevice };
}

/** Whether a booking's pages offer "enter the classroom": an online lesson confirmed or under way. */
export const offersClassroom = (booking: { location: { kind: string }; status: string }) =>
	booking.location.kind === "online" && (booking.status === "confirmed" || booking.status === "in_progress");
