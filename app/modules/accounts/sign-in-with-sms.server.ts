import { withVerifiedCode } from "./codes.server";
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
}): Promise<SignInResult & { created: boolean }> {
	return withVerifiedCode({ purpose: "login", target: { kind: "phone", phone: input.phone }, code: input.code }, async (tx) => {
		const existing = await findUserByPhone(input.phone, tx);
		const user =
			existing ??
			(await createUser(
				{ displayName: `球友${maskPhone(input.phone).slice(-4)}`, phone: input.phone, locale: input.locale },
				tx,
			));
		const result = await finishSignIn(user, input.client, tx);
		return { ...result, created: !existing };
	});
}
