import { withVerifiedCode } from "./codes.server";
import { assertAgreedToCurrentTerms, needsConsent, recordConsent, termsVersion } from "./consent.server";
import { maskPhone } from "./phone";
import type { ClientInfo } from "./sessions.server";
import { finishSignIn, type SignInResult } from "./sign-in.server";
import { createUser, findUserByPhone } from "./users.server";

/** Phone + SMS code: the main way in. A number seen for the first time creates its account. */
export async function signInWithSms(input: {
	phone: string;
	code: string;
	client: ClientInfo;
	locale: string;
	/** The terms version the user agreed to on this sign-in, if they ticked the box. */
	termsVersion?: string;
}): Promise<SignInResult & { created: boolean }> {
	return withVerifiedCode({ purpose: "login", target: { kind: "phone", phone: input.phone }, code: input.code }, async (tx) => {
		const existing = await findUserByPhone(input.phone, tx);
		// A first sign-in creates the account, so it needs the agreement; refusing rolls the code back for a retry.
		if (!existing) assertAgreedToCurrentTerms(input.termsVersion);
		const user =
			existing ??
			(await createUser(
				{
					displayName: `球友${maskPhone(input.phone).slice(-4)}`,
					phone: input.phone,
					locale: input.locale,
					termsVersion: input.termsVersion,
				},
				tx,
			));
		// An existing user who ticked the box has agreed again: no interstitial afterwards.
		if (existing && input.termsVersion === termsVersion && needsConsent(existing)) {
			await recordConsent({ userId: existing.id, version: input.termsVersion }, tx);
		}
		const result = await finishSignIn(user, input.client, tx);
		return { ...result, created: !existing };
	});
}
