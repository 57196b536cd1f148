import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import type { Locale } from "~/lib/i18n";
import { findUsersByIds } from "~/modules/accounts/users.server";
import { approvedCoachUserIds } from "~/modules/coaches/approved-coach-users.server";
import type { Discipline } from "~/modules/coaches/catalog";
import { skillLevelsOf } from "~/modules/learning/skill-levels-of.server";
import { partnerCards } from "../../../../db/schema";
import { publishedPostsOf } from "../feed/feed.server";
import { followCounts, isFollowing } from "../follows/follows.server";
import type { PartnerLevel } from "../partners/search-partners.server";

/**
 * A person's public page: display name (never a phone number or a real name), whether they coach,
 * follower counts, their published posts, and a level only when they show it: the measured one when
 * they allow it, else the one declared on an open partner card. Suspended and deleted accounts: 404.
 */
export async function readPublicProfile(input: { userId: string; viewerId?: string; cursor?: string; locale: Locale }) {
	const account = (await findUsersByIds([input.userId])).get(input.userId);
	if (account?.status !== "active") throw notFound("social.errors.userNotFound");
	const [card] = await db().select().from(partnerCards).where(eq(partnerCards.userId, input.userId));
	let level: (PartnerLevel & { discipline: Discipline }) | null = null;
	if (card?.open && !card.hiddenAt) {
		const measured = card.shareLearningLevel
			? (await skillLevelsOf([input.userId], card.discipline)).get(input.userId)
			: undefined;
		level = measured?.level
			? {
					discipline: card.discipline,
					value: measured.level,
					source: "measured",
					scoredDrills: measured.scoredDrills,
					provisional: measured.provisional,
				}
			: { discipline: card.discipline, value: card.selfLevel, source: "self" };
	}
	const [counts, coachIds, following, posts] = await Promise.all([
		followCounts(input.userId),
		approvedCoachUserIds([input.userId]),
		input.viewerId && input.viewerId !== input.userId ? isFollowing(input.viewerId, input.userId) : Promise.resolve(false),
		publishedPostsOf({ authorIds: [input.userId], cursor: input.cursor, locale: input.locale }),
	]);
	return {
		user: {
			id: account.id,
			displayName: account.displayName,
			isCoach: coachIds.has(account.id),
			joinedAt: account.createdAt.toISOString(),
		},
		counts,
		following,
		mine: input.viewerId === input.userId,
		openToSparring: Boolean(card?.open && !card.hiddenAt),
		level,
		posts,
	};
}
export type PublicProfile = Awaited<ReturnType<typeof readPublicProfile>>;
