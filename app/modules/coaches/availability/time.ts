/**
 * Times of day as the coach types them ("HH:MM", Asia/Shanghai) and as they are stored (minutes
 * from midnight). "24:00" ends a day.
 */
export const timeZone = "Asia/Shanghai";
export const timePattern = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export function minutesOf(time: string): number {
	const [hours, minutes] = time.split(":").map(Number);
	return (hours ?? 0) * 60 + (minutes ?? 0);
}

export function timeOf(minutes: number): string {
	return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** The indexes (into `ranges`) of ranges that overlap an earlier one; touching ends do not overlap. */
export function overlappingRanges(ranges: ReadonlyArray<{ start: number; end: number }>): number[] {
	const order = ranges.map((range, index) => ({ ...range, index })).sort((a, b) => a.start - b.start || a.end - b.end);
	const overlapping: number[] = [];
	let latestEnd = -1;
	for (const range of order) {
		if (range.start < latestEnd) overlapping.push(range.index);
		latestEnd = Math.max(latestEnd, range.end);
	}
	return overlapping.sort((a, b) => a - b);
}

/** Today's date in China, "YYYY-MM-DD", whatever the server's zone. */
export function todayInShanghai(now = new Date()): string {
	// A fixed UTC+8 (no daylight saving since 1991): arithmetic, where building an Intl formatter on
	// every call cost more than the rest of a booking's summary work.
	return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
	const day = new Date(`${date}T00:00:00Z`);
	day.setUTCDate(day.getUTCDate() + days);
	return day.toISOString().slice(0, 10);
}
