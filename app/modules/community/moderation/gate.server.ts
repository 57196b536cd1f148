import { settings } from "~/lib/config.server";
import type { DbOrTx } from "~/lib/db.server";
import { AppError, forbidden } from "~/lib/errors";
import { consumeAll } from "~/lib/rate-limit.server";
import { findUserById } from "~/modules/accounts/users.server";
import { screenText } from "~/modules/moderation/screen-text.server";
import { trustLevelOfUser } from "./members.server";
import { containsLink, newMemberImageLimit, type TrustLevel } from "./trust";

export interface Admitted {
	status: "published" | "held";
	/** The texts to store: replace-category words starred out. */
	texts: string[];
	/** Listed words hit (kept for staff beside a held item). */
	words: string[];
	trustLevel: TrustLevel;
}

/**
 * What every post, comment and edit passes before it is saved: a verified phone (real name
 * behind, nickname in front), the rate limits per user and per IP, the new-member limits (no
 * links, at most 3 images), and the word list by category: block refuses naming the words, hold
 * (or any hit by a new member) holds for a moderator, replace stars the word out.
 */
export async function admitContribution(input: {
	userId: string;
	ip?: string;
	what: "post" | "comment";
	texts: string[];
	imageCount?: number;
	tx?: DbOrTx;
}): Promise<Admitted> {
	const user = await findUserById(input.userId);
	if (!user?.phoneIndex) throw forbidden("community.errors.phoneRequired");
	const trustLevel = await trustLevelOfUser(input.userId);
	if (trustLevel === 0) {
		if (input.texts.some(containsLink)) throw new AppError(422, "links_not_allowed", "community.errors.newMemberLinks");
		if ((input.imageCount ?? 0) > newMemberImageLimit) {
			throw new AppError(422, "too_many_images", "community.errors.newMemberImages", {
				params: { count: newMemberImageLimit },
			});
		}
	}
	const screening = await screenText(input.texts);
	if (screening.action === "block") {
		throw new AppError(422, "blocked_words", "community.errors.blockedWords", {
			params: { words: screening.blockedWords.join("、") },
		});
	}
	const perHour = input.what === "post" ? settings().COMMUNITY_POSTS_PER_HOUR : settings().COMMUNITY_COMMENTS_PER_HOUR;
	await consumeAll([
		{ key: `community:${input.what}:user:${input.userId}`, points: perHour, windowSeconds: 3600 },
		...(input.ip ? [{ key: `community:${input.what}:ip:${input.ip}`, points: perHour * 5, windowSeconds: 3600 }] : []),
	]);
	const held = screening.action === "hold" || (trustLevel === 0 && screening.words.length > 0);
	return { status: held ? "held" : "published", texts: screening.texts, words: screening.words, trustLevel };
}
