import { z } from "zod";
import { refuseBidiControls } from "~/lib/validation";
import { disciplines } from "../catalog";
import { isValidIdNumber } from "../id-number";
import { isStyleTagCode, maxCustomTagLength, maxCustomTags } from "../style-tags";

/**
 * The coach application, section by section. Every field of a draft may be missing (drafts are
 * saved as they come); what is given must be valid. `submit` checks completeness separately.
 * The same schemas read page forms (strings, "" for empty) and API bodies (JSON values).
 * Messages are i18n keys, so a 400 names each bad field in the reader's language.
 */
export const coachLevels = ["entry", "intermediate", "advanced", "master"] as const;
export type CoachLevel = (typeof coachLevels)[number];
export const genders = ["male", "female"] as const;

/** "" and null mean "not given", for forms and JSON alike. */
const blank = (value: unknown) => (value === "" || value === null ? undefined : value);
const trimmed = (value: unknown) => (typeof value === "string" ? value.trim() : value);
const numeric = (value: unknown) => {
	const given = blank(trimmed(value));
	return typeof given === "string" ? Number(given) : given;
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** Short texts shown on cards and profiles: no angle brackets at all, so nothing reads as markup. */
export const plainText = (value: string) => !/[<>]/.test(value) && !controlCharacters.test(value);
/** Long texts may use < and > in prose ("胜率 > 60%"), but nothing that looks like a tag. */
const proseText = (value: string) => !/<\s*[a-z!/?]/i.test(value) && !controlCharacters.test(value);

const optional = <T extends z.ZodType>(schema: T, prepare: (value: unknown) => unknown = (value) => blank(trimmed(value))) =>
	z.preprocess(prepare, schema.optional());

export const realNameSchema = z
	.string({ error: "coaching.errors.realNameRequired" })
	.min(2, "coaching.errors.realNameLength")
	.max(20, "coaching.errors.realNameLength")
	.regex(/^[\p{L}·• ]+$/u, "coaching.errors.realNameInvalid");

export const idNumberSchema = z
	.string({ error: "coaching.errors.idNumberRequired" })
	.transform((value) => value.replace(/\s+/g, "").toUpperCase())
	.refine((value) => isValidIdNumber(value), "coaching.errors.idNumberInvalid");

export const identitySchema = z.object({
	realName: optional(realNameSchema),
	/** Missing keeps the saved number: it is never sent back in full. */
	idNumber: optional(idNumberSchema),
	gender: optional(z.enum(genders, { error: "errors.field.invalidOption" })),
	/**
	 * The separate consent PIPL asks for before an ID number (sensitive personal information) is
	 * processed: `true` from the API, the ticked box (`on`) from the page. Needed with the first number.
	 */
	idNumberConsent: z.preprocess(
		(value) => (value === true || value === "on" || value === "true" ? true : undefined),
		z.literal(true).optional(),
	),
});
export type IdentityInput = z.output<typeof identitySchema>;

export const displayNameSchema = refuseBidiControls(
	z
		.string()
		.min(1, "coaching.errors.displayNameRequired")
		.max(20, "coaching.errors.displayNameTooLong")
		.refine(plainText, "coaching.errors.noMarkup"),
);

const styleTagsSchema = z
	.preprocess(
		(value) =>
			Array.isArray(value)
				? [...new Set(value.map((tag) => (typeof tag === "string" ? tag.trim() : tag)).filter((tag) => tag !== ""))]
				: value,
		z.array(z.string({ error: "errors.field.invalid" })),
	)
	.superRefine((tags, context) => {
		const custom = tags.filter((tag) => !isStyleTagCode(tag));
		if (custom.length > maxCustomTags) context.addIssue({ code: "custom", message: "coaching.errors.tooManyCustomTags" });
		else if (custom.some((tag) => [...tag].length > maxCustomTagLength)) {
			context.addIssue({ code: "custom", message: "coaching.errors.customTagTooLong" });
		} else if (custom.some((tag) => !plainText(tag))) context.addIssue({ code: "custom", message: "coaching.errors.noMarkup" });
	});

export const profileSchema = z.object({
	displayName: optional(displayNameSchema),
	disciplines: z
		.preprocess(
			(value) => (Array.isArray(value) ? [...new Set(value)] : value === undefined || value === null ? [] : value),
			z.array(z.enum(disciplines, { error: "coaching.errors.disciplineInvalid" })),
		)
		.default([]),
	level: optional(z.enum(coachLevels, { error: "errors.field.invalidOption" })),
	yearsExperience: optional(
		z
			.number({ error: "errors.field.notANumber" })
			.int("coaching.errors.wholeYears")
			.min(0, "coaching.errors.yearsRange")
			.max(60, "coaching.errors.yearsRange"),
		numeric,
	),
	styleTags: styleTagsSchema.default([]),
	bio: optional(z.string().max(2000, "coaching.errors.bioTooLong").refine(proseText, "coaching.errors.noMarkup")),
});
export type ProfileInput = z.output<typeof profileSchema>;

const latitudeSchema = z
	.number({ error: "errors.field.notANumber" })
	.min(-90, "coaching.errors.latitudeRange")
	.max(90, "coaching.errors.latitudeRange");
const longitudeSchema = z
	.number({ error: "errors.field.notANumber" })
	.min(-180, "coaching.errors.longitudeRange")
	.max(180, "coaching.errors.longitudeRange");

/** A point is both coordinates or neither. */
function pointComplete(value: { latitude?: number; longitude?: number }, context: z.RefinementCtx) {
	if (value.latitude !== undefined && value.longitude === undefined) {
		context.addIssue({ code: "custom", path: ["longitude"], message: "coaching.errors.pointIncomplete" });
	}
	if (value.longitude !== undefined && value.latitude === undefined) {
		context.addIssue({ code: "custom", path: ["latitude"], message: "coaching.errors.pointIncomplete" });
	}
}

export const citySchema = z.string().regex(/^[a-z0-9_-]{1,40}$/i, "coaching.errors.cityInvalid");

/** Where the coach is and how far they travel: a city, and optionally a point and a radius. */
export const areaSchema = z
	.object({
		cityCode: optional(citySchema),
		latitude: optional(latitudeSchema, numeric),
		longitude: optional(longitudeSchema, numeric),
		serviceRadiusKm: optional(
			z
				.number({ error: "errors.field.notANumber" })
				.int("coaching.errors.radiusRange")
				.min(1, "coaching.errors.radiusRange")
				.max(200, "coaching.errors.radiusRange"),
			numeric,
		),
	})
	.superRefine(pointComplete);
export type AreaInput = z.output<typeof areaSchema>;

/** A hall or other place the coach teaches at; without coordinates it sits at the city's centre. */
export const placeSchema = z
	.object({
		name: z.preprocess(
			trimmed,
			refuseBidiControls(
				z
					.string({ error: "coaching.errors.placeNameRequired" })
					.min(1, "coaching.errors.placeNameRequired")
					.max(40, "errors.field.tooLong")
					.refine(plainText, "coaching.errors.noMarkup"),
			),
		),
		address: z.preprocess(
			trimmed,
			refuseBidiControls(
				z
					.string({ error: "coaching.errors.addressRequired" })
					.min(1, "coaching.errors.addressRequired")
					.max(120, "errors.field.tooLong")
					.refine(plainText, "coaching.errors.noMarkup"),
			),
		),
		latitude: optional(latitudeSchema, numeric),
		longitude: optional(longitudeSchema, numeric),
	})
	.superRefine(pointComplete);
export type PlaceInput = z.output<typeof placeSchema>;
export const maxPlaces = 10;

const uuidSchema = z
	.string()
	.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "coaching.errors.fileIdInvalid");

/** `PUT /api/v1/coach/application`: any sections; the ones given are replaced, the rest kept. */
export const applicationUpdateSchema = z.object({
	identity: identitySchema.optional(),
	profile: profileSchema.optional(),
	area: areaSchema.optional(),
	places: z.array(placeSchema).max(maxPlaces, "coaching.errors.tooManyPlaces").optional(),
	/** A file of kind `intro_video` uploaded by the caller; null removes the video. */
	introVideoFileId: uuidSchema.nullable().optional(),
});
export type ApplicationUpdate = z.output<typeof applicationUpdateSchema>;

const certificateText = (required: string) =>
	z.preprocess(
		trimmed,
		refuseBidiControls(
			z
				.string({ error: required })
				.min(2, required)
				.max(40, "errors.field.tooLong")
				.refine(plainText, "coaching.errors.noMarkup"),
		),
	);

/** What a certificate says: who issued it and which grade, e.g. 中国台球协会 / 国家二级教练员. */
export const certificateDetailsSchema = z.object({
	issuer: certificateText("coaching.errors.issuerRequired"),
	level: certificateText("coaching.errors.certificateLevelRequired"),
});

export const fileReferenceSchema = z.object({ fileId: uuidSchema });
export const idSchema = uuidSchema;

export const maxPhotos = 9;
export const maxCertificates = 10;
