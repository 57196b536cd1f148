import { z } from "zod";
import { refuseControlCharacters } from "~/lib/validation";
import { courseTypes, disciplines } from "../catalog";

export const coachLevels = ["entry", "intermediate", "advanced", "master"] as const;
export const searchSorts = ["distance", "price", "rating", "newest"] as const;
export type SearchSort = (typeof searchSorts)[number];

const flag = z
	.enum(["true", "false", "1", "0"], { error: "errors.field.invalidOption" })
	.transform((value) => value === "true" || value === "1");
const fen = z.coerce
	.number({ error: "errors.field.notANumber" })
	.int("errors.field.invalid")
	.min(0, "coaches.errors.priceRange")
	.max(10_000_000, "coaches.errors.priceRange");

/**
 * The search as it appears in the URL (pages) and the query string (API): one schema for both,
 * so a shared link and an API call mean the same thing. Empty strings count as absent.
 */
export const coachSearchSchema = z
	.preprocess(
		(input) =>
			Object.fromEntries(
				Object.entries((input ?? {}) as Record<string, unknown>).filter(([, value]) => value !== "" && value !== undefined),
			),
		z.object({
			lat: z.coerce
				.number({ error: "errors.field.notANumber" })
				.min(-90, "coaches.errors.latitude")
				.max(90, "coaches.errors.latitude")
				.optional(),
			lng: z.coerce
				.number({ error: "errors.field.notANumber" })
				.min(-180, "coaches.errors.longitude")
				.max(180, "coaches.errors.longitude")
				.optional(),
			radiusKm: z.coerce
				.number({ error: "errors.field.notANumber" })
				.min(1, "coaches.errors.radius")
				.max(200, "coaches.errors.radius")
				.optional(),
			city: z
				.string()
				.regex(/^[a-z]{2,30}$/, "coaches.errors.city")
				.optional(),
			discipline: z.enum(disciplines, { error: "errors.field.invalidOption" }).optional(),
			courseType: z.enum(courseTypes, { error: "errors.field.invalidOption" }).optional(),
			level: z.enum(coachLevels, { error: "errors.field.invalidOption" }).optional(),
			minPriceFen: fen.optional(),
			maxPriceFen: fen.optional(),
			gender: z.enum(["male", "female"], { error: "errors.field.invalidOption" }).optional(),
			online: flag.optional(),
			accepting: flag.optional(),
			/** Free on a date ("YYYY-MM-DD", Shanghai, within the next 30 days) or "weekend" (this weekend). */
			freeOn: z
				.string()
				.regex(/^(?:weekend|\d{4}-\d{2}-\d{2})$/, "coaches.errors.freeOn")
				.refine((value) => value === "weekend" || !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "coaches.errors.freeOn")
				.optional(),
			/** Free to start a lesson at 18:00 or later (on `freeOn`'s days, or any day of the next 30). */
			evening: flag.optional(),
			q: refuseControlCharacters(z.string().trim().max(40, "errors.field.tooLong")).optional(),
			sort: z.enum(searchSorts, { error: "errors.field.invalidOption" }).optional(),
			limit: z.coerce
				.number({ error: "errors.field.notANumber" })
				.int("errors.field.outOfRange")
				.min(1, "errors.field.outOfRange")
				.max(50, "errors.field.outOfRange")
				.default(20),
			cursor: z.string().max(300, "coaches.errors.cursor").optional(),
		}),
	)
	.superRefine((search, context) => {
		if ((search.lat === undefined) !== (search.lng === undefined)) {
			context.addIssue({
				code: "custom",
				path: [search.lat === undefined ? "lat" : "lng"],
				message: "coaches.errors.latLngPair",
			});
		}
		if (search.minPriceFen !== undefined && search.maxPriceFen !== undefined && search.minPriceFen > search.maxPriceFen) {
			context.addIssue({ code: "custom", path: ["minPriceFen"], message: "coaches.errors.priceOrder" });
		}
	});

export type CoachSearch = z.output<typeof coachSearchSchema>;

/**
 * A price typed in yuan on the search page ("200", "199.5"), as fen: a word gets "please enter a
 * number", a negative or too large amount the allowed range, so each reads as what is wrong.
 */
const yuan = z
	.string()
	.trim()
	.transform((value, context) => {
		if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(value)) {
			context.addIssue({ code: "custom", message: "errors.field.notANumber" });
			return z.NEVER;
		}
		const amount = Number(value);
		if (amount < 0 || amount > 100_000) {
			context.addIssue({ code: "custom", message: "coaches.errors.priceRange" });
			return z.NEVER;
		}
		if (/\.\d{3,}$/.test(value)) {
			context.addIssue({ code: "custom", message: "coaches.errors.priceCents" });
			return z.NEVER;
		}
		return Math.round(amount * 100);
	});

/** The page's price fields, checked before the search itself (which takes fen, as the API does). */
export const searchPagePriceSchema = z.preprocess(
	(input) =>
		Object.fromEntries(
			Object.entries((input ?? {}) as Record<string, unknown>).filter(
				([, value]) => typeof value === "string" && value.trim() !== "",
			),
		),
	z.object({ minYuan: yuan.optional(), maxYuan: yuan.optional() }),
);
