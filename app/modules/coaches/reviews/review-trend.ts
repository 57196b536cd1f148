/** One Shanghai month of a coach's published reviews: how many, and their mean overall stars (null without any). */
export interface ReviewMonth {
	month: string;
	count: number;
	average: number | null;
}

const shanghaiMonth = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit" });

/** The `count` Shanghai months up to the one `now` is in, oldest first, as YYYY-MM. */
export function reviewTrendMonths(now: Date, count = 12): string[] {
	const [year, month] = shanghaiMonth.format(now).split("-").map(Number) as [number, number];
	return Array.from({ length: count }, (_, index) => {
		const back = new Date(Date.UTC(year, month - 1 - (count - 1 - index), 1));
		return `${back.getUTCFullYear()}-${String(back.getUTCMonth() + 1).padStart(2, "0")}`;
	});
}
