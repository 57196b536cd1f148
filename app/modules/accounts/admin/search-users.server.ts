import { and, desc, ilike, ne } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { users } from "../../../../db/schema";
import { normalisePhone } from "../phone";
import { findUserByEmail, findUserByPhone, type UserRow } from "../users.server";
import { cursorTime, olderThan, pageSize, toPage } from "./cursor.server";
import { type AdminUserSummary, rolesOfMany, summarise } from "./present.server";

export type SearchKind = "phone" | "email" | "name" | "recent";

export interface UserSearchResult {
	matchedBy: SearchKind;
	users: AdminUserSummary[];
	nextCursor: string | null;
}

/** `%`, `_` and `\` typed by staff are searched for literally, not as LIKE wildcards. */
export function escapeLike(text: string): string {
	return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * Finds people for the back office. A phone number or an email is looked up exactly through its
 * blind index (neither is stored in clear, so no partial match is possible); anything else is a
 * partial match on the display name; no query lists the newest accounts. Deleted accounts are
 * never returned: they have no personal data left to find them by.
 */
export async function searchUsers(input: { q?: string; cursor?: string }, tx: DbOrTx = db()): Promise<UserSearchResult> {
	const q = input.q?.trim() ?? "";
	const phone = q ? normalisePhone(q) : null;
	if (phone || q.includes("@")) {
		// One exact match at most, so there is never a next page.
		const row = phone ? await findUserByPhone(phone, tx) : await findUserByEmail(q, tx);
		return { matchedBy: phone ? "phone" : "email", users: await present(row ? [row] : [], tx), nextCursor: null };
	}
	const rows = await tx
		.select({ user: users, cursorTime: cursorTime(users.createdAt), id: users.id })
		.from(users)
		.where(
			and(
				ne(users.status, "deleted"),
				q ? ilike(users.displayName, `%${escapeLike(q)}%`) : undefined,
				olderThan(input.cursor, users.createdAt, users.id),
			),
		)
		.orderBy(desc(users.createdAt), desc(users.id))
		.limit(pageSize + 1);
	const page = toPage(rows);
	return {
		matchedBy: q ? "name" : "recent",
		users: await present(
			page.rows.map((entry) => entry.user),
			tx,
		),
		nextCursor: page.nextCursor,
	};
}

async function present(rows: UserRow[], tx: DbOrTx): Promise<AdminUserSummary[]> {
	const visible = rows.filter((row) => row.status !== "deleted");
	const roles = await rolesOfMany(
		visible.map((row) => row.id),
		tx,
	);
	return visible.map((row) => summarise(row, roles.get(row.id) ?? ["player"]));
}
