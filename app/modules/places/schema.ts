import { z } from "zod";
import { maxQueryLength } from "./place";

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
const controlCharacters = /[\u0000-\u001F\u007F]/;

/** `GET /api/v1/places` and the coach page's place search: what was typed, in which bundled city. */
export const placeSearchSchema = z.object({
	q: z.preprocess(
		(value) => (typeof value === "string" ? value.trim() : value === undefined ? "" : value),
		z
			.string({ error: "errors.field.invalid" })
			.max(maxQueryLength, "places.errors.queryTooLong")
			.refine((value) => !controlCharacters.test(value), "errors.field.invalid"),
	),
	city: z.string({ error: "places.errors.cityRequired" }).regex(/^[a-z0-9_-]{1,40}$/i, "places.errors.cityUnknown"),
});
export type PlaceSearchQuery = z.output<typeof placeSearchSchema>;
