import { eq } from "drizzle-orm";
import { type DbOrTx, db, type Transaction } from "~/lib/db.server";
import { AppError, notFound } from "~/lib/errors";
import { findUserById } from "~/modules/accounts/users.server";
import { coaches } from "../../../../db/schema";

export type CoachRow = typeof coaches.$inferSelect;

export const conflict = (messageKey: string, fields?: Record<string, string>) =>
	new AppError(409, "conflict", messageKey, { fields });

export async function findCoachOfUser(userId: string, tx: DbOrTx = db()): Promise<CoachRow | undefined> {
	const [row] = await tx.select().from(coaches).where(eq(coaches.userId, userId)).limit(1);
	return row;
}

/**
 * The caller's own coach record, locked for the rest of the transaction (two tabs saving at once
 * are served one after the other). A first save creates the draft, named as the account is.
 */
export async function lockOrCreateCoach(tx: Transaction, userId: string): Promise<CoachRow> {
	const [locked] = await tx.select().from(coaches).where(eq(coaches.userId, userId)).for("update");
	if (locked) return locked;
	const user = await findUserById(userId, tx);
	if (!user) throw notFound();
	await tx
		.insert(coaches)
		.values({ userId, displayName: user.displayName.slice(0, 20) })
		.onConflictDoNothing({ target: coaches.userId });
	const [created] = await tx.select().from(coaches).where(eq(coaches.userId, userId)).for("update");
	if (!created) throw new Error("coach draft insert returned nothing");
	return created;
}

/** The caller's coach record, locked; 404 when they never started an application. */
export async function lockOwnCoach(tx: Transaction, userId: string): Promise<CoachRow> {
	const [locked] = await tx.select().from(coaches).where(eq(coaches.userId, userId)).for("update");
	if (!locked) throw notFound("coaching.errors.noApplication");
	return locked;
}

/** While in review the application stays as the reviewer sees it; a suspended coach changes nothing. */
export function assertEditable(coach: CoachRow): void {
	if (coach.status === "pending_review") throw conflict("coaching.errors.underReview");
	if (coach.status === "suspended") throw new AppError(403, "forbidden", "coaching.errors.suspended");
}
