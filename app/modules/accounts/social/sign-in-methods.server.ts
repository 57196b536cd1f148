import { eq } from "drizzle-orm";
import type { DbOrTx } from "~/lib/db.server";
import { socialIdentities } from "../../../../db/schema";
import type { UserRow } from "../users.server";
import type { SocialProvider } from "./providers";

/** The ways a user can sign in: a phone (SMS code), a confirmed email with a password, each bound provider. */
export async function signInMethodsOf(user: UserRow, tx: DbOrTx) {
	const identities = await tx.select().from(socialIdentities).where(eq(socialIdentities.userId, user.id));
	return {
		phone: Boolean(user.phoneIndex),
		emailPassword: Boolean(user.emailIndex && user.emailVerifiedAt && user.passwordHash),
		identities,
	};
}

/** Whether the user keeps a way in after giving up this provider. */
export function canGiveUp(methods: Awaited<ReturnType<typeof signInMethodsOf>>, provider: SocialProvider): boolean {
	return methods.phone || methods.emailPassword || methods.identities.some((identity) => identity.provider !== provider);
}
