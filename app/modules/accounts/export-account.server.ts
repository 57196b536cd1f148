import { desc, eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { notifications, socialIdentities } from "../../../db/schema";
import { listSessions } from "./sessions.server";
import { toPublicUser, type UserRow } from "./users.server";

/**
 * The accounts module's part of a user's data export (decision 020): who they are, what they
 * agreed to, how they sign in, where they are signed in, and what they were told. Only their own rows.
 */
export async function exportAccountPart(user: UserRow) {
	const [profile, sessionList, identities, notices] = await Promise.all([
		toPublicUser(user),
		listSessions(user.id),
		db()
			.select({
				provider: socialIdentities.provider,
				displayName: socialIdentities.displayName,
				boundAt: socialIdentities.createdAt,
			})
			.from(socialIdentities)
			.where(eq(socialIdentities.userId, user.id)),
		db()
			.select({
				kind: notifications.kind,
				params: notifications.params,
				link: notifications.link,
				readAt: notifications.readAt,
				createdAt: notifications.createdAt,
			})
			.from(notifications)
			.where(eq(notifications.userId, user.id))
			.orderBy(desc(notifications.createdAt)),
	]);
	return {
		profile,
		consent: { termsVersion: user.termsVersion, acceptedAt: user.termsAcceptedAt?.toISOString() ?? null },
		socialIdentities: identities.map((identity) => ({ ...identity, boundAt: identity.boundAt.toISOString() })),
		sessions: sessionList,
		notifications: notices.map((notice) => ({
			...notice,
			readAt: notice.readAt?.toISOString() ?? null,
			createdAt: notice.createdAt.toISOString(),
		})),
	};
}
