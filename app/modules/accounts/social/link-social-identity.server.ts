import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { socialIdentities } from "../../../../db/schema";
import { notify } from "../notifications.server";
import type { PendingIdentity } from "./pending-identity.server";
import { sealWechatOpenid } from "./wechat-openid.server";

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "23505";

/**
 * Binds a provider identity to a user. Refused when the identity already belongs to another
 * account, or when this account already has a different identity of the same provider.
 * Binding the identity the user already has is a no-op.
 */
export async function linkSocialIdentity(input: PendingIdentity & { userId: string }, tx: DbOrTx = db()): Promise<void> {
	const [owner] = await tx
		.select({ userId: socialIdentities.userId })
		.from(socialIdentities)
		.where(and(eq(socialIdentities.provider, input.provider), eq(socialIdentities.subjectIndex, input.subjectIndex)))
		.limit(1);
	if (owner) {
		if (owner.userId === input.userId) return;
		throw new AppError(409, "conflict", "accounts.errors.socialTaken");
	}
	const [own] = await tx
		.select({ id: socialIdentities.id })
		.from(socialIdentities)
		.where(and(eq(socialIdentities.userId, input.userId), eq(socialIdentities.provider, input.provider)))
		.limit(1);
	if (own) throw new AppError(409, "conflict", "accounts.errors.socialOtherBound");
	try {
		// A savepoint, so a lost race leaves the caller's transaction usable for the error.
		const id = randomUUID();
		await tx.transaction((inner) =>
			inner.insert(socialIdentities).values({
				id,
				userId: input.userId,
				provider: input.provider,
				subjectIndex: input.subjectIndex,
				displayName: input.nickname,
				openidEnc: input.openid ? sealWechatOpenid(id, input.openid) : null,
			}),
		);
	} catch (error) {
		if (isUniqueViolation(error)) throw new AppError(409, "conflict", "accounts.errors.socialTaken");
		throw error;
	}
	await notify({ userId: input.userId, kind: "socialBound", params: { provider: input.provider }, link: "/me/security" }, tx);
}
