import { and, desc, eq, gte, sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { forbidden } from "~/lib/errors";
import { i18nFor, type Locale } from "~/lib/i18n";
import { displayNamesOf } from "~/modules/accounts/display-names.server";
import { lessonReviews } from "../../../../db/schema";
import { findCoachOfUser } from "../application/coach-record.server";
import { type PublicReview, presentReview } from "./list-reviews.server";
import type { RatingSummary } from "./rating";
import { ratingSummaryOf } from "./ratings.server";
import { approvedPhotosOf } from "./review-photos.server";
import { type ReviewMonth, reviewTrendMonths } from "./review-trend";
import { reviewTrendChartSvg } from "./review-trend-chart.server";

/** A review as its coach sees it: as players see it, and whether players see it at all. */
export interface CoachDeskReview extends PublicReview {
	/** held (waiting for a moderator) and hidden reviews are shown to the coach only, marked. */
	status: "published" | "held" | "hidden";
	/**
	 * The coach's own reply whatever its status (a held one marked 审核中, so the coach does not
	 * take it for lost and answer again); null without a reply.
	 */
	replyStatus: "published" | "held" | "hidden" | null;
}

export interface CoachReviewDesk {
	items: CoachDeskReview[];
	summary: RatingSummary;
	/** The last 12 Shanghai months, oldest first, published reviews only (what the rating counts). */
	trend: ReviewMonth[];
}

/**
 * The coach's own reviews page: every review of their lessons newest first, their own held and
 * hidden ones included (marked, so a coach knows why a review is not on the profile), the summary
 * kept in coach_ratings, and the monthly trend of published reviews.
 */
export async function reviewsForCoach(coachId: string, options: { limit?: number; now?: Date } = {}): Promise<CoachReviewDesk> {
	const database = db();
	const now = options.now ?? new Date();
	const months = reviewTrendMonths(now);
	const firstMonth = months[0] ?? "";
	const month = sql<string>`to_char(${lessonReviews.createdAt} at time zone 'Asia/Shanghai', 'YYYY-MM')`;
	const [rows, summary, monthly] = await Promise.all([
		database
			.select()
			.from(lessonReviews)
			.where(eq(lessonReviews.coachId, coachId))
			.orderBy(desc(lessonReviews.createdAt), desc(lessonReviews.id))
			.limit(options.limit ?? 50),
		ratingSummaryOf(coachId, database),
		database
			.select({ month, count: sql<number>`count(*)::int`, sum: sql<number>`sum(${lessonReviews.overall})::int` })
			.from(lessonReviews)
			.where(
				and(
					eq(lessonReviews.coachId, coachId),
					eq(lessonReviews.status, "published"),
					// The first trend month's start in Shanghai, so the index on (coach, status, created_at) bounds the read.
					gte(lessonReviews.createdAt, sql`(${`${firstMonth}-01`}::date::timestamp at time zone 'Asia/Shanghai')`),
				),
			)
			.groupBy(month),
	]);
	const [names, photos] = await Promise.all([
		displayNamesOf(rows.filter((row) => !row.anonymous).map((row) => row.playerId)),
		// What players see: approved photos of published reviews (others' files are private).
		approvedPhotosOf(
			rows.filter((row) => row.status === "published").map((row) => row.id),
			database,
		),
	]);
	const byMonth = new Map(monthly.map((row) => [row.month, row]));
	return {
		// The reply is the coach's own words: shown to them whatever its status, its status beside it.
		items: rows.map((row) => ({
			...presentReview({ ...row, replyStatus: "published" }, names, photos),
			status: row.status,
			replyStatus: row.repliedAt ? row.replyStatus : null,
		})),
		summary,
		trend: months.map((key) => {
			const row = byMonth.get(key);
			return {
				month: key,
				count: row?.count ?? 0,
				average: row && row.count > 0 ? Math.round((row.sum / row.count) * 100) / 100 : null,
			};
		}),
	};
}

/** The desk with its trend chart drawn for the reader's language, at a phone's and a desktop's width. */
export async function reviewDeskPage(
	coachId: string,
	locale: Locale,
): Promise<CoachReviewDesk & { chart: { svg: string; wideSvg: string } }> {
	const desk = await reviewsForCoach(coachId);
	const { t } = i18nFor(locale);
	const labels = {
		count: t("coaches.reviews.desk.trendCount"),
		average: t("coaches.reviews.desk.trendAverage"),
		month: (key: string) => (locale === "en" ? key.slice(5) : `${Number(key.slice(5))}月`),
	};
	return {
		...desk,
		chart: {
			svg: reviewTrendChartSvg(desk.trend, labels),
			wideSvg: reviewTrendChartSvg(desk.trend, labels, { width: 640, height: 240 }),
		},
	};
}

/** The signed-in coach's own desk for the API; someone who is no coach (or a suspended one) is refused. */
export async function reviewDeskOfUser(userId: string): Promise<CoachReviewDesk> {
	const coach = await findCoachOfUser(userId, db());
	if (!coach || coach.status === "suspended") throw forbidden("coaches.reviews.errors.notCoach");
	return reviewsForCoach(coach.id);
}
