import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { users } from "../../../db/schema";
import { type FreshProof, requireFreshProof } from "./fresh-proof.server";
import { notify } from "./notifications.server";
import { hashPassword } from "./password.server";
import { revokeUserSessions } from "./sessions.server";
import { findUserById } from "./users.server";

/**
 * Changes (or first sets) the password after a fresh proof (the current password, an SMS code or
 * an authenticator code: a stolen session alone cannot set one); every other session is signed out.
 */
export async function changePassword(input: { userId: string; sessionId: string; proof: FreshProof; newPassword: string }) {
	const user = await findUserById(input.userId);
	if (!user) throw new AppError(404, "not_found", "errors.notFound");
	await requireFreshProof(user.id, input.proof);
	const passwordHash = await hashPassword(input.newPassword);
	return db().transaction(async (tx) => {
		await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, user.id));
		const signedOut = await revokeUserSessions(user.id, input.sessionId, tx);
		await notify({ userId: user.id, kind: "passwordChanged", link: "/me/security" }, tx);
		return { signedOut };
	});
}
