import { and, count, desc, eq, isNull } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { notifications } from "../../../db/schema";

/** In-app notifications: `kind` names an i18n key under `notifications.kinds.` and `params` fill it. */
export async function notify(
	input: { userId: string; kind: string; params?: Record<string, string>; link?: string },
	tx: DbOrTx = db(),
): Promise<void> {
	await tx.insert(notifications).values({
		userId: input.userId,
		kind: input.kind,
		params: input.params ?? {},
		link: input.link ?? null,
	});
}

export async function listNotifications(userId: string, limit = 50) {
	const rows = await db()
		.select()
		.from(notifications)
		.where(eq(notifications.userId, userId))
		.orderBy(desc(notifications.createdAt))
		.limit(limit);
	return rows.map((row) => ({
		id: row.id,
		kind: row.kind,
		params: row.params,
		link: row.link,
		read: Boolean(row.readAt),
		createdAt: row.createdAt.toISOString(),
	}));
}

export async function unreadCount(userId: string): Promise<number> {
	const [row] = await db()
		.select({ value: count() })
		.from(notifications)
		.where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
	return row?.value ?? 0;
}

/** Marks one notification (or all of them) read; only the owner's own rows are touched. */
export async function markRead(userId: string, notificationId?: string): Promise<void> {
	const own = eq(notifications.userId, userId);
	await db()
		.update(notifications)
		.set({ readAt: new Date() })
		.where(notificationId ? and(own, eq(notifications.id, notificationId)) : and(own, isNull(notifications.readAt)));
}
