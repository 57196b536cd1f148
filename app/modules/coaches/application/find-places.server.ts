import { isAppError } from "~/lib/errors";
import { districtsOf } from "~/modules/places/districts";
import { limitPlaceSearches } from "~/modules/places/limit-place-searches.server";
import type { Place } from "~/modules/places/place";
import { placeSearchSchema } from "~/modules/places/schema";
import { searchPlaces } from "~/modules/places/search-places.server";
import { findCity } from "../cities";

/** What the place search of the application page shows: the query, what it found, and why if only districts. */
export interface CoachPlaceSearch {
	query: string;
	places: Place[];
	source: "amap" | "districts";
	/** An i18n key (with params) shown above the list, or null. */
	notice: { key: string; params?: Record<string, unknown> } | null;
}

/**
 * The page's place search (the form works without JavaScript: it submits the query and the page
 * lists what was found). Counted against the same limit as the API's, per coach.
 */
export async function findPlacesForCoach(input: {
	userId: string;
	cityCode: string | null;
	query: string;
}): Promise<CoachPlaceSearch> {
	const city = input.cityCode ? findCity(input.cityCode) : undefined;
	if (!city) return { query: input.query, places: [], source: "districts", notice: { key: "places.search.cityFirst" } };
	const parsed = placeSearchSchema.safeParse({ q: input.query, city: city.code });
	if (!parsed.success) {
		return { query: input.query.slice(0, 60), places: [], source: "districts", notice: { key: "places.errors.queryTooLong" } };
	}
	try {
		await limitPlaceSearches(`user:${input.userId}`);
	} catch (error) {
		if (!isAppError(error)) throw error;
		return {
			query: parsed.data.q,
			places: [],
			source: "districts",
			notice: { key: error.messageKey, params: error.options.params },
		};
	}
	const found = await searchPlaces(parsed.data.q, { code: city.code, nameZh: city.nameZh });
	return {
		query: parsed.data.q,
		places: found.places,
		source: found.source,
		notice: found.notice ? { key: found.notice } : null,
	};
}

/** Where a service area can be centred: the city's bundled districts (the coach's halls are added by the page). */
export function centreDistricts(cityCode: string | null) {
	return cityCode ? districtsOf(cityCode).map(({ name, latitude, longitude }) => ({ name, latitude, longitude })) : [];
}
