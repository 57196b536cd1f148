import { createHash } from "node:crypto";
import { z } from "zod";
import { type Geocoder, GeocoderUnavailable, maxPlaces, type Place, type PlaceCity, type ReversePlace } from "./place";

export interface AmapSettings {
	key: string;
	/** The 数字签名 secret of the key; when set every request carries `sig`. */
	secret?: string;
	baseUrl: string;
	timeoutMs: number;
}

/**
 * AMap's request signature: the parameters sorted by name, joined as `k=v&…` with their values
 * as they are (not URL-encoded), the secret appended, MD5 in hex.
 */
export function amapSignature(params: Record<string, string>, secret: string): string {
	const joined = Object.keys(params)
		.sort()
		.map((name) => `${name}=${params[name]}`)
		.join("&");
	return createHash("md5")
		.update(joined + secret, "utf8")
		.digest("hex");
}

// AMap writes an absent text field as [] instead of "" (e.g. a POI without an address).
const amapText = z.preprocess((value) => (typeof value === "string" ? value : ""), z.string());
const amapLocation = z.string().regex(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/);

const answerSchema = z.object({ status: z.string(), info: z.string().optional(), infocode: z.string().optional() });
const poiSchema = z.object({
	name: amapText,
	address: amapText,
	pname: amapText,
	cityname: amapText,
	adname: amapText,
	location: z.unknown(),
});
const geocodeSchema = z.object({
	formatted_address: amapText,
	district: amapText,
	location: z.unknown(),
});
const regeoSchema = z.object({
	regeocode: z.object({
		formatted_address: amapText,
		addressComponent: z.object({ district: amapText }).partial().optional(),
	}),
});

function pointOf(location: unknown): { latitude: number; longitude: number } | null {
	const parsed = amapLocation.safeParse(location);
	if (!parsed.success) return null;
	const [longitude, latitude] = parsed.data.split(",").map(Number) as [number, number];
	return { latitude, longitude };
}

/** AMap Web Service (Web服务 API): POI search, geocoding and reverse geocoding. Its coordinates are GCJ-02 already. */
export function amapGeocoder(settings: AmapSettings): Geocoder {
	async function call(path: string, query: Record<string, string>): Promise<unknown> {
		const params: Record<string, string> = { ...query, key: settings.key, output: "JSON" };
		if (settings.secret) params.sig = amapSignature(params, settings.secret);
		const url = new URL(path, settings.baseUrl);
		for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
		let response: Response;
		try {
			response = await fetch(url, { signal: AbortSignal.timeout(settings.timeoutMs) });
		} catch (error) {
			throw new GeocoderUnavailable(error instanceof Error && error.name === "TimeoutError" ? "timeout" : "unreachable");
		}
		if (!response.ok) throw new GeocoderUnavailable(`http ${response.status}`);
		const body: unknown = await response.json().catch(() => null);
		const answer = answerSchema.safeParse(body);
		if (!answer.success) throw new GeocoderUnavailable("not an AMap answer");
		// status "0": a refusal such as INVALID_USER_KEY, INVALID_USER_SIGNATURE or DAILY_QUERY_OVER_LIMIT.
		if (answer.data.status !== "1")
			throw new GeocoderUnavailable(`${answer.data.infocode ?? "?"} ${answer.data.info ?? ""}`.trim());
		return body;
	}

	async function poiSearch(query: string, city: PlaceCity): Promise<Place[]> {
		const body = await call("/v3/place/text", {
			keywords: query,
			city: city.nameZh,
			citylimit: "true",
			offset: String(maxPlaces),
			page: "1",
			extensions: "base",
		});
		const pois = z.object({ pois: z.array(z.unknown()).default([]) }).parse(body).pois;
		return pois.flatMap((raw) => {
			const poi = poiSchema.safeParse(raw);
			const point = poi.success ? pointOf(poi.data.location) : null;
			if (!poi.success || !point || poi.data.name === "") return [];
			const address = poi.data.address || `${poi.data.cityname}${poi.data.adname}`;
			return [{ name: poi.data.name, address, district: poi.data.adname, ...point }];
		});
	}

	async function geocode(query: string, city: PlaceCity): Promise<Place[]> {
		const body = await call("/v3/geocode/geo", { address: query, city: city.nameZh });
		const found = z.object({ geocodes: z.array(z.unknown()).default([]) }).parse(body).geocodes;
		return found.flatMap((raw) => {
			const geocode = geocodeSchema.safeParse(raw);
			const point = geocode.success ? pointOf(geocode.data.location) : null;
			if (!geocode.success || !point) return [];
			return [{ name: query, address: geocode.data.formatted_address || query, district: geocode.data.district, ...point }];
		});
	}

	return {
		// A hall's name finds its POI; an address that names no POI ("浦东新区张杨路 500 号") is geocoded instead.
		async searchPlaces(query, city) {
			const places = await poiSearch(query, city);
			return places.length > 0 ? places : geocode(query, city);
		},
		async reverse(latitude, longitude): Promise<ReversePlace | null> {
			const body = await call("/v3/geocode/regeo", {
				location: `${longitude.toFixed(6)},${latitude.toFixed(6)}`,
				extensions: "base",
			});
			const parsed = regeoSchema.safeParse(body);
			if (!parsed.success || parsed.data.regeocode.formatted_address === "") return null;
			return {
				address: parsed.data.regeocode.formatted_address,
				district: parsed.data.regeocode.addressComponent?.district ?? "",
			};
		},
	};
}
