import { z } from "zod";

/** Response shapes of the coach endpoints, for the OpenAPI document. */
const reviewStatus = z.enum(["pending", "approved", "rejected"]);

export const photoSchema = z.object({
	id: z.string(),
	fileId: z.string(),
	status: reviewStatus,
	reviewNote: z.string().nullable(),
	thumbUrl: z.string().describe("Public once approved; a short-lived signed URL before"),
	fullUrl: z.string(),
});

export const certificateSchema = z.object({
	id: z.string(),
	fileId: z.string(),
	issuer: z.string(),
	level: z.string(),
	status: reviewStatus,
	reviewNote: z.string().nullable(),
	url: z.string().describe("Signed, valid for an hour: certificates are private"),
	thumbUrl: z.string().nullable().describe("Only for scans, not PDFs"),
});

export const introVideoSchema = z.object({
	fileId: z.string(),
	status: reviewStatus,
	reviewNote: z.string().nullable().describe("The reason of a rejection"),
	url: z.string().describe("Public once approved; a short-lived signed URL before"),
	approvedFileId: z
		.string()
		.nullable()
		.describe("The video the public profile shows: this one once approved, or an earlier one while this one waits"),
});

export const applicationSchema = z.object({
	id: z.string(),
	userId: z.string(),
	status: z.enum(["draft", "pending_review", "approved", "rejected", "suspended"]),
	submittedAt: z.string().nullable(),
	approvedAt: z.string().nullable(),
	reviewNote: z.string().nullable().describe("The reason of a rejection"),
	identity: z.object({
		realName: z.string().nullable(),
		idNumberMasked: z.string().nullable().describe("The full number is never returned to the owner"),
		gender: z.enum(["male", "female"]).nullable(),
		verified: z.boolean(),
		idNumberConsented: z
			.boolean()
			.describe("The separate consent to processing the ID number; send identity.idNumberConsent: true with the first number"),
	}),
	profile: z.object({
		displayName: z.string(),
		pendingDisplayName: z.string().nullable().describe("A new name waiting for review; the public sees displayName"),
		disciplines: z.array(z.string()),
		level: z.string().nullable(),
		yearsExperience: z.number().nullable(),
		styleTags: z.array(z.string()),
		bio: z.string().nullable(),
	}),
	area: z.object({
		cityCode: z.string().nullable(),
		latitude: z.number().nullable(),
		longitude: z.number().nullable(),
		serviceRadiusKm: z.number().nullable(),
	}),
	places: z.array(
		z.object({ id: z.string(), name: z.string(), address: z.string().nullable(), latitude: z.number(), longitude: z.number() }),
	),
	photos: z.array(photoSchema),
	certificates: z.array(certificateSchema),
	introVideo: introVideoSchema.nullable(),
	badges: z.object({ realName: z.boolean(), certificate: z.boolean() }),
	missing: z.record(z.string(), z.string()).describe("Field → i18n key of what submitting still needs"),
	editable: z.boolean(),
	canSubmit: z.boolean(),
});

export const offeringsSchema = z.object({
	offerings: z.array(
		z.object({
			id: z.string(),
			courseType: z.string(),
			durationMinutes: z.number(),
			priceFen: z.number(),
			online: z.boolean(),
		}),
	),
	cancellationPolicy: z.enum(["flexible", "moderate", "strict"]),
	priceFromFen: z.number().nullable(),
	offersOnline: z.boolean(),
});

export const availabilitySchema = z.object({
	timeZone: z.literal("Asia/Shanghai"),
	weeklyHours: z.array(z.object({ weekday: z.number().describe("1 = Monday … 7 = Sunday"), start: z.string(), end: z.string() })),
	exceptions: z.array(
		z.object({
			date: z.string(),
			kind: z.enum(["day_off", "extra_hours"]),
			start: z.string().optional(),
			end: z.string().optional(),
		}),
	),
	bufferMinutes: z.number(),
	minNoticeHours: z.number(),
	maxAdvanceDays: z.number(),
	acceptingBookings: z.boolean(),
});
