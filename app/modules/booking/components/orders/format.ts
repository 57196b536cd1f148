import type { BookingView } from "../../present.server";

const timeZone = "Asia/Shanghai";
const formats = new Map<string, Intl.DateTimeFormat>();
function format(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${language} ${JSON.stringify(options)}`;
	let made = formats.get(key);
	if (!made) {
		made = new Intl.DateTimeFormat(language, { timeZone, ...options });
		formats.set(key, made);
	}
	return made;
}

/** "12月3日周四 14:00–15:00", always in Shanghai time: where the lesson happens. */
export function lessonTime(booking: Pick<BookingView, "startsAt" | "endsAt">, language: string): string {
	const day = format(language, { month: "short", day: "numeric", weekday: "short" }).format(new Date(booking.startsAt));
	const clock = format(language, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
	return `${day} ${clock.format(new Date(booking.startsAt))}–${clock.format(new Date(booking.endsAt))}`;
}

export function momentOf(iso: string, language: string): string {
	return format(language, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
		new Date(iso),
	);
}
