import { settings } from "~/lib/config.server";
import { logger } from "~/lib/logger.server";
import { amapGeocoder } from "./amap.server";
import { type District, districtsOf, matchDistricts } from "./districts";
import {
	type Geocoder,
	GeocoderUnavailable,
	maxQueryLength,
	type Place,
	type PlaceCity,
	type PlaceSearch,
	type ReversePlace,
} from "./place";

/** The configured geocoder, or null without AMAP_KEY (then only the bundled districts answer). */
function geocoder(): Geocoder | null {
	const current = settings();
	if (!current.AMAP_KEY) return null;
	return amapGeocoder({
		key: current.AMAP_KEY,
		secret: current.AMAP_SECRET,
		baseUrl: current.AMAP_API_BASE,
		timeoutMs: current.AMAP_TIMEOUT_MS,
	});
}

const districtPlace = (district: District): Place => ({
	name: district.name,
	address: district.name,
	district: district.name,
	latitude: district.latitude,
	longitude: district.longitude,
});

function fromDistricts(city: PlaceCity, query: string, notice: string | null): PlaceSearch {
	return { places: matchDistricts(city.code, query).map(districtPlace), source: "districts", notice };
}

/**
 * Places in a city matching what was typed: AMap's POIs when a key is set, else the city's bundled
 * districts. When AMap fails (a timeout, a refused key, a spent quota) the districts answer with a
 * notice saying so, so the form stays usable; the reason goes to the log, never to the user.
 */
export async function searchPlaces(query: string, city: PlaceCity): Promise<PlaceSearch> {
	const text = query.normalize("NFKC").trim().slice(0, maxQueryLength);
	const provider = geocoder();
	if (!provider) return fromDistricts(city, text, districtsOf(city.code).length > 0 ? null : "places.notice.noDistricts");
	if (text === "") return { places: [], source: "amap", notice: null };
	try {
		return { places: await provider.searchPlaces(text, city), source: "amap", notice: null };
	} catch (error) {
		if (!(error instanceof GeocoderUnavailable)) throw error;
		logger.warn({ reason: error.reason }, "place search unavailable, showing districts");
		return fromDistricts(city, text, "places.notice.unavailable");
	}
}

const squaredDistance = (district: District, latitude: number, longitude: number) =>
	(district.latitude - latitude) ** 2 + ((district.longitude - longitude) * Math.cos((latitude * Math.PI) / 180)) ** 2;

/**
 * The address at a stored-datum point: AMap's reverse geocoding, else (no key, or AMap failing) the
 * nearest bundled district of the given city, or null when there is none.
 */
export async function reversePlace(latitude: number, longitude: number, cityCode?: string): Promise<ReversePlace | null> {
	const provider = geocoder();
	if (provider) {
		try {
			return await provider.reverse(latitude, longitude);
		} catch (error) {
			if (!(error instanceof GeocoderUnavailable)) throw error;
			logger.warn({ reason: error.reason }, "reverse geocoding unavailable, using districts");
		}
	}
	const nearest = [...districtsOf(cityCode ?? "")].sort(
		(a, b) => squaredDistance(a, latitude, longitude) - squaredDistance(b, latitude, longitude),
	)[0];
	return nearest ? { address: nearest.name, district: nearest.name } : null;
}
