/**
 * Trust levels earned by activity, as Discourse does: 0 new, 1 member, 2 trusted. Upheld flags
 * against a member's words take trust away. Pure, so the thresholds are tested on their own.
 */
export type TrustLevel = 0 | 1 | 2;

export interface MemberActivity {
	daysVisited: number;
	postsRead: number;
	likesReceived: number;
	upheldFlags: number;
}

export function trustLevelOf(activity: MemberActivity): TrustLevel {
	if (activity.upheldFlags >= 3) return 0;
	const trusted = activity.daysVisited >= 10 && activity.postsRead >= 50 && activity.likesReceived >= 10;
	const member = activity.daysVisited >= 2 && activity.postsRead >= 5;
	if (trusted && activity.upheldFlags === 0) return 2;
	return member || trusted ? 1 : 0;
}

/** How much one flag weighs toward hiding a post: trusted members' flags weigh most. */
export const flagWeight: Record<TrustLevel, number> = { 0: 1, 1: 2, 2: 4 };

/** New accounts post at most this many images and no links. */
export const newMemberImageLimit = 3;

/** http(s) or www. links, Markdown or bare: what a new account may not post. */
const link = /(https?:\/\/|www\.)\S+|\]\([^)]*\)/i;
export const containsLink = (text: string): boolean => link.test(text);
