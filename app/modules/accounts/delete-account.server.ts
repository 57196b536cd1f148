import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { recordEvent } from "~/lib/events.server";
import {
	auditLog,
	notifications,
	outboxMessages,
	recoveryCodes,
	roleGrants,
	sessions,
	socialIdentities,
	users,
} from "../../../db/schema";

/**
 * Account deletion on request (PIPL art. 47). In one transaction the account's personal data is
 * erased (phone, email, password, second factor, linked WeChat/Alipay identities, codes, messages
 * and notices), every session ends, and the `user.deleted` event is recorded; every module that
 * holds something of the person reacts to it (jobs/subscriptions.ts): coaching erases the verified
 * identity (real name, ID number) and what locates the person, the files module deletes every
 * upload and its stored objects. The user row stays, anonymised, so the audit trail and (later)
 * orders and money records that refer to it stay intact, as the accounting rules require; they
 * carry ids, never the person's data.
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
		await tx.delete(roleGrants).where(eq(roleGrants.userId, userId));
		await tx.delete(notifications).where(eq(notifications.userId, userId));
		await tx.delete(outboxMessages).where(eq(outboxMessages.userId, userId));
		await tx.insert(auditLog).values({ actorId: userId, action: "account.deleted", targetType: "user", targetId: userId });
		await recordEvent(tx, "user.deleted", { userId });
	});
}
