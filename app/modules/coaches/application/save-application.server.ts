import { eq } from "drizzle-orm";
import { decryptOrNull, encrypt } from "~/lib/crypto.server";
import { db, type Transaction } from "~/lib/db.server";
import { sealedIn } from "~/lib/encrypted-columns.server";
import { badRequest } from "~/lib/errors";
import { markAttached } from "~/modules/files/mark-attached.server";
import { coaches, coachPlaces } from "../../../../db/schema";
import { findCity } from "../cities";
import { assertEditable, type CoachRow, conflict, lockOrCreateCoach } from "./coach-record.server";
import { assertOwnFile } from "./owned-file.server";
import { type ApplicationView, presentApplication } from "./present.server";
import type { ApplicationUpdate, AreaInput, IdentityInput, PlaceInput, ProfileInput } from "./schema";
import { introVideoChange, settleVideoFiles, type VideoChange } from "./set-intro-video.server";

/**
 * Saves the sections of a draft that were given, all or nothing: every check (a known city, an
 * identity not yet verified, a video the caller uploaded) runs inside the one transaction, so a
 * refusal leaves the saved draft exactly as it was. The first save creates the draft.
 *
 * After approval, a new display name waits in `pendingDisplayName` for review while the public
 * keeps the approved one (a new video likewise); a verified identity can no longer be changed here.
 */
export async function saveApplication(input: { userId: string; update: ApplicationUpdate }): Promise<ApplicationView> {
	return db().transaction(async (tx) => {
		const coach = await lockOrCreateCoach(tx, input.userId);
		assertEditable(coach);
		const { identity, profile, area, places, introVideoFileId } = input.update;
		const changes: Partial<typeof coaches.$inferInsert> = {};
		if (identity) Object.assign(changes, identityChanges(coach, identity));
		if (profile) Object.assign(changes, profileChanges(coach, profile));
		const cityCode = area ? area.cityCode : coach.cityCode;
		if (area) Object.assign(changes, areaChanges(area));
		if (places) await replacePlaces(tx, coach.id, places, cityCode ?? null);
		let video: VideoChange | undefined;
		if (introVideoFileId !== undefined) {
			if (introVideoFileId) {
				await assertOwnFile(input.userId, introVideoFileId, "intro_video", tx);
				await markAttached(introVideoFileId, tx);
			}
			// A new video waits for review, private, as one uploaded through the video endpoint does.
			video = introVideoChange(coach, introVideoFileId);
			Object.assign(changes, video.changes);
		}
		const [saved] = await tx
			.update(coaches)
			.set({ ...changes, updatedAt: new Date() })
			.where(eq(coaches.id, coach.id))
			.returning();
		// Storage last, once everything else is written.
		if (video) await settleVideoFiles(video, tx);
		return presentApplication(saved as CoachRow, tx);
	});
}

function identityChanges(coach: CoachRow, identity: IdentityInput): Partial<CoachRow> {
	if (coach.realNameVerifiedAt) {
		// Verified by a reviewer: changing who the coach is goes through support, not a form.
		const locked: Record<string, string> = {};
		if (
			identity.realName !== undefined &&
			identity.realName !== decryptOrNull(coach.realNameEnc, sealedIn(coaches.realNameEnc, coach.id))
		)
			locked["identity.realName"] = "coaching.errors.identityLocked";
		if (identity.idNumber && identity.idNumber !== decryptOrNull(coach.idNumberEnc, sealedIn(coaches.idNumberEnc, coach.id))) {
			locked["identity.idNumber"] = "coaching.errors.identityLocked";
		}
		if (Object.keys(locked).length > 0) throw conflict("coaching.errors.identityLocked", locked);
		return { gender: identity.gender ?? null };
	}
	// An ID number is sensitive personal information: processed only with its own consent, given once.
	if (identity.idNumber && !coach.idNumberConsentAt && !identity.idNumberConsent) {
		throw badRequest("legal.consent.idNumberRequired", { "identity.idNumberConsent": "legal.consent.idNumberRequired" });
	}
	return {
		realNameEnc: identity.realName ? encrypt(identity.realName, sealedIn(coaches.realNameEnc, coach.id)) : null,
		...(identity.idNumber ? { idNumberEnc: encrypt(identity.idNumber, sealedIn(coaches.idNumberEnc, coach.id)) } : {}),
		...(identity.idNumber && !coach.idNumberConsentAt ? { idNumberConsentAt: new Date() } : {}),
		gender: identity.gender ?? null,
	};
}

function profileChanges(coach: CoachRow, profile: ProfileInput): Partial<CoachRow> {
	const changes: Partial<CoachRow> = {
		disciplines: profile.disciplines,
		level: profile.level ?? null,
		yearsExperience: profile.yearsExperience ?? null,
		styleTags: profile.styleTags,
		bio: profile.bio ?? null,
	};
	const name = profile.displayName;
	if (name !== undefined) {
		if (coach.status === "approved") changes.pendingDisplayName = name === coach.displayName ? null : name;
		else changes.displayName = name;
	}
	return changes;
}

/** A service radius needs a point: the one given, or the centre of the coach's city. */
function areaChanges(area: AreaInput): Partial<CoachRow> {
	const city = area.cityCode ? findCity(area.cityCode) : undefined;
	if (area.cityCode && !city) throw badRequest("errors.validationFailed", { "area.cityCode": "coaching.errors.cityInvalid" });
	let latitude = area.latitude ?? null;
	let longitude = area.longitude ?? null;
	if (area.serviceRadiusKm && latitude === null) {
		if (!city) throw badRequest("errors.validationFailed", { "area.latitude": "coaching.errors.pointRequired" });
		latitude = city.latitude;
		longitude = city.longitude;
	}
	return { cityCode: city?.code ?? null, latitude, longitude, serviceRadiusKm: area.serviceRadiusKm ?? null };
}

export function placeRow(coachId: string, place: PlaceInput, cityCode: string | null, path: string) {
	const city = cityCode ? findCity(cityCode) : undefined;
	if (place.latitude === undefined && !city) {
		throw badRequest("errors.validationFailed", { [`${path}.latitude`]: "coaching.errors.placePointRequired" });
	}
	return {
		coachId,
		name: place.name,
		address: place.address,
		latitude: place.latitude ?? (city?.latitude as number),
		longitude: place.longitude ?? (city?.longitude as number),
	};
}

async function replacePlaces(tx: Transaction, coachId: string, places: PlaceInput[], cityCode: string | null) {
	const rows = places.map((place, index) => placeRow(coachId, place, cityCode, `places.${index}`));
	await tx.delete(coachPlaces).where(eq(coachPlaces.coachId, coachId));
	if (rows.length > 0) await tx.insert(coachPlaces).values(rows);
}
