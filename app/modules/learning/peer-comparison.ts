/**
 * "你的进球率高于同级别 62% 的球友" only when the group of other players at the same level has at
 * least this many members: with fewer, a player could work out one named acquaintance's numbers.
 */
export const minPeerGroup = 20;

/** The share of peers with a lower pot rate, or null when the group is too small to show. */
export function peerComparison(group: { peers: number; below: number }): { percentBelow: number; peers: number } | null {
	if (group.peers < minPeerGroup) return null;
	return { percentBelow: Math.round((group.below / group.peers) * 100), peers: group.peers };
}
