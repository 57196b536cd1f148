import { asc, eq, isNull } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import type { Locale } from "~/lib/i18n";
import { recordAudit } from "~/modules/accounts/admin/audit-log.server";
import { communityBoards } from "../../../../db/schema";
import type { BoardUpdate } from "../posts/schema";

export interface Board {
	id: string;
	slug: string;
	name: string;
	nameZh: string;
	nameEn: string;
	position: number;
	archived: boolean;
}

type BoardRow = typeof communityBoards.$inferSelect;

const present = (row: BoardRow, locale: Locale): Board => ({
	id: row.id,
	slug: row.slug,
	name: locale === "en" ? row.nameEn : row.nameZh,
	nameZh: row.nameZh,
	nameEn: row.nameEn,
	position: row.position,
	archived: row.archivedAt !== null,
});

/** The boards in their order; archived ones only for the back office. */
export async function listBoards(options: { locale: Locale; includeArchived?: boolean }): Promise<Board[]> {
	const rows = await db()
		.select()
		.from(communityBoards)
		.where(options.includeArchived ? undefined : isNull(communityBoards.archivedAt))
		.orderBy(asc(communityBoards.position), asc(communityBoards.slug));
	return rows.map((row) => present(row, options.locale));
}

export async function boardBySlug(slug: string, locale: Locale): Promise<Board> {
	const [row] = await db().select().from(communityBoards).where(eq(communityBoards.slug, slug)).limit(1);
	if (!row || row.archivedAt) throw notFound("community.errors.boardNotFound");
	return present(row, locale);
}

/** A board people may post to now (404 for an unknown or archived one). */
export async function openBoard(boardId: string, tx: DbOrTx = db()): Promise<BoardRow> {
	const [row] = await tx.select().from(communityBoards).where(eq(communityBoards.id, boardId)).limit(1);
	if (!row || row.archivedAt) throw notFound("community.errors.boardNotFound");
	return row;
}

/** Staff rename, reorder or archive a board (archived: out of the list and closed to new posts); audited. */
export async function updateBoard(input: { staffId: string; boardId: string; update: BoardUpdate }): Promise<Board> {
	return db().transaction(async (tx) => {
		const [before] = await tx.select().from(communityBoards).where(eq(communityBoards.id, input.boardId)).for("update");
		if (!before) throw notFound("community.errors.boardNotFound");
		const archivedAt = input.update.archived ? (before.archivedAt ?? new Date()) : null;
		const [after] = await tx
			.update(communityBoards)
			.set({ nameZh: input.update.nameZh, nameEn: input.update.nameEn, position: input.update.position, archivedAt })
			.where(eq(communityBoards.id, before.id))
			.returning();
		if (!after) throw notFound("community.errors.boardNotFound");
		await recordAudit(tx, {
			actorId: input.staffId,
			action: "community.board.updated",
			targetType: "community_board",
			targetId: after.id,
			detail: { slug: after.slug, nameZh: after.nameZh, position: after.position, archived: archivedAt !== null },
		});
		return present(after, "zh-CN");
	});
}
