import { eq } from "drizzle-orm";
import type { Transaction } from "~/lib/db.server";
import { findUserById } from "~/modules/accounts/users.server";
import { coaches } from "../../../../db/schema";

/**
 * Keeps a coach in step with the account behind it: while the account is suspended (or gone) the
 * coach is suspended too, which takes the profile out of search and answers its URL with 404;
 * a reinstatement restores the status the coach had. It reads the account's current status rather
 * than trusting which event arrived, so a late or repeated delivery still ends in the right state.
 * A coach suspended for its own sake (no saved status) stays suspended when the account returns.
 */
export async function followAccountStatus(userId: string, tx: Transaction): Promise<void> {
	const account = await findUserById(userId, tx);
	const [coach] = await tx.select().from(coaches).where(eq(coaches.userId, userId)).for("update").limit(1);
	if (!account || !coach) return;
	const accountActive = account.status === "active";
	if (!accountActive && coach.status !== "suspended") {
		await tx
			.update(coaches)
			.set({ status: "suspended", statusBeforeSuspension: coach.status, updatedAt: new Date() })
			.where(eq(coaches.id, coach.id));
	} else if (accountActive && coach.status === "suspended" && coach.statusBeforeSuspension) {
		await tx
			.update(coaches)
			.set({ status: coach.statusBeforeSuspension, statusBeforeSuspension: null, updatedAt: new Date() })
			.where(eq(coaches.id, coach.id));
	}
}
