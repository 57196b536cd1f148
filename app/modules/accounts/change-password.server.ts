import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { users } from "../../../db/schema";
import { notify } from "./notifications.server";
import { hashPassword, verifyPassword } from "./password.server";
import { revokeUserSessions } from "./sessions.server";
import { findUserById } from "./users.server";

/** Changes (or first sets) the password; every other session of the account is signed out. */
export async function changePassword(input: {
	userId: string;
	sessionId: string;
	currentPassword?: string;
	newPassword: string;
}) {
	const user = await findUserById(input.userId);
	if (!user) throw new AppError(404, "not_found", "errors.notFound");
	if (user.passwordHash && !(await verifyPassword(user.passwordHash, input.currentPassword ?? ""))) {
		throw new AppError(400, "validation_failed", "accounts.errors.passwordWrong", {
			fields: { currentPassword: "accounts.errors.passwordWrong" },
		});
	}
	const passwordHash = await hashPassword(input.newPassword);
	return db().transaction(async (tx) => {
		await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, user.id));
		const signedOut = await revokeUserSessions(user.id, input.sessionId, tx);
		await notify({ userId: user.id, kind: "passwordChanged", link: "/me/security" }, tx);
		return { signedOut };
	});
}
