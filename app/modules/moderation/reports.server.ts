import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { notify } from "~/modules/accounts/notifications.server";
import { moderationReports } from "../../../db/schema";
import type { ReportReason, SubjectKind } from "./categories";

export interface Subject {
	kind: SubjectKind;
	id: string;
}

/**
 * A user reports a subject the owning module has found visible to them. One open report per user
 * and subject, kept by a partial unique index: a second is 409 already_reported, whoever races whom.
 */
export async function fileReport(input: {
	subject: Subject;
	reporterId: string;
	reason: ReportReason;
	detail?: string;
}): Promise<{ id: string; status: "open" }> {
	const [row] = await db()
		.insert(moderationReports)
		.values({
			subjectKind: input.subject.kind,
			subjectId: input.subject.id,
			reporterId: input.reporterId,
			reason: input.reason,
			detail: input.detail ?? null,
		})
		.onConflictDoNothing()
		.returning({ id: moderationReports.id });
	if (!row) throw new AppError(409, "already_reported", "moderation.errors.alreadyReported");
	return { id: row.id, status: "open" };
}

/** What staff see of a subject's open reports: how many, the reasons with their counts, the reporters' words. */
export interface OpenReports {
	count: number;
	reasons: Partial<Record<ReportReason, number>>;
	details: string[];
	firstAt: string;
}

export async function openReportsOf(kind: SubjectKind, ids: string[]): Promise<Map<string, OpenReports>> {
	const found = new Map<string, OpenReports>();
	if (ids.length === 0) return found;
	const rows = await db()
		.select()
		.from(moderationReports)
		.where(
			and(
				eq(moderationReports.subjectKind, kind),
				eq(moderationReports.status, "open"),
				inArray(moderationReports.subjectId, ids),
			),
		)
		.orderBy(asc(moderationReports.createdAt));
	for (const row of rows) {
		const entry = found.get(row.subjectId) ?? { count: 0, reasons: {}, details: [], firstAt: row.createdAt.toISOString() };
		entry.count += 1;
		entry.reasons[row.reason] = (entry.reasons[row.reason] ?? 0) + 1;
		if (row.detail) entry.details.push(row.detail);
		found.set(row.subjectId, entry);
	}
	return found;
}

/** The subjects of these kinds with open reports, the longest-waiting first. */
export async function reportedSubjects(kinds: SubjectKind[], limit = 50): Promise<Subject[]> {
	const rows = await db()
		.select({
			kind: moderationReports.subjectKind,
			id: moderationReports.subjectId,
			firstAt: sql<Date>`min(${moderationReports.createdAt})`.as("first_at"),
		})
		.from(moderationReports)
		.where(and(inArray(moderationReports.subjectKind, kinds), eq(moderationReports.status, "open")))
		.groupBy(moderationReports.subjectKind, moderationReports.subjectId)
		.orderBy(sql`first_at`)
		.limit(limit);
	return rows.map((row) => ({ kind: row.kind, id: row.id }));
}

/**
 * A moderator's decision on a subject closes every open report of it, in the decision's
 * transaction: upheld when the subject was hidden, dismissed when it stays; each reporter is told.
 */
export async function resolveReports(
	tx: DbOrTx,
	input: { subject: Subject; staffId: string; outcome: "upheld" | "dismissed"; reason: string; link?: string },
): Promise<number> {
	const closed = await tx
		.update(moderationReports)
		.set({ status: input.outcome, resolvedBy: input.staffId, resolution: input.reason, resolvedAt: new Date() })
		.where(
			and(
				eq(moderationReports.subjectKind, input.subject.kind),
				eq(moderationReports.subjectId, input.subject.id),
				eq(moderationReports.status, "open"),
			),
		)
		.returning({ reporterId: moderationReports.reporterId });
	for (const reporterId of new Set(closed.map((row) => row.reporterId))) {
		await notify(
			{
				userId: reporterId,
				kind: input.outcome === "upheld" ? "reportUpheld" : "reportDismissed",
				params: { reason: input.reason },
				link: input.link,
			},
			tx,
		);
	}
	return closed.length;
}
