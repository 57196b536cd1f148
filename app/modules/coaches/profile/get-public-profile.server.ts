import { and, asc, eq, sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import { coachCertificates, coaches, coachOfferings, coachPhotos, coachPlaces } from "../../../../db/schema";
import type { CourseType, Discipline } from "../catalog";
import { findCity } from "../cities";
import { photoUrlOf, videoUrlOf } from "./photo-url.server";
import type { CoachBadge } from "./preferred-badge";
import { type PublicReliability, publicReliabilityOf } from "./reliability.server";

export interface PublicCoachProfile {
	id: string;
	displayName: string;
	gender: "male" | "female" | null;
	level: string | null;
	disciplines: Discipline[];
	yearsExperience: number | null;
	styleTags: string[];
	bio: string | null;
	badges: CoachBadge[];
	certificates: Array<{ issuer: string; level: string }>;
	photos: Array<{ id: string; thumbUrl: string; cardUrl: string; fullUrl: string }>;
	/** The approved intro video; a newer one waiting for review is not shown until approved. */
	introVideoUrl: string | null;
	offerings: Array<{ id: string; courseType: CourseType; durationMinutes: number; priceFen: number; online: boolean }>;
	places: Array<{
		id: string;
		name: string;
		address: string | null;
		latitude: number;
		longitude: number;
		distanceKm: number | null;
	}>;
	serviceArea: {
		latitude: number;
		longitude: number;
		radiusKm: number;
		cityCode: string | null;
		distanceKm: number | null;
	} | null;
	city: { code: string; nameZh: string; nameEn: string } | null;
	cancellationPolicy: "flexible" | "moderate" | "strict";
	acceptingBookings: boolean;
	/** The mean of published reviews, their count and the Bayesian average search ranks by; null before the first. */
	rating: { average: number; count: number; bayesian: number } | null;
	/** The last 90 days as the booking module measured them; the rates are null under the minimum count. */
	reliability: PublicReliability;
	approvedAt: string;
}

/** Great-circle distance in km, for the few places on one profile. */
function distanceKm(
	from: { latitude: number; longitude: number } | undefined,
	latitude: number,
	longitude: number,
): number | null {
	if (!from) return null;
	const radians = (degrees: number) => (degrees * Math.PI) / 180;
	const dLat = radians(latitude - from.latitude);
	const dLng = radians(longitude - from.longitude);
	const a = Math.sin(dLat / 2) ** 2 + Math.cos(radians(from.latitude)) * Math.cos(radians(latitude)) * Math.sin(dLng / 2) ** 2;
	return Math.round(6371 * 2 * Math.asin(Math.sqrt(a)) * 10) / 10;
}

/**
 * A coach's public profile. Only approved coaches have one (unknown, pending, rejected and
 * suspended all answer 404 alike), and only what was verified is shown: approved photos,
 * certificates and video, badges from the review.
 */
export async function getPublicCoachProfile(
	coachId: string,
	viewer?: { latitude: number; longitude: number },
): Promise<PublicCoachProfile> {
	if (!/^[0-9a-f-]{36}$/i.test(coachId)) throw notFound();
	const database = db();
	const [coach] = await database
		.select()
		.from(coaches)
		.where(and(eq(coaches.id, coachId), eq(coaches.status, "approved")))
		.limit(1);
	if (!coach) throw notFound();
	const [photos, certificates, offerings, places] = await Promise.all([
		database
			.select({ fileId: coachPhotos.fileId })
			.from(coachPhotos)
			.where(and(eq(coachPhotos.coachId, coachId), eq(coachPhotos.status, "approved")))
			.orderBy(asc(coachPhotos.position), asc(coachPhotos.createdAt)),
		database
			.select({ issuer: coachCertificates.issuer, level: coachCertificates.level })
			.from(coachCertificates)
			.where(and(eq(coachCertificates.coachId, coachId), eq(coachCertificates.status, "approved"))),
		database
			.select()
			.from(coachOfferings)
			.where(and(eq(coachOfferings.coachId, coachId), eq(coachOfferings.active, true)))
			.orderBy(
				sql`array_position(array['basic','advanced','match_simulation','sparring','casual_play']::course_type[], ${coachOfferings.courseType})`,
				asc(coachOfferings.durationMinutes),
			),
		database.select().from(coachPlaces).where(eq(coachPlaces.coachId, coachId)),
	]);
	const badges: PublicCoachProfile["badges"] = [];
	if (coach.realNameVerifiedAt) badges.push("real_name");
	if (coach.certificateVerifiedAt) badges.push("certificate");
	if (coach.preferredSince) badges.push("preferred");
	const city = coach.cityCode ? findCity(coach.cityCode) : undefined;
	return {
		id: coach.id,
		displayName: coach.displayName,
		gender: coach.gender,
		level: coach.level,
		disciplines: coach.disciplines as Discipline[],
		yearsExperience: coach.yearsExperience,
		styleTags: coach.styleTags,
		bio: coach.bio,
		badges,
		certificates,
		photos: photos.map((photo) => ({
			id: photo.fileId,
			thumbUrl: photoUrlOf(photo.fileId, "thumb"),
			cardUrl: photoUrlOf(photo.fileId, "card"),
			fullUrl: photoUrlOf(photo.fileId, "full"),
		})),
		introVideoUrl: coach.approvedIntroVideoFileId ? videoUrlOf(coach.approvedIntroVideoFileId) : null,
		offerings: offerings.map((offering) => ({
			id: offering.id,
			courseType: offering.courseType,
			durationMinutes: offering.durationMinutes,
			priceFen: offering.priceFen,
			online: offering.online,
		})),
		places: places.map((place) => ({
			id: place.id,
			name: place.name,
			address: place.address,
			latitude: place.latitude,
			longitude: place.longitude,
			distanceKm: distanceKm(viewer, place.latitude, place.longitude),
		})),
		serviceArea:
			coach.latitude !== null && coach.longitude !== null && coach.serviceRadiusKm
				? {
						latitude: coach.latitude,
						longitude: coach.longitude,
						radiusKm: coach.serviceRadiusKm,
						cityCode: coach.cityCode,
						distanceKm: distanceKm(viewer, coach.latitude, coach.longitude),
					}
				: null,
		city: city ? { code: city.code, nameZh: city.nameZh, nameEn: city.nameEn } : null,
		cancellationPolicy: coach.cancellationPolicy,
		acceptingBookings: coach.acceptingBookings,
		rating:
			coach.ratingCount > 0 && coach.ratingAverage !== null
				? {
						average: Math.round(coach.ratingAverage * 100) / 100,
						count: coach.ratingCount,
						bayesian: Math.round(coach.ratingBayesian * 100) / 100,
					}
				: null,
		reliability: publicReliabilityOf(coach.reliability),
		approvedAt: (coach.approvedAt ?? coach.createdAt).toISOString(),
	};
}
