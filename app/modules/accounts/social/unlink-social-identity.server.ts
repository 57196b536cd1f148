import { and, eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { AppError, notFound } from "~/lib/errors";
import { socialIdentities, users } from "../../../../db/schema";
import { notify } from "../notifications.server";
import type { SocialProvider } from "./providers";
import { canGiveUp, signInMethodsOf } from "./sign-in-methods.server";

/** Unbinds a provider from the signed-in user's account, unless it is the account's last way in. */
export async function unlinkSocialIdentity(input: { userId: string; provider: SocialProvider }): Promise<void> {
	await db().transaction(async (tx) => {
		// Locking the user serialises two unbinds racing to leave the account with no way in.
		const [user] = await tx.select().from(users).where(eq(users.id, input.userId)).for("update").limit(1);
		if (!user) throw notFound();
		const methods = await signInMethodsOf(user, tx);
		if (!methods.identities.some((identity) => identity.provider === input.provider)) {
			throw new AppError(404, "not_found", "accounts.errors.socialNotBound");
		}
		if (!canGiveUp(methods, input.provider)) throw new AppError(409, "conflict", "accounts.errors.lastMethod");
		await tx
			.delete(socialIdentities)
			.where(and(eq(socialIdentities.userId, input.userId), eq(socialIdentities.provider, input.provider)));
		await notify({ userId: input.userId, kind: "socialUnbound", params: { provider: input.provider }, link: "/me/security" }, tx);
	});
}
