import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { coaches, coachFreeDays } from "../../../db/schema";
import { addDays, todayInShanghai } from "./availability/time";

export interface CoachFreeSoon {
	userId: string;
	coachId: string;
	displayName: string;
	/** The coach's next free dates (Shanghai) from the search summary, the earliest first. */
	days: Array<{ date: string; firstFreeAt: string; eveningFree: boolean }>;
}

/**
 * Of these users, the approved coaches with free time in the next `withinDays` days and their first
 * few free dates, read from the free-days summary (what the community feed shows of followed coaches).
 */
export async function freeSoonOfCoachUsers(
	userIds: readonly string[],
	options: { withinDays?: number; daysEach?: number; now?: Date } = {},
): Promise<CoachFreeSoon[]> {
	if (userIds.length === 0) return [];
	const today = todayInShanghai(options.now);
	const rows = await db()
		.select({
			userId: coaches.userId,
			coachId: coaches.id,
			displayName: coaches.displayName,
			date: coachFreeDays.date,
			firstFreeAt: coachFreeDays.firstFreeAt,
			eveningFree: coachFreeDays.eveningFree,
		})
		.from(coaches)
		.innerJoin(coachFreeDays, eq(coachFreeDays.coachId, coaches.id))
		.where(
			and(
				inArray(coaches.userId, [...new Set(userIds)]),
				eq(coaches.status, "approved"),
				gte(coachFreeDays.date, today),
				lte(coachFreeDays.date, addDays(today, options.withinDays ?? 7)),
			),
		)
		.orderBy(asc(coachFreeDays.date));
	const byCoach = new Map<string, CoachFreeSoon>();
	for (const row of rows) {
		const entry = byCoach.get(row.coachId) ?? {
			userId: row.userId,
			coachId: row.coachId,
			displayName: row.displayName,
			days: [],
		};
		if (entry.days.length < (options.daysEach ?? 3)) {
			entry.days.push({ date: row.date, firstFreeAt: row.firstFreeAt.toISOString(), eveningFree: row.eveningFree });
		}
		byCoach.set(row.coachId, entry);
	}
	return [...byCoach.values()];
}
