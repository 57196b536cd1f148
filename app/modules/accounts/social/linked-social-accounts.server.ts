import { type DbOrTx, db } from "~/lib/db.server";
import { findUserById } from "../users.server";
import { type LinkedSocialAccount, socialProviders } from "./providers";
import { configuredProviders } from "./providers.server";
import { canGiveUp, signInMethodsOf } from "./sign-in-methods.server";

/**
 * The security page's list: every provider set up here or bound to this user (a bound provider
 * stays listed, so it can still be unbound after it is switched off), with what may be done.
 */
export async function linkedSocialAccounts(userId: string, tx: DbOrTx = db()): Promise<LinkedSocialAccount[]> {
	const user = await findUserById(userId, tx);
	if (!user) return [];
	const methods = await signInMethodsOf(user, tx);
	const configured = configuredProviders();
	return socialProviders.flatMap((provider) => {
		const identity = methods.identities.find((candidate) => candidate.provider === provider);
		if (!identity && !configured.includes(provider)) return [];
		return [
			{
				provider,
				configured: configured.includes(provider),
				bound: Boolean(identity),
				nickname: identity?.displayName ?? null,
				boundAt: identity?.createdAt.toISOString() ?? null,
				canUnbind: Boolean(identity) && canGiveUp(methods, provider),
			},
		];
	});
}
