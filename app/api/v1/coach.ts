import type { Request, Response } from "express";
import { z } from "zod";
import { AppError } from "~/lib/errors";
import { parseOrThrow } from "~/lib/validation";
import { requireApiSession } from "~/modules/accounts/guards.server";
import { addCertificate } from "~/modules/coaches/application/add-certificate.server";
import { addPhoto } from "~/modules/coaches/application/add-photo.server";
import { getMyApplication } from "~/modules/coaches/application/get-my-application.server";
import { removeCertificate } from "~/modules/coaches/application/remove-certificate.server";
import { removePhoto } from "~/modules/coaches/application/remove-photo.server";
import { saveApplication } from "~/modules/coaches/application/save-application.server";
import {
	applicationUpdateSchema,
	certificateDetailsSchema,
	fileReferenceSchema,
	idSchema,
} from "~/modules/coaches/application/schema";
import { setIntroVideo } from "~/modules/coaches/application/set-intro-video.server";
import { submitApplication } from "~/modules/coaches/application/submit-application.server";
import type { UploadSource } from "~/modules/coaches/application/upload-source.server";
import { withdrawApplication } from "~/modules/coaches/application/withdraw-application.server";
import { getMyAvailability } from "~/modules/coaches/availability/get-availability.server";
import { saveAvailability } from "~/modules/coaches/availability/save-availability.server";
import { availabilityUpdateSchema, maxRangesPerDay } from "~/modules/coaches/availability/schema";
import { getMyOfferings } from "~/modules/coaches/offerings/get-offerings.server";
import { saveOfferings } from "~/modules/coaches/offerings/save-offerings.server";
import { maxLengthsPerCourse, offeringsUpdateSchema } from "~/modules/coaches/offerings/schema";
import { imageTypes, kindPolicies, maxMegabytes } from "~/modules/files/kinds";
import { authHeaders } from "../client";
import { defineEndpoint } from "../endpoint";
import { readRawBody } from "../raw-body";
import { applicationSchema, availabilitySchema, certificateSchema, offeringsSchema, photoSchema } from "./coach-schemas";

/**
 * The signed-in person's own coach record: the application (a draft saved by section, then
 * submitted for review), photos and certificates, offerings and availability. Nobody reaches
 * anyone else's: every call works on the caller's own record, and ids of other coaches' photos or
 * files answer 404.
 */
const tag = "coach";

const userIdOf = async (req: Request) => (await requireApiSession(authHeaders(req))).user.id;

const errors = {
	400: { description: "Invalid input; `error.fields` names each bad field" },
	401: { description: "Not signed in" },
};
const noRecord = { 404: { description: "No coach application yet" } };
const locked = { 409: { description: "In review (withdraw first) or suspended" } };

const tooLarge = (maxBytes: number) => () =>
	new AppError(413, "payload_too_large", "files.errors.tooLarge", { params: { maxMb: maxMegabytes(maxBytes) } });

/** An upload is either the file's bytes, or JSON naming a file uploaded before through `POST /api/v1/files`. */
async function uploadSourceOf(req: Request, res: Response, maxBytes: number): Promise<{ source: UploadSource; json: unknown }> {
	const bytes = await readRawBody(req, res, maxBytes, tooLarge(maxBytes));
	if (req.is("application/json")) {
		let json: unknown;
		try {
			json = JSON.parse(bytes.toString("utf8"));
		} catch {
			throw new AppError(400, "bad_request", "errors.invalidJson");
		}
		const { fileId } = parseOrThrow(fileReferenceSchema, json);
		return { source: { fileId }, json };
	}
	return { source: { bytes, declaredType: req.headers["content-type"] }, json: null };
}

export const getMyCoachApplication = defineEndpoint({
	method: "get",
	path: "/coach/application",
	summary: "My coach application: status, every section, what submitting still needs",
	tag,
	auth: "bearer",
	responses: { 200: { description: "The application", schema: applicationSchema }, ...errors, ...noRecord },
	handler: async ({ req }) => {
		const application = await getMyApplication(await userIdOf(req));
		if (!application) throw new AppError(404, "not_found", "coaching.errors.noApplication");
		return { body: application };
	},
});

export const saveMyCoachApplication = defineEndpoint({
	method: "put",
	path: "/coach/application",
	summary:
		"Save sections of my draft (the first save creates it). Sections given are replaced, others kept; all or nothing. An approved coach's new displayName waits for review",
	tag,
	auth: "bearer",
	body: applicationUpdateSchema,
	responses: {
		200: { description: "Saved", schema: applicationSchema },
		...errors,
		404: { description: "introVideoFileId is not a video of mine" },
		409: { description: "In review, suspended, or a verified identity changed" },
	},
	handler: async ({ body, req }) => ({ body: await saveApplication({ userId: await userIdOf(req), update: body }) }),
});

export const submitMyCoachApplication = defineEndpoint({
	method: "post",
	path: "/coach/application/submit",
	summary:
		"Send my complete application to review (status pending_review); incomplete ones are refused naming each missing field",
	tag,
	auth: "bearer",
	responses: {
		200: { description: "Submitted", schema: applicationSchema },
		400: { description: "Incomplete; `error.fields` names what is missing" },
		401: errors[401],
		...noRecord,
		409: { description: "Already in review, already approved, or suspended" },
	},
	handler: async ({ req }) => ({ body: await submitApplication({ userId: await userIdOf(req) }) }),
});

export const withdrawMyCoachApplication = defineEndpoint({
	method: "post",
	path: "/coach/application/withdraw",
	summary: "Take my application back out of review to change it",
	tag,
	auth: "bearer",
	responses: {
		200: { description: "Back to draft", schema: applicationSchema },
		401: errors[401],
		...noRecord,
		409: { description: "Not in review" },
	},
	handler: async ({ req }) => ({ body: await withdrawApplication({ userId: await userIdOf(req) }) }),
});

const photoMaxBytes = kindPolicies.coach_photo.maxBytes;

export const addMyCoachPhoto = defineEndpoint({
	method: "post",
	path: "/coach/photos",
	summary:
		"Add a photo (pending review; private until approved): the image bytes, or JSON { fileId } of a coach_photo uploaded before",
	tag,
	auth: "bearer",
	rawBody: {
		contentTypes: [...imageTypes, "application/json"],
		description: `An image of at most ${maxMegabytes(photoMaxBytes)} MB (type read from the bytes), or { "fileId": "…" }`,
	},
	responses: {
		201: { description: "Added, pending review", schema: photoSchema },
		...errors,
		404: { description: "fileId is not a coach_photo of mine" },
		409: { description: "Nine photos already, in review, or suspended" },
		413: { description: "Too large" },
		415: { description: "Not an image" },
	},
	handler: async ({ req, res }) => {
		const userId = await userIdOf(req);
		const { source } = await uploadSourceOf(req, res, photoMaxBytes);
		return { status: 201, body: await addPhoto({ userId, source }) };
	},
});

export const removeMyCoachPhoto = defineEndpoint({
	method: "delete",
	path: "/coach/photos/:photoId",
	summary: "Remove one of my photos (an approved coach keeps at least one approved photo)",
	tag,
	auth: "bearer",
	params: z.object({ photoId: idSchema }),
	responses: {
		204: { description: "Removed" },
		...errors,
		404: { description: "No such photo of mine" },
		409: { description: "My last approved photo, in review, or suspended" },
	},
	handler: async ({ params, req }) => {
		await removePhoto({ userId: await userIdOf(req), photoId: params.photoId });
		return { status: 204 };
	},
});

const certificateMaxBytes = kindPolicies.certificate.maxBytes;
const certificateQuery = z.object({ issuer: z.string().optional(), level: z.string().optional() });

export const addMyCoachCertificate = defineEndpoint({
	method: "post",
	path: "/coach/certificates",
	summary:
		"Add a certificate (private; pending review): the image or PDF bytes with ?issuer=&level=, or JSON { fileId, issuer, level } of a certificate uploaded before",
	tag,
	auth: "bearer",
	query: certificateQuery,
	rawBody: {
		contentTypes: [...imageTypes, "application/pdf", "application/json"],
		description: `An image or PDF of at most ${maxMegabytes(certificateMaxBytes)} MB, or { "fileId": "…", "issuer": "…", "level": "…" }`,
	},
	responses: {
		201: { description: "Added, pending review", schema: certificateSchema },
		...errors,
		404: { description: "fileId is not a certificate of mine" },
		409: { description: "Ten certificates already, in review, or suspended" },
		413: { description: "Too large" },
		415: { description: "Not an image or PDF" },
	},
	handler: async ({ query, req, res }) => {
		const userId = await userIdOf(req);
		const { source, json } = await uploadSourceOf(req, res, certificateMaxBytes);
		const details = parseOrThrow(certificateDetailsSchema, json ?? query);
		return { status: 201, body: await addCertificate({ userId, source, details }) };
	},
});

export const removeMyCoachCertificate = defineEndpoint({
	method: "delete",
	path: "/coach/certificates/:certificateId",
	summary: "Remove one of my certificates (the badge goes with the last approved one)",
	tag,
	auth: "bearer",
	params: z.object({ certificateId: idSchema }),
	responses: { 204: { description: "Removed" }, ...errors, 404: { description: "No such certificate of mine" }, ...locked },
	handler: async ({ params, req }) => {
		await removeCertificate({ userId: await userIdOf(req), certificateId: params.certificateId });
		return { status: 204 };
	},
});

const videoMaxBytes = kindPolicies.intro_video.maxBytes;

export const putMyIntroVideo = defineEndpoint({
	method: "put",
	path: "/coach/intro-video",
	summary:
		"Set my optional intro video: MP4 bytes. It waits for review (status pending) and stays private until approved; an approved coach's profile keeps the approved video meanwhile",
	tag,
	auth: "bearer",
	rawBody: { contentTypes: ["video/mp4"], description: `At most ${maxMegabytes(videoMaxBytes)} MB` },
	responses: {
		200: {
			description: "Set",
			schema: z.object({ fileId: z.string().nullable(), status: z.enum(["pending", "approved", "rejected"]).nullable() }),
		},
		...errors,
		...locked,
		413: { description: "Too large" },
		415: { description: "Not an MP4 video" },
	},
	handler: async ({ req, res }) => {
		const userId = await userIdOf(req);
		const bytes = await readRawBody(req, res, videoMaxBytes, tooLarge(videoMaxBytes));
		return { body: await setIntroVideo({ userId, source: { bytes, declaredType: req.headers["content-type"] } }) };
	},
});

export const deleteMyIntroVideo = defineEndpoint({
	method: "delete",
	path: "/coach/intro-video",
	summary: "Remove my intro video (also the approved one from my public profile)",
	tag,
	auth: "bearer",
	responses: { 204: { description: "Removed" }, 401: errors[401], ...locked },
	handler: async ({ req }) => {
		await setIntroVideo({ userId: await userIdOf(req), source: null });
		return { status: 204 };
	},
});

export const getMyCoachOfferings = defineEndpoint({
	method: "get",
	path: "/coach/offerings",
	summary: "My lessons: per course type the lengths and prices (fen), online or not, and my cancellation preset",
	tag,
	auth: "bearer",
	responses: { 200: { description: "My offerings", schema: offeringsSchema }, 401: errors[401], ...noRecord },
	handler: async ({ req }) => ({ body: await getMyOfferings(await userIdOf(req)) }),
});

export const saveMyCoachOfferings = defineEndpoint({
	method: "put",
	path: "/coach/offerings",
	summary: `Replace my lessons (prices in fen, ¥1–¥100,000; 30–240 minutes in 15-minute steps; at most ${maxLengthsPerCourse} lengths per course type, all online or none) and cancellation preset; the search price is recomputed at once`,
	tag,
	auth: "bearer",
	body: offeringsUpdateSchema,
	responses: {
		200: { description: "Saved", schema: offeringsSchema },
		...errors,
		...noRecord,
		403: { description: "Suspended" },
	},
	handler: async ({ body, req }) => ({ body: await saveOfferings({ userId: await userIdOf(req), update: body }) }),
});

export const getMyCoachAvailability = defineEndpoint({
	method: "get",
	path: "/coach/availability",
	summary: "My weekly hours and date exceptions (Asia/Shanghai, HH:MM), buffer, notice, horizon, and whether I take bookings",
	tag,
	auth: "bearer",
	responses: { 200: { description: "My availability", schema: availabilitySchema }, 401: errors[401], ...noRecord },
	handler: async ({ req }) => ({ body: await getMyAvailability(await userIdOf(req)) }),
});

export const saveMyCoachAvailability = defineEndpoint({
	method: "put",
	path: "/coach/availability",
	summary: `Replace my availability; at most ${maxRangesPerDay} ranges a weekday, which may not overlap`,
	tag,
	auth: "bearer",
	body: availabilityUpdateSchema,
	responses: {
		200: { description: "Saved", schema: availabilitySchema },
		...errors,
		...noRecord,
		403: { description: "Suspended" },
	},
	handler: async ({ body, req }) => ({ body: await saveAvailability({ userId: await userIdOf(req), update: body }) }),
});
