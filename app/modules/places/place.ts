/** A place a coach (or a venue) can be found at; coordinates in the stored datum (GCJ-02, ./datum.ts). */
export interface Place {
	name: string;
	address: string;
	/** The district (区/县) it lies in, "" when unknown. */
	district: string;
	latitude: number;
	longitude: number;
}

/** The city a search is limited to: its stable code and the Chinese name a geocoder understands. */
export interface PlaceCity {
	code: string;
	nameZh: string;
}

/** What a place search found, and where from: the geocoder, or the bundled district list. */
export interface PlaceSearch {
	places: Place[];
	source: "amap" | "districts";
	/** An i18n key saying why the district list is shown instead of search results, or null. */
	notice: string | null;
}

export interface ReversePlace {
	address: string;
	district: string;
}

/** The geocoding port: one adapter per provider (AMap today). Failures throw `GeocoderUnavailable`. */
export interface Geocoder {
	searchPlaces(query: string, city: PlaceCity): Promise<Place[]>;
	reverse(latitude: number, longitude: number): Promise<ReversePlace | null>;
}

/** The provider did not answer, answered late, or refused (a bad key, a spent quota): `reason` is for the log. */
export class GeocoderUnavailable extends Error {
	constructor(readonly reason: string) {
		super(`geocoder unavailable: ${reason}`);
	}
}

export const maxQueryLength = 60;
export const maxPlaces = 10;
