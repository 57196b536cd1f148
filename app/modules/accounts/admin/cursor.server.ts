import { type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { badRequest } from "~/lib/errors";

/**
 * Keyset pagination for lists ordered newest first: the cursor is the (created_at, id) of the last
 * row shown, opaque to clients. The time keeps PostgreSQL's microseconds, which a JS Date would
 * round away, so rows created in the same millisecond are neither skipped nor repeated.
 */
export const pageSize = 20;

export const cursorTime = (column: PgColumn) =>
	sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export function encodeCursor(time: string, id: string): string {
	return Buffer.from(`${time}|${id}`).toString("base64url");
}

/** The condition "older than the cursor", or a 400 naming the `cursor` field. */
export function olderThan(cursor: string | undefined, createdAt: PgColumn, id: PgColumn): SQL | undefined {
	if (!cursor) return undefined;
	const [time, rowId] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
	const valid =
		/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(time ?? "") &&
		/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(rowId ?? "");
	if (!valid) throw badRequest("errors.validationFailed", { cursor: "admin.errors.cursorInvalid" });
	return sql`(${createdAt}, ${id}) < (${time}::timestamptz, ${rowId}::uuid)`;
}

/** Cuts the extra row fetched to learn whether there is a next page, and makes its cursor. */
export function toPage<T extends { cursorTime: string; id: string }>(rows: T[]): { rows: T[]; nextCursor: string | null } {
	const page = rows.slice(0, pageSize);
	const last = page.at(-1);
	return { rows: page, nextCursor: rows.length > pageSize && last ? encodeCursor(last.cursorTime, last.id) : null };
}
