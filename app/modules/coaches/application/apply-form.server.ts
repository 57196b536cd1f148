import type { z } from "zod";
import { AppError, badRequest } from "~/lib/errors";
import { fieldErrorKeys } from "~/lib/validation";
import { type FileKind, kindPolicies, maxMegabytes } from "~/modules/files/kinds";
import { addCertificate } from "./add-certificate.server";
import { addPhoto } from "./add-photo.server";
import { addPlace } from "./add-place.server";
import { removeCertificate } from "./remove-certificate.server";
import { removePhoto } from "./remove-photo.server";
import { removePlace } from "./remove-place.server";
import { saveApplication } from "./save-application.server";
import { areaSchema, certificateDetailsSchema, identitySchema, idSchema, placeSchema, profileSchema } from "./schema";
import { setIntroVideo } from "./set-intro-video.server";
import { submitApplication } from "./submit-application.server";
import { withdrawApplication } from "./withdraw-application.server";

/**
 * The forms of the /coach/apply page, one per section, each a plain POST (uploads as
 * multipart) that works without JavaScript. Errors come back under the names the API uses
 * (`identity.realName`, `photos`, …) so each shows beside its field.
 */
export const applyIntents = [
	"identity",
	"profile",
	"area",
	"add-place",
	"remove-place",
	"add-photo",
	"remove-photo",
	"add-certificate",
	"remove-certificate",
	"set-video",
	"remove-video",
	"submit",
	"withdraw",
] as const;
export type ApplyIntent = (typeof applyIntents)[number];

/** Where to go and what to say after a successful submission. */
export interface ApplyDone {
	anchor: string;
	messageKey: string;
}

const sectionOf: Record<ApplyIntent, string> = {
	identity: "identity",
	profile: "profile",
	area: "where",
	"add-place": "where",
	"remove-place": "where",
	"add-photo": "photos",
	"remove-photo": "photos",
	"add-certificate": "certificates",
	"remove-certificate": "certificates",
	"set-video": "video",
	"remove-video": "video",
	submit: "submit",
	withdraw: "top",
};

function parseSection<T>(schema: z.ZodType<T>, value: unknown, prefix: string): T {
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	const fields = Object.fromEntries(
		Object.entries(fieldErrorKeys(result.error)).map(([name, key]) => [`${prefix}.${name}`, key]),
	);
	throw badRequest("errors.validationFailed", fields);
}

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === "string" ? value : undefined;
};

/** Custom tags are typed in one field, separated by commas (of either width), 、 or semicolons. */
const customTagsOf = (form: FormData) =>
	(text(form, "customTags") ?? "")
		.split(/[,，、;；]+/)
		.map((tag) => tag.trim())
		.filter(Boolean);

async function fileBytes(form: FormData, name: string, kind: FileKind, field: string) {
	const file = form.get(name);
	if (!(file instanceof File) || file.size === 0)
		throw badRequest("errors.validationFailed", { [field]: "coaching.errors.fileRequired" });
	const maxBytes = kindPolicies[kind].maxBytes;
	if (file.size > maxBytes) {
		throw new AppError(413, "payload_too_large", "files.errors.tooLarge", { params: { maxMb: maxMegabytes(maxBytes) } });
	}
	return { bytes: new Uint8Array(await file.arrayBuffer()), declaredType: file.type || undefined };
}

/**
 * The service area's centre as the page's select sends it: "lat,lng" of a hall or a district (stored
 * datum), or "" for the city centre. Anything else was not one of the choices.
 */
function centreOf(form: FormData): { latitude: string; longitude: string } | undefined {
	const value = text(form, "centre");
	if (value === undefined || value === "") return undefined;
	const match = /^(-?\d{1,3}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?)$/.exec(value);
	if (!match) throw badRequest("errors.validationFailed", { "area.centre": "places.errors.centreUnknown" });
	return { latitude: match[1] as string, longitude: match[2] as string };
}

const idOf = (form: FormData, name: string) => {
	const parsed = idSchema.safeParse(text(form, name));
	if (!parsed.success) throw badRequest("errors.badRequest");
	return parsed.data;
};

export function typedValues(form: FormData): Record<string, string | string[]> {
	const values: Record<string, string | string[]> = {};
	for (const [name, value] of form) {
		if (typeof value !== "string" || name === "idNumber" || name === "intent") continue;
		const clipped = value.slice(0, 2000);
		const previous = values[name];
		values[name] = previous === undefined ? clipped : [...(Array.isArray(previous) ? previous : [previous]), clipped];
	}
	return values;
}

/** Runs one form of the page for the signed-in user; refusals throw AppErrors with field names. */
export async function runApplyForm(userId: string, intent: ApplyIntent, form: FormData): Promise<ApplyDone> {
	const done = (): ApplyDone => ({ anchor: sectionOf[intent], messageKey: "coaching.apply.saved" });
	switch (intent) {
		case "identity": {
			const identity = parseSection(
				identitySchema,
				{
					realName: text(form, "realName"),
					idNumber: text(form, "idNumber"),
					gender: text(form, "gender"),
					idNumberConsent: text(form, "idNumberConsent"),
				},
				"identity",
			);
			await saveApplication({ userId, update: { identity } });
			return done();
		}
		case "profile": {
			const profile = parseSection(
				profileSchema,
				{
					displayName: text(form, "displayName"),
					disciplines: form.getAll("disciplines"),
					level: text(form, "level"),
					yearsExperience: text(form, "yearsExperience"),
					styleTags: [...form.getAll("styleTags"), ...customTagsOf(form)],
					bio: text(form, "bio"),
				},
				"profile",
			);
			await saveApplication({ userId, update: { profile } });
			return done();
		}
		case "area": {
			const centre = centreOf(form);
			const area = parseSection(
				areaSchema,
				{
					cityCode: text(form, "cityCode"),
					serviceRadiusKm: text(form, "serviceRadiusKm"),
					latitude: centre?.latitude ?? text(form, "latitude"),
					longitude: centre?.longitude ?? text(form, "longitude"),
				},
				"area",
			);
			await saveApplication({ userId, update: { area } });
			return done();
		}
		case "add-place": {
			const place = parseSection(
				placeSchema,
				{
					name: text(form, "name"),
					address: text(form, "address"),
					latitude: text(form, "latitude"),
					longitude: text(form, "longitude"),
				},
				"place",
			);
			await addPlace({ userId, place });
			return done();
		}
		case "remove-place":
			await removePlace({ userId, placeId: idOf(form, "placeId") });
			return done();
		case "add-photo":
			await addPhoto({ userId, source: await fileBytes(form, "photo", "coach_photo", "photos") });
			return done();
		case "remove-photo":
			await removePhoto({ userId, photoId: idOf(form, "photoId") });
			return done();
		case "add-certificate": {
			const details = parseSection(
				certificateDetailsSchema,
				{ issuer: text(form, "issuer"), level: text(form, "level") },
				"certificate",
			);
			await addCertificate({ userId, details, source: await fileBytes(form, "certificate", "certificate", "certificate.file") });
			return done();
		}
		case "remove-certificate":
			await removeCertificate({ userId, certificateId: idOf(form, "certificateId") });
			return done();
		case "set-video":
			await setIntroVideo({ userId, source: await fileBytes(form, "video", "intro_video", "video") });
			return done();
		case "remove-video":
			await setIntroVideo({ userId, source: null });
			return done();
		case "submit":
			await submitApplication({ userId });
			return { anchor: "top", messageKey: "coaching.apply.submit.submitted" };
		case "withdraw":
			await withdrawApplication({ userId });
			return { anchor: "top", messageKey: "coaching.apply.withdrawn" };
	}
}
