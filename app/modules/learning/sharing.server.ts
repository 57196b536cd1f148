import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { learningSharing } from "../../../db/schema";

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** The player's sharing choices; nothing is shared until they say so. */
export async function readSharing(playerId: string) {
	const [row] = await db().select().from(learningSharing).where(eq(learningSharing.playerId, playerId));
	return {
		shareWithCoaches: row?.shareWithCoaches ?? false,
		reportShared: Boolean(row?.reportTokenHash),
		reportSharedAt: row?.reportSharedAt ?? null,
	};
}

export async function setShareWithCoaches(playerId: string, shareWithCoaches: boolean, now = new Date()) {
	await db()
		.insert(learningSharing)
		.values({ playerId, shareWithCoaches, updatedAt: now })
		.onConflictDoUpdate({ target: learningSharing.playerId, set: { shareWithCoaches, updatedAt: now } });
	return readSharing(playerId);
}

/**
 * A new link to the player's printable report (any earlier link stops working): 32 random bytes,
 * of which only the hash is kept, so the link is shown once and cannot be read back from the database.
 */
export async function createReportLink(playerId: string, now = new Date()): Promise<string> {
	const token = randomBytes(32).toString("base64url");
	const set = { reportTokenHash: hashOf(token), reportSharedAt: now, updatedAt: now };
	await db()
		.insert(learningSharing)
		.values({ playerId, ...set })
		.onConflictDoUpdate({ target: learningSharing.playerId, set });
	return token;
}

export async function revokeReportLink(playerId: string, now = new Date()) {
	await db()
		.update(learningSharing)
		.set({ reportTokenHash: null, reportSharedAt: null, updatedAt: now })
		.where(eq(learningSharing.playerId, playerId));
}

/** The player whose report a link opens, or null for an unknown or revoked link. */
export async function playerOfReportLink(token: string): Promise<string | null> {
	if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
	const [row] = await db()
		.select({ playerId: learningSharing.playerId })
		.from(learningSharing)
		.where(eq(learningSharing.reportTokenHash, hashOf(token)));
	return row?.playerId ?? null;
}
