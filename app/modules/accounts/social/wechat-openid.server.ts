import { and, eq } from "drizzle-orm";
import { decrypt, encrypt } from "~/lib/crypto.server";
import { type DbOrTx, db } from "~/lib/db.server";
import { sealedIn } from "~/lib/encrypted-columns.server";
import { socialIdentities } from "../../../../db/schema";

/** Who signed in with WeChat under which AppID: an openid means something only with its AppID. */
export interface WechatOpenid {
	appid: string;
	openid: string;
}

export const sealWechatOpenid = (identityId: string, value: WechatOpenid) =>
	encrypt(JSON.stringify(value), sealedIn(socialIdentities.openidEnc, identityId));

/**
 * Keeps the openid of the latest WeChat sign-in on the bound identity (a coach bound before it was
 * kept gets it at the next sign-in), so WeChat Pay can transfer to that person.
 */
export async function rememberWechatOpenid(tx: DbOrTx, identityId: string, value: WechatOpenid | undefined): Promise<void> {
	if (!value) return;
	await tx
		.update(socialIdentities)
		.set({ openidEnc: sealWechatOpenid(identityId, value) })
		.where(eq(socialIdentities.id, identityId));
}

/**
 * The user's bound WeChat: its nickname and, when a sign-in has shown it, the openid; null when no
 * WeChat is bound. For payouts to WeChat (the payee must be the coach's own WeChat).
 */
export async function boundWechatOf(
	userId: string,
	tx: DbOrTx = db(),
): Promise<{ nickname: string | null; openid: WechatOpenid | null } | null> {
	const [identity] = await tx
		.select()
		.from(socialIdentities)
		.where(and(eq(socialIdentities.userId, userId), eq(socialIdentities.provider, "wechat")))
		.limit(1);
	if (!identity) return null;
	if (!identity.openidEnc) return { nickname: identity.displayName, openid: null };
	const value = JSON.parse(decrypt(identity.openidEnc, sealedIn(socialIdentities.openidEnc, identity.id))) as WechatOpenid;
	return { nickname: identity.displayName, openid: value };
}
