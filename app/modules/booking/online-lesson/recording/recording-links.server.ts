import { createHmac, timingSafeEqual } from "node:crypto";
import { settings } from "~/lib/config.server";

/**
 * Short-lived links to a lesson recording: `/lesson/recordings/<id>?exp=…&sig=…`, signed with
 * HMAC-SHA256 under a key derived from SESSION_SECRET (as stored files' private links are), served by
 * the app from the bucket with byte ranges, so a player can seek. Only the booking's two people are
 * ever handed one; it stops working after `recordingLinkSeconds`.
 */
export const recordingLinkSeconds = 15 * 60;

function signingKey(): Buffer {
	const secret = settings().SESSION_SECRET;
	if (!secret) throw new Error("SESSION_SECRET must be set to sign recording links");
	// Its own key: a recording's signature can never stand in for anything else signed with the secret.
	return createHmac("sha256", secret).update("cuepal:lesson-recording:link:v1").digest();
}

const signature = (recordingId: string, exp: number) =>
	createHmac("sha256", signingKey()).update(`${recordingId.toLowerCase()}\n${exp}`).digest("base64url");

export function signRecordingLink(recordingId: string, now = Date.now()): { url: string; expiresAt: string } {
	const exp = Math.floor(now / 1000) + recordingLinkSeconds;
	return {
		url: `/lesson/recordings/${recordingId}?exp=${exp}&sig=${signature(recordingId, exp)}`,
		expiresAt: new Date(exp * 1000).toISOString(),
	};
}

export function verifyRecordingLink(recordingId: string, exp: unknown, sig: unknown, now = Date.now()): boolean {
	if (typeof exp !== "string" || typeof sig !== "string" || !/^\d{1,12}$/.test(exp) || !/^[\w-]{43}$/.test(sig)) return false;
	if (Number(exp) * 1000 <= now) return false;
	const expected = Buffer.from(signature(recordingId, Number(exp)));
	const given = Buffer.from(sig);
	return expected.length === given.length && timingSafeEqual(expected, given);
}
