import { asc, eq } from "drizzle-orm";
import { decryptOrNull } from "~/lib/crypto.server";
import type { DbOrTx } from "~/lib/db.server";
import { sealedIn } from "~/lib/encrypted-columns.server";
import { publicFileUrl, signedFileUrl } from "~/modules/files/urls.server";
import { coachCertificates, coaches, coachPhotos, coachPlaces } from "../../../../db/schema";
import type { Discipline } from "../catalog";
import { maskIdNumber } from "../id-number";
import type { CoachRow } from "./coach-record.server";
import { missingForSubmit } from "./completeness";
import { isImageFile } from "./owned-file.server";
import type { CoachLevel } from "./schema";

type ReviewStatus = "pending" | "approved" | "rejected";

/** Private previews live an hour: long enough to fill in a form or review an application. */
const previewTtlSeconds = 3600;

export interface PhotoView {
	id: string;
	fileId: string;
	status: ReviewStatus;
	reviewNote: string | null;
	thumbUrl: string;
	fullUrl: string;
}

export interface CertificateView {
	id: string;
	fileId: string;
	issuer: string;
	level: string;
	status: ReviewStatus;
	reviewNote: string | null;
	/** A short-lived URL (certificates are private); a thumbnail only for scans, not PDFs. */
	url: string;
	thumbUrl: string | null;
}

export interface IntroVideoView {
	fileId: string;
	status: ReviewStatus;
	reviewNote: string | null;
	/** Public once approved; a short-lived signed URL before. */
	url: string;
	/** The video the public profile shows: this one once approved, or an earlier one while this one waits. */
	approvedFileId: string | null;
}

export interface PlaceView {
	id: string;
	name: string;
	address: string | null;
	latitude: number;
	longitude: number;
}

/** The application as its owner sees it (and, with the identity in full, its reviewer). */
export interface ApplicationView {
	id: string;
	userId: string;
	status: CoachRow["status"];
	submittedAt: string | null;
	approvedAt: string | null;
	reviewNote: string | null;
	identity: {
		realName: string | null;
		idNumberMasked: string | null;
		gender: "male" | "female" | null;
		/** Verified identity can no longer be changed here (support can). */
		verified: boolean;
		/** The coach agreed separately to the processing of their ID number. */
		idNumberConsented: boolean;
	};
	profile: {
		displayName: string;
		/** A new name of an approved coach, waiting for review; the public still sees `displayName`. */
		pendingDisplayName: string | null;
		disciplines: Discipline[];
		level: CoachLevel | null;
		yearsExperience: number | null;
		styleTags: string[];
		bio: string | null;
	};
	area: { cityCode: string | null; latitude: number | null; longitude: number | null; serviceRadiusKm: number | null };
	places: PlaceView[];
	photos: PhotoView[];
	certificates: CertificateView[];
	introVideo: IntroVideoView | null;
	badges: { realName: boolean; certificate: boolean };
	/** Field → i18n key of what submitting still needs; empty when complete. */
	missing: Record<string, string>;
	editable: boolean;
	canSubmit: boolean;
}

export function photoUrls(photo: { fileId: string; status: ReviewStatus }) {
	// Approved photos are public; the others are seen only by their owner and reviewers.
	if (photo.status === "approved") {
		return { thumbUrl: publicFileUrl(photo.fileId, "thumb"), fullUrl: publicFileUrl(photo.fileId, "full") };
	}
	return {
		thumbUrl: signedFileUrl(photo.fileId, previewTtlSeconds, "thumb"),
		fullUrl: signedFileUrl(photo.fileId, previewTtlSeconds, "full"),
	};
}

/** Like a photo: an approved video is public, any other is seen only by its owner and reviewers. */
export function videoUrl(video: { fileId: string; status: ReviewStatus }): string {
	return video.status === "approved" ? publicFileUrl(video.fileId) : signedFileUrl(video.fileId, previewTtlSeconds);
}

function introVideoOf(coach: CoachRow): IntroVideoView | null {
	if (!coach.introVideoFileId) return null;
	const video = { fileId: coach.introVideoFileId, status: coach.introVideoStatus ?? "pending" };
	return {
		...video,
		reviewNote: coach.introVideoReviewNote,
		url: videoUrl(video),
		approvedFileId: coach.approvedIntroVideoFileId,
	};
}

export async function certificateUrls(fileId: string, tx: DbOrTx) {
	return {
		url: signedFileUrl(fileId, previewTtlSeconds),
		thumbUrl: (await isImageFile(fileId, tx)) ? signedFileUrl(fileId, previewTtlSeconds, "thumb") : null,
	};
}

export async function presentApplication(
	coach: CoachRow,
	tx: DbOrTx,
	options: { fullIdNumber?: boolean } = {},
): Promise<ApplicationView & { identity: { idNumber?: string | null } }> {
	// One after another: `tx` may be a transaction, and a connection runs one query at a time.
	const photos = await tx
		.select()
		.from(coachPhotos)
		.where(eq(coachPhotos.coachId, coach.id))
		.orderBy(asc(coachPhotos.position), asc(coachPhotos.createdAt));
	const certificates = await tx
		.select()
		.from(coachCertificates)
		.where(eq(coachCertificates.coachId, coach.id))
		.orderBy(asc(coachCertificates.createdAt));
	const places = await tx.select().from(coachPlaces).where(eq(coachPlaces.coachId, coach.id)).orderBy(asc(coachPlaces.name));
	const certificateViews: CertificateView[] = [];
	for (const certificate of certificates) {
		certificateViews.push({
			id: certificate.id,
			fileId: certificate.fileId,
			issuer: certificate.issuer,
			level: certificate.level,
			status: certificate.status,
			reviewNote: certificate.reviewNote,
			...(await certificateUrls(certificate.fileId, tx)),
		});
	}
	const realName = decryptOrNull(coach.realNameEnc, sealedIn(coaches.realNameEnc, coach.id));
	const idNumber = decryptOrNull(coach.idNumberEnc, sealedIn(coaches.idNumberEnc, coach.id));
	const missing = missingForSubmit({
		hasRealName: Boolean(realName),
		hasIdNumber: Boolean(idNumber),
		gender: coach.gender,
		disciplines: coach.disciplines,
		level: coach.level,
		yearsExperience: coach.yearsExperience,
		bio: coach.bio,
		cityCode: coach.cityCode,
		placeCount: places.length,
		serviceRadiusKm: coach.serviceRadiusKm,
		photoCount: photos.filter((photo) => photo.status !== "rejected").length,
	});
	const editable = coach.status !== "pending_review" && coach.status !== "suspended";
	return {
		id: coach.id,
		userId: coach.userId,
		status: coach.status,
		submittedAt: coach.submittedAt?.toISOString() ?? null,
		approvedAt: coach.approvedAt?.toISOString() ?? null,
		reviewNote: coach.reviewNote,
		identity: {
			realName,
			idNumberMasked: idNumber ? maskIdNumber(idNumber) : null,
			...(options.fullIdNumber ? { idNumber } : {}),
			gender: coach.gender,
			verified: Boolean(coach.realNameVerifiedAt),
			idNumberConsented: Boolean(coach.idNumberConsentAt),
		},
		profile: {
			displayName: coach.displayName,
			pendingDisplayName: coach.pendingDisplayName,
			disciplines: coach.disciplines,
			level: coach.level,
			yearsExperience: coach.yearsExperience,
			styleTags: coach.styleTags,
			bio: coach.bio,
		},
		area: {
			cityCode: coach.cityCode,
			latitude: coach.latitude,
			longitude: coach.longitude,
			serviceRadiusKm: coach.serviceRadiusKm,
		},
		places: places.map((place) => ({
			id: place.id,
			name: place.name,
			address: place.address,
			latitude: place.latitude,
			longitude: place.longitude,
		})),
		photos: photos.map((photo) => ({
			id: photo.id,
			fileId: photo.fileId,
			status: photo.status,
			reviewNote: photo.reviewNote,
			...photoUrls(photo),
		})),
		certificates: certificateViews,
		introVideo: introVideoOf(coach),
		badges: { realName: Boolean(coach.realNameVerifiedAt), certificate: Boolean(coach.certificateVerifiedAt) },
		missing,
		editable,
		canSubmit: (coach.status === "draft" || coach.status === "rejected") && Object.keys(missing).length === 0,
	};
}

/** The page's view of an application not started yet: every section empty and editable. */
export function blankApplication(userId: string): ApplicationView {
	const missing = missingForSubmit({
		hasRealName: false,
		hasIdNumber: false,
		gender: null,
		disciplines: [],
		level: null,
		yearsExperience: null,
		bio: null,
		cityCode: null,
		placeCount: 0,
		serviceRadiusKm: null,
		photoCount: 0,
	});
	return {
		id: "",
		userId,
		status: "draft",
		submittedAt: null,
		approvedAt: null,
		reviewNote: null,
		identity: { realName: null, idNumberMasked: null, gender: null, verified: false, idNumberConsented: false },
		profile: {
			displayName: "",
			pendingDisplayName: null,
			disciplines: [],
			level: null,
			yearsExperience: null,
			styleTags: [],
			bio: null,
		},
		area: { cityCode: null, latitude: null, longitude: null, serviceRadiusKm: null },
		places: [],
		photos: [],
		certificates: [],
		introVideo: null,
		badges: { realName: false, certificate: false },
		missing,
		editable: true,
		canSubmit: false,
	};
}
