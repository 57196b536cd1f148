import { blindIndex } from "~/lib/crypto.server";
import { consume } from "~/lib/rate-limit.server";

/**
 * Each search may cost a call to AMap, whose key has a daily quota: a client gets 30 a minute, plenty
 * for a person typing (the page waits for a pause in typing), far too few to drain the quota.
 */
export async function limitPlaceSearches(who: string): Promise<void> {
	await consume({ key: `places:${who}`, points: 30, windowSeconds: 60 });
}

/** The limit's key for a client known only by its address (never the address itself). */
export const clientKey = (ip: string) => `ip:${blindIndex("ip", ip)}`;
