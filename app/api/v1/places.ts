import { z } from "zod";
import { badRequest } from "~/lib/errors";
import { i18nFor } from "~/lib/i18n";
import { findCity } from "~/modules/coaches/cities";
import { clientKey, limitPlaceSearches } from "~/modules/places/limit-place-searches.server";
import { placeSearchSchema } from "~/modules/places/schema";
import { searchPlaces } from "~/modules/places/search-places.server";
import { clientOf } from "../client";
import { defineEndpoint } from "../endpoint";

const placeSchema = z.object({
	name: z.string(),
	address: z.string(),
	district: z.string().describe("The district (区/县), or an empty string when unknown"),
	latitude: z.number().describe("GCJ-02, the datum of every coordinate this API takes and returns"),
	longitude: z.number().describe("GCJ-02"),
});

export const searchPlacesEndpoint = defineEndpoint({
	method: "get",
	path: "/places",
	summary: "Places (halls, addresses) in a bundled city matching a query, for a coach's or venue's place; GCJ-02",
	tag: "places",
	query: placeSearchSchema,
	responses: {
		200: {
			description:
				"Matching places. source `districts`: no geocoder is configured or it failed (notice says which), and the city's districts are offered instead",
			schema: z.object({
				items: z.array(placeSchema),
				source: z.enum(["amap", "districts"]),
				notice: z.string().nullable().describe("Why districts are shown instead of search results, in the caller's language"),
			}),
		},
		400: { description: "q is too long or city is not a bundled city code; error.fields names it" },
		429: { description: "Too many searches from this client; Retry-After says when to try again" },
	},
	handler: async ({ query, req, locale }) => {
		await limitPlaceSearches(clientKey(clientOf(req).ip));
		const city = findCity(query.city);
		if (!city) throw badRequest("errors.validationFailed", { city: "places.errors.cityUnknown" });
		const found = await searchPlaces(query.q, { code: city.code, nameZh: city.nameZh });
		return {
			body: {
				items: found.places,
				source: found.source,
				notice: found.notice ? i18nFor(locale).t(found.notice) : null,
			},
		};
	},
});
