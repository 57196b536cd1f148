import { and, desc, eq, gte, isNotNull, lt, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type DbOrTx, db } from "~/lib/db.server";
import { auditLog, users } from "../../../../db/schema";
import { cursorTime, olderThan, pageSize, toPage } from "./cursor.server";
import { type AuditAction, type AuditFilter, containsPersonalData } from "./schema";

/** What may go into an entry's detail: ids, role names, statuses; never personal data. */
export type AuditDetail = Record<string, string | number | boolean | null>;

export interface AuditInput {
	actorId: string | null;
	action: AuditAction;
	targetType:
		| "user"
		| "booking"
		| "payment_difference"
		| "payment"
		| "withdrawal"
		| "payout_batch"
		| "income_report"
		| "review"
		| "moderation_word"
		| "drill"
		| "community_board"
		| "community_post"
		| "community_comment";
	targetId: string;
	reason?: string | null;
	detail?: AuditDetail;
}

/**
 * Appends one entry to the audit log, inside the caller's transaction so the entry exists exactly
 * when the change does. The log is append-only: nothing here updates or deletes.
 */
/**
 * Records a reading of personal data (an ID number shown in full) at most once per actor, target
 * and window: the log shows who looked and when, without an entry for every page reload.
 */
export async function recordAuditedRead(input: AuditInput, windowMinutes = 30): Promise<void> {
	const since = new Date(Date.now() - windowMinutes * 60_000);
	const [recent] = await db()
		.select({ id: auditLog.id })
		.from(auditLog)
		.where(
			and(
				input.actorId ? eq(auditLog.actorId, input.actorId) : sql`${auditLog.actorId} is null`,
				eq(auditLog.action, input.action),
				eq(auditLog.targetId, input.targetId),
				gte(auditLog.createdAt, since),
			),
		)
		.limit(1);
	if (!recent) await recordAudit(db(), input);
}

export async function recordAudit(tx: DbOrTx, input: AuditInput): Promise<void> {
	const detail = input.detail ?? {};
	for (const [key, value] of Object.entries(detail)) {
		if (typeof value === "string" && containsPersonalData(value)) {
			throw new Error(`audit detail "${key}" looks like personal data; record ids instead`);
		}
	}
	await tx.insert(auditLog).values({
		actorId: input.actorId,
		action: input.action,
		targetType: input.targetType,
		targetId: input.targetId,
		reason: input.reason ?? null,
		detail,
	});
}

export interface AuditEntry {
	id: string;
	action: string;
	/** Null for entries made by the system; displayName null once that account is deleted. */
	actor: { id: string; displayName: string | null } | null;
	targetType: string;
	targetId: string | null;
	targetName: string | null;
	reason: string | null;
	detail: Record<string, unknown>;
	createdAt: string;
}

const actor = alias(users, "actor");
const target = alias(users, "target");

/** Audit entries newest first, with the names of who acted and on whom; 20 a page. */
export async function listAudit(
	filter: Partial<AuditFilter> & { limit?: number } = {},
	tx: DbOrTx = db(),
): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
	const conditions: Array<SQL | undefined> = [
		filter.action ? eq(auditLog.action, filter.action) : undefined,
		filter.actorId ? eq(auditLog.actorId, filter.actorId) : undefined,
		filter.targetId ? eq(auditLog.targetId, filter.targetId) : undefined,
		// Days are days in China, whatever the server's time zone.
		filter.from ? gte(auditLog.createdAt, sql`(${filter.from}::date)::timestamp at time zone 'Asia/Shanghai'`) : undefined,
		filter.to ? lt(auditLog.createdAt, sql`(${filter.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`) : undefined,
		olderThan(filter.cursor, auditLog.createdAt, auditLog.id),
	];
	const rows = await tx
		.select({
			id: auditLog.id,
			action: auditLog.action,
			actorId: auditLog.actorId,
			actorName: actor.displayName,
			actorStatus: actor.status,
			targetType: auditLog.targetType,
			targetId: auditLog.targetId,
			targetName: target.displayName,
			targetStatus: target.status,
			reason: auditLog.reason,
			detail: auditLog.detail,
			createdAt: auditLog.createdAt,
			cursorTime: cursorTime(auditLog.createdAt),
		})
		.from(auditLog)
		.leftJoin(actor, eq(actor.id, auditLog.actorId))
		.leftJoin(target, eq(target.id, sql`case when ${auditLog.targetType} = 'user' then ${auditLog.targetId}::uuid end`))
		.where(and(...conditions))
		.orderBy(desc(auditLog.createdAt), desc(auditLog.id))
		.limit((filter.limit ?? pageSize) + 1);
	const limited = filter.limit ? { rows: rows.slice(0, filter.limit), nextCursor: null } : toPage(rows);
	return {
		nextCursor: limited.nextCursor,
		entries: limited.rows.map((row) => ({
			id: row.id,
			action: row.action,
			actor: row.actorId
				? { id: row.actorId, displayName: row.actorStatus === "deleted" ? null : (row.actorName ?? null) }
				: null,
			targetType: row.targetType,
			targetId: row.targetId,
			targetName: row.targetStatus === "deleted" ? null : (row.targetName ?? null),
			reason: row.reason,
			detail: row.detail,
			createdAt: row.createdAt.toISOString(),
		})),
	};
}

/** Everyone who has acted in the log, for the actor filter. */
export async function listAuditActors(tx: DbOrTx = db()): Promise<Array<{ id: string; displayName: string | null }>> {
	const rows = await tx
		.selectDistinct({ id: users.id, displayName: users.displayName, status: users.status })
		.from(auditLog)
		.innerJoin(users, eq(users.id, auditLog.actorId))
		.where(isNotNull(auditLog.actorId))
		.orderBy(users.displayName)
		.limit(200);
	return rows.map((row) => ({ id: row.id, displayName: row.status === "deleted" ? null : row.displayName }));
}
