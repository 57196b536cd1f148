import { and, asc, desc, eq, gt, lt, or, type SQL, sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { badRequest, notFound } from "~/lib/errors";
import { displayNamesOf } from "~/modules/accounts/display-names.server";
import { coaches, lessonReviews } from "../../../../db/schema";
import { helpfulVotesOf } from "./helpful-vote.server";
import type { RatingSummary } from "./rating";
import { ratingSummaryOf } from "./ratings.server";
import { approvedPhotosOf, type ReviewPhoto } from "./review-photos.server";
import type { ReviewRow } from "./review-record.server";
import type { ReviewSort } from "./schema";
import type { ReviewTag } from "./tags";

/** A published review as anyone sees it: an anonymous one names no author (the page shows 匿名学员). */
export interface PublicReview {
	id: string;
	overall: number;
	aspects: { attitude: number; skill: number; service: number };
	tags: ReviewTag[];
	text: string | null;
	author: { displayName: string } | null;
	reply: { text: string; repliedAt: string; editedAt: string | null } | null;
	/** Written after a lesson that completed (already-taken, "已上课"), and when. */
	lessonCompletedAt: string;
	createdAt: string;
	editedAt: string | null;
	/** How many signed-in users marked it "有用". */
	helpfulCount: number;
	/** Whether the signed-in viewer marked it (absent when nobody is signed in). */
	votedHelpful?: boolean;
	/** The photos a moderator approved, in the author's order (pending and rejected ones never show here). */
	photos: ReviewPhoto[];
}

export interface ReviewPage {
	items: PublicReview[];
	nextCursor: string | null;
	summary: RatingSummary;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Cursor {
	sort: ReviewSort;
	value: number;
	createdAt: string;
	id: string;
}

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString("base64url");

function decodeCursor(text: string | undefined, sort: ReviewSort): Cursor | null {
	if (!text) return null;
	try {
		const cursor = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as Cursor;
		if (
			cursor.sort === sort &&
			typeof cursor.value === "number" &&
			uuid.test(cursor.id) &&
			!Number.isNaN(Date.parse(cursor.createdAt))
		) {
			return cursor;
		}
	} catch {}
	throw badRequest("errors.validationFailed", { cursor: "coaches.reviews.errors.cursor" });
}

const r = lessonReviews;

/** Each order is a keyset walk: newest first; most helpful first (then newest); lowest stars first (then newest). */
function orderOf(sort: ReviewSort): SQL[] {
	switch (sort) {
		case "newest":
			return [desc(r.createdAt), desc(r.id)];
		case "helpful":
			return [desc(r.helpfulCount), desc(r.createdAt), desc(r.id)];
		case "lowest":
			return [asc(r.overall), desc(r.createdAt), desc(r.id)];
	}
}

function after(cursor: Cursor): SQL | undefined {
	const at = new Date(cursor.createdAt);
	const newer = sql`(${r.createdAt}, ${r.id}) < (${at.toISOString()}::timestamptz, ${cursor.id}::uuid)`;
	switch (cursor.sort) {
		case "newest":
			return newer;
		case "helpful":
			return or(lt(r.helpfulCount, cursor.value), and(eq(r.helpfulCount, cursor.value), newer));
		case "lowest":
			return or(gt(r.overall, cursor.value), and(eq(r.overall, cursor.value), newer));
	}
}

const sortValueOf = (sort: ReviewSort, row: ReviewRow) =>
	sort === "helpful" ? row.helpfulCount : sort === "lowest" ? row.overall : 0;

/** An approved coach's published reviews, a page at a time, with the rating summary. Others' coaches: 404. */
export async function listCoachReviews(input: {
	coachId: string;
	sort: ReviewSort;
	cursor?: string;
	limit: number;
	/** The signed-in viewer, whose 有用 votes are marked on the items. */
	viewerId?: string;
}): Promise<ReviewPage> {
	if (!uuid.test(input.coachId)) throw notFound();
	const database = db();
	const [coach] = await database
		.select({ id: coaches.id })
		.from(coaches)
		.where(and(eq(coaches.id, input.coachId), eq(coaches.status, "approved")))
		.limit(1);
	if (!coach) throw notFound();
	const cursor = decodeCursor(input.cursor, input.sort);
	const [rows, summary] = await Promise.all([
		database
			.select()
			.from(r)
			.where(and(eq(r.coachId, coach.id), eq(r.status, "published"), cursor ? after(cursor) : undefined))
			.orderBy(...orderOf(input.sort))
			.limit(input.limit + 1),
		ratingSummaryOf(coach.id, database),
	]);
	const page = rows.slice(0, input.limit);
	const [names, photos, voted] = await Promise.all([
		displayNamesOf(page.filter((row) => !row.anonymous).map((row) => row.playerId)),
		approvedPhotosOf(
			page.map((row) => row.id),
			database,
		),
		input.viewerId
			? helpfulVotesOf(
					input.viewerId,
					page.map((row) => row.id),
				)
			: null,
	]);
	const last = page.at(-1);
	return {
		items: page.map((row) => {
			const review = presentReview(row, names, photos);
			return voted ? { ...review, votedHelpful: voted.has(row.id) } : review;
		}),
		nextCursor:
			rows.length > input.limit && last
				? encodeCursor({
						sort: input.sort,
						value: sortValueOf(input.sort, last),
						createdAt: last.createdAt.toISOString(),
						id: last.id,
					})
				: null,
		summary,
	};
}

export function presentReview(
	row: ReviewRow,
	names: Map<string, string>,
	photos: Map<string, ReviewPhoto[]> = new Map(),
): PublicReview {
	const name = row.anonymous ? undefined : names.get(row.playerId);
	return {
		id: row.id,
		overall: row.overall,
		aspects: { attitude: row.attitude, skill: row.skill, service: row.service },
		tags: row.tags as ReviewTag[],
		text: row.text,
		author: name ? { displayName: name } : null,
		// A held or hidden reply is not shown; the back office reads it from the row.
		reply:
			row.replyText && row.repliedAt && row.replyStatus === "published"
				? { text: row.replyText, repliedAt: row.repliedAt.toISOString(), editedAt: row.replyEditedAt?.toISOString() ?? null }
				: null,
		lessonCompletedAt: row.lessonCompletedAt.toISOString(),
		createdAt: row.createdAt.toISOString(),
		editedAt: row.editedAt?.toISOString() ?? null,
		helpfulCount: row.helpfulCount,
		photos: photos.get(row.id) ?? [],
	};
}
