import { decrypt, encrypt, purposeBinding } from "~/lib/crypto.server";
import { unauthorized } from "~/lib/errors";
import type { Caller } from "../booking-record.server";
import { issueVideoToken, lessonPartyFor, type VideoToken } from "./video-token.server";

/** Long enough to find a second phone and prop it over the table; a photo of the QR soon stops working. */
export const secondCameraLinkMinutes = 15;
const binding = purposeBinding("lesson-second-camera");

interface LinkClaims {
	bookingId: string;
	userId: string;
	expiresAt: number;
}

/**
 * The key of a second-camera link for the caller's own online lesson (while its room is open):
 * sealed with the app's encryption key (AES-GCM authenticates it), so it cannot be made or altered
 * without the key, and it names the person and the booking the phone over the table joins for.
 */
export async function secondCameraKey(input: {
	caller: Caller;
	bookingId: string;
	now?: Date;
}): Promise<{ key: string; expiresAt: string }> {
	const now = input.now ?? new Date();
	const { booking } = await lessonPartyFor({ caller: input.caller, bookingId: input.bookingId, now });
	const expiresAt = now.getTime() + secondCameraLinkMinutes * 60_000;
	const claims: LinkClaims = { bookingId: booking.id, userId: input.caller.userId, expiresAt };
	return { key: encrypt(JSON.stringify(claims), binding), expiresAt: new Date(expiresAt).toISOString() };
}

/**
 * A token for the phone over the table: the same person as the link's maker, device "second"
 * (camera only, sees nothing), with every rule of the first device's token checked again now
 * (still their booking, still online and open).
 */
export async function issueSecondCameraToken(input: { key: string; now?: Date }): Promise<VideoToken> {
	const now = input.now ?? new Date();
	let claims: LinkClaims;
	try {
		if (!input.key.startsWith("v2.")) throw new Error("not a link key");
		claims = JSON.parse(decrypt(input.key, binding)) as LinkClaims;
	} catch {
		throw unauthorized("booking.online.errors.badLink");
	}
	if (typeof claims.expiresAt !== "number" || claims.expiresAt < now.getTime())
		throw unauthorized("booking.online.errors.linkExpired");
	return issueVideoToken({ caller: { userId: claims.userId, roles: [] }, bookingId: claims.bookingId, device: "second", now });
}
