import gcoord from "gcoord";

/**
 * The one datum every stored coordinate is in: GCJ-02 (国测局坐标), what AMap answers and what Chinese map
 * apps and links (高德, 腾讯) expect. The browser's geolocation and GPS are WGS-84, which lies 100–700 m
 * away from GCJ-02 in mainland China; such points are converted here, at the edge, before they are
 * stored or searched with (decision 021). gcoord shifts a point only inside its box around China, so a
 * point abroad is the same in both.
 */
export const storedDatum = "GCJ-02" as const;

export interface Point {
	latitude: number;
	longitude: number;
}

/** A WGS-84 point (browser, GPS, GeoNames) in the stored datum. */
export function storedFromWgs84(point: Point): Point {
	const [longitude, latitude] = gcoord.transform([point.longitude, point.latitude], gcoord.WGS84, gcoord.GCJ02);
	return { latitude, longitude };
}

/** A stored point in WGS-84 (for maps and tools that expect GPS coordinates). */
export function wgs84FromStored(point: Point): Point {
	const [longitude, latitude] = gcoord.transform([point.longitude, point.latitude], gcoord.GCJ02, gcoord.WGS84);
	return { latitude, longitude };
}
