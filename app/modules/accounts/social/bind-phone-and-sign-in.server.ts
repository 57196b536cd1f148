import { withVerifiedCode } from "../codes.server";
import { assertAgreedToCurrentTerms } from "../consent.server";
import { maskPhone } from "../phone";
import type { ClientInfo } from "../sessions.server";
import { assertCanSignIn, finishSignIn, type SignInResult } from "../sign-in.server";
import { createUser, findUserByPhone } from "../users.server";
import { linkSocialIdentity } from "./link-social-identity.server";
import type { PendingIdentity } from "./pending-identity.server";

/**
 * The end of a first social sign-in: the phone number, proven by its SMS code (purpose `bind`),
 * decides the account. A number that already has one gets the identity bound to it; a new number
 * gets a new account named after the provider nickname. Then that account is signed in.
 */
export async function bindPhoneAndSignIn(input: {
	pending: PendingIdentity;
	phone: string;
	code: string;
	client: ClientInfo;
	locale: string;
	/** The terms version agreed to on this page; a number without an account needs the current one. */
	termsVersion?: string;
}): Promise<SignInResult & { created: boolean }> {
	return withVerifiedCode({ purpose: "bind", target: { kind: "phone", phone: input.phone }, code: input.code }, async (tx) => {
		const existing = await findUserByPhone(input.phone, tx);
		if (existing) assertCanSignIn(existing);
		else assertAgreedToCurrentTerms(input.termsVersion);
		const user =
			existing ??
			(await createUser(
				{
					displayName: input.pending.nickname ?? `球友${maskPhone(input.phone).slice(-4)}`,
					phone: input.phone,
					locale: input.locale,
					termsVersion: input.termsVersion,
				},
				tx,
			));
		await linkSocialIdentity({ ...input.pending, userId: user.id }, tx);
		const result = await finishSignIn(user, input.client, tx);
		return { ...result, created: !existing };
	});
}
