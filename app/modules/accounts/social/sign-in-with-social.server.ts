import { and, eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { socialIdentities } from "../../../../db/schema";
import type { ClientInfo } from "../sessions.server";
import { finishSignIn, type SignInResult } from "../sign-in.server";
import { findUserById } from "../users.server";
import type { PendingIdentity } from "./pending-identity.server";
import { displayNameFromNickname, type ProviderIdentity, subjectIndexOf } from "./providers.server";
import { rememberWechatOpenid } from "./wechat-openid.server";

export type SocialSignInOutcome =
	| { kind: "signedIn"; result: SignInResult }
	| { kind: "phoneRequired"; pending: PendingIdentity };

/**
 * A provider identity already bound to an account signs that account in. An identity seen for the
 * first time creates nothing yet: it waits, as a pending identity, for a phone number to be bound.
 */
export async function signInWithSocial(input: { identity: ProviderIdentity; client: ClientInfo }): Promise<SocialSignInOutcome> {
	const { provider, subject, nickname, openid } = input.identity;
	const subjectIndex = subjectIndexOf(provider, subject);
	return db().transaction(async (tx) => {
		const [identity] = await tx
			.select()
			.from(socialIdentities)
			.where(and(eq(socialIdentities.provider, provider), eq(socialIdentities.subjectIndex, subjectIndex)))
			.limit(1);
		const user = identity ? await findUserById(identity.userId, tx) : undefined;
		if (!identity || !user) {
			return {
				kind: "phoneRequired",
				pending: { provider, subjectIndex, nickname: displayNameFromNickname(nickname), ...(openid ? { openid } : {}) },
			};
		}
		await rememberWechatOpenid(tx, identity.id, openid);
		return { kind: "signedIn", result: await finishSignIn(user, input.client, tx) };
	});
}
