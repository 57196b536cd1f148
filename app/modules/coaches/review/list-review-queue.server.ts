import { and, asc, eq, isNotNull, or, sql } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { coachCertificates, coaches, coachPhotos } from "../../../../db/schema";
import { photoUrls } from "../application/present.server";
import type { Discipline } from "../catalog";

export type QueueKind = "application" | "changes";

export interface ReviewQueueEntry {
	coachId: string;
	userId: string;
	/** A new application, or changes of an approved coach (name, photos, certificates, video). */
	kind: QueueKind;
	displayName: string;
	pendingDisplayName: string | null;
	disciplines: Discipline[];
	pendingPhotos: number;
	pendingCertificates: number;
	/** An intro video waits for review. */
	pendingVideo: boolean;
	/** When it was submitted, or when the oldest pending change came in. */
	waitingSince: string;
	coverThumbUrl: string | null;
}

/** The outer row, spelled out: inside a subquery drizzle would leave `id` unqualified (the inner table's). */
const outerCoachId = sql.raw('"coaches"."id"');

const pendingPhotos = sql<number>`(select count(*)::int from ${coachPhotos} where ${coachPhotos.coachId} = ${outerCoachId} and ${coachPhotos.status} = 'pending')`;
const pendingCertificates = sql<number>`(select count(*)::int from ${coachCertificates} where ${coachCertificates.coachId} = ${outerCoachId} and ${coachCertificates.status} = 'pending')`;
const pendingVideo = sql<boolean>`(${coaches.introVideoFileId} is not null and ${coaches.introVideoStatus} = 'pending')`;
const oldestPendingItem = sql<Date | null>`least(
	(select min(${coachPhotos.createdAt}) from ${coachPhotos} where ${coachPhotos.coachId} = ${outerCoachId} and ${coachPhotos.status} = 'pending'),
	(select min(${coachCertificates.createdAt}) from ${coachCertificates} where ${coachCertificates.coachId} = ${outerCoachId} and ${coachCertificates.status} = 'pending'),
	case when ${coaches.pendingDisplayName} is not null or ${pendingVideo} then ${coaches.updatedAt} end
)`;
const coverPhoto = sql<{ fileId: string; status: "pending" | "approved" } | null>`(
	select json_build_object('fileId', ${coachPhotos.fileId}, 'status', ${coachPhotos.status}) from ${coachPhotos}
	where ${coachPhotos.coachId} = ${outerCoachId} and ${coachPhotos.status} <> 'rejected'
	order by (${coachPhotos.status} = 'approved') desc, ${coachPhotos.position}, ${coachPhotos.createdAt} limit 1
)`;

/**
 * What waits for a reviewer, oldest first: applications submitted for review, and approved
 * coaches with a new name, new photos, new certificates or a new video. Drafts never show up here.
 */
export async function listReviewQueue(filter: { kind?: QueueKind } = {}, tx: DbOrTx = db()): Promise<ReviewQueueEntry[]> {
	const application = eq(coaches.status, "pending_review");
	const changes = and(
		eq(coaches.status, "approved"),
		or(isNotNull(coaches.pendingDisplayName), sql`${pendingPhotos} > 0`, sql`${pendingCertificates} > 0`, pendingVideo),
	);
	const waitingSince = sql<Date>`case when ${coaches.status} = 'pending_review' then coalesce(${coaches.submittedAt}, ${coaches.updatedAt}) else coalesce(${oldestPendingItem}, ${coaches.updatedAt}) end`;
	const rows = await tx
		.select({
			coachId: coaches.id,
			userId: coaches.userId,
			status: coaches.status,
			displayName: coaches.displayName,
			pendingDisplayName: coaches.pendingDisplayName,
			disciplines: coaches.disciplines,
			pendingPhotos,
			pendingCertificates,
			pendingVideo,
			waitingSince,
			cover: coverPhoto,
		})
		.from(coaches)
		.where(filter.kind === "application" ? application : filter.kind === "changes" ? changes : or(application, changes))
		.orderBy(asc(waitingSince), asc(coaches.id))
		.limit(200);
	return rows.map((row) => ({
		coachId: row.coachId,
		userId: row.userId,
		kind: row.status === "pending_review" ? "application" : "changes",
		displayName: row.displayName,
		pendingDisplayName: row.pendingDisplayName,
		disciplines: row.disciplines,
		pendingPhotos: row.pendingPhotos,
		pendingCertificates: row.pendingCertificates,
		pendingVideo: Boolean(row.pendingVideo),
		waitingSince: new Date(row.waitingSince).toISOString(),
		coverThumbUrl: row.cover ? photoUrls(row.cover).thumbUrl : null,
	}));
}
