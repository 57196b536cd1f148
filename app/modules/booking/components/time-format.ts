import { dateTimeFormat } from "~/lib/intl-formats";

/** Lesson times are agreed in Asia/Shanghai; a viewer elsewhere also sees their own clock. */
export const shanghai = "Asia/Shanghai";

const tagOf = (locale: string) => (locale === "en" ? "en-US" : "zh-CN");

export function formatDay(date: string, locale: string): string {
	// Noon keeps the date the same in every zone the formatter might apply.
	return dateTimeFormat(tagOf(locale), { month: "short", day: "numeric", weekday: "short", timeZone: "UTC" }).format(
		new Date(`${date}T12:00:00Z`),
	);
}

export function formatClock(iso: string, locale: string, timeZone = shanghai): string {
	return dateTimeFormat(tagOf(locale), { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(new Date(iso));
}

export function formatDateTime(iso: string, locale: string, timeZone = shanghai): string {
	return dateTimeFormat(tagOf(locale), {
		month: "short",
		day: "numeric",
		weekday: "short",
		hour: "2-digit",
		minute: "2-digit",
		hourCycle: "h23",
		timeZone,
	}).format(new Date(iso));
}
