import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { auditLog, recoveryCodes, sessions, socialIdentities, users } from "../../../db/schema";

/**
 * Account deletion on request (PIPL art. 47): personal data is erased or anonymised at once and
 * every session ends. The user row stays, anonymised, so orders and money records that refer to
 * it remain intact, as the accounting rules require.
 */
export async function deleteAccount(userId: string): Promise<void> {
	await db().transaction(async (tx) => {
		await tx
			.update(users)
			.set({
				displayName: "已注销用户",
				phoneEnc: null,
				phoneIndex: null,
				emailEnc: null,
				emailIndex: null,
				emailVerifiedAt: null,
				passwordHash: null,
				totpSecretEnc: null,
				totpEnabledAt: null,
				status: "deleted",
				statusReason: null,
				deletedAt: new Date(),
				updatedAt: new Date(),
			})
			.where(eq(users.id, userId));
		await tx.delete(sessions).where(eq(sessions.userId, userId));
		await tx.delete(socialIdentities).where(eq(socialIdentities.userId, userId));
		await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
		await tx.insert(auditLog).values({ actorId: userId, action: "account.deleted", targetType: "user", targetId: userId });
	});
}
