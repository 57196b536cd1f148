import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { cities, findCity } from "~/modules/coaches/cities";
import { amapSignature } from "~/modules/places/amap.server";
import { storedFromWgs84, wgs84FromStored } from "~/modules/places/datum";
import { citiesWithDistricts, districtsOf, matchDistricts } from "~/modules/places/districts";

const metres = (a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }) => {
	const radians = (degrees: number) => (degrees * Math.PI) / 180;
	const x = radians(b.longitude - a.longitude) * Math.cos(radians((a.latitude + b.latitude) / 2));
	const y = radians(b.latitude - a.latitude);
	return Math.hypot(x, y) * 6_371_008.8;
};

// Published WGS-84 → GCJ-02 pairs: the test points of eviltransform (github.com/googollee/eviltransform),
// computed with the reference algorithm of the 2008 leak that every GCJ-02 library implements.
const published = [
	["上海", { latitude: 31.1774276, longitude: 121.5272106 }, { latitude: 31.17530398364597, longitude: 121.531541859215 }],
	["深圳", { latitude: 22.543847, longitude: 113.912316 }, { latitude: 22.540796131694766, longitude: 113.9171764808363 }],
	["北京", { latitude: 39.911954, longitude: 116.377817 }, { latitude: 39.91334545536069, longitude: 116.38404722455657 }],
] as const;

describe("the stored datum (GCJ-02)", () => {
	it.each(published)("turns the browser's WGS-84 point in %s into its published GCJ-02 point, within a metre", (_, wgs, gcj) => {
		expect(metres(storedFromWgs84(wgs), gcj)).toBeLessThan(1);
	});

	it.each(published)("turns a stored point in %s back into WGS-84 within a metre", (_, wgs, gcj) => {
		expect(metres(wgs84FromStored(gcj), wgs)).toBeLessThan(1);
		expect(metres(wgs84FromStored(storedFromWgs84(wgs)), wgs)).toBeLessThan(1);
	});

	it("moves a point in mainland China by the hundreds of metres that put a pin on the wrong street", () => {
		const shift = metres(published[0][1], storedFromWgs84(published[0][1]));
		expect(shift).toBeGreaterThan(100);
		expect(shift).toBeLessThan(1000);
	});

	it("leaves a point outside China where it is", () => {
		const london = { latitude: 51.5074, longitude: -0.1278 };
		expect(metres(storedFromWgs84(london), london)).toBeLessThan(0.01);
	});

	it("keeps the bundled city centres in the stored datum: 上海's is GeoNames' WGS-84 centre converted", () => {
		const shanghai = findCity("shanghai");
		expect(shanghai).toBeDefined();
		expect(metres(shanghai!, storedFromWgs84({ latitude: 31.2304, longitude: 121.4737 }))).toBeLessThan(15);
	});
});

describe("the bundled districts", () => {
	it("lists the districts of the big cities, each a bundled city with a centre inside it", () => {
		expect(citiesWithDistricts.length).toBeGreaterThanOrEqual(11);
		const total = citiesWithDistricts.reduce((count, code) => count + districtsOf(code).length, 0);
		expect(total).toBeGreaterThanOrEqual(130);
		for (const code of citiesWithDistricts) {
			const city = cities.find((candidate) => candidate.code === code);
			expect(city, code).toBeDefined();
			const names = districtsOf(code).map((district) => district.name);
			expect(new Set(names).size, code).toBe(names.length);
			for (const district of districtsOf(code)) {
				// Districts reach out to 100 km from the centre (北京's 延庆区, 上海's 崇明区), never further.
				expect(metres(district, city!) / 1000, `${code} ${district.name}`).toBeLessThan(110);
			}
		}
	});

	it("finds 浦东新区 from an address that names it, and 海淀区 from 海淀", () => {
		expect(matchDistricts("shanghai", "上海市浦东新区张杨路500号").map((d) => d.name)).toEqual(["浦东新区"]);
		expect(matchDistricts("beijing", "海淀").map((d) => d.name)).toEqual(["海淀区"]);
	});

	it("offers every district of the city when the query names none, and none for a city without a list", () => {
		expect(matchDistricts("shanghai", "星牌台球俱乐部")).toHaveLength(16);
		expect(matchDistricts("lasa", "城关")).toEqual([]);
	});
});

describe("AMap's request signature", () => {
	it("is the MD5 of the parameters sorted by name, values as they are, with the secret appended", () => {
		const params = { output: "JSON", key: "abc", address: "北京市朝阳区望京SOHO" };
		expect(amapSignature(params, "s3cret")).toBe(
			amapSignature({ address: "北京市朝阳区望京SOHO", key: "abc", output: "JSON" }, "s3cret"),
		);
		const expected = createHash("md5").update("address=北京市朝阳区望京SOHO&key=abc&output=JSONs3cret").digest("hex");
		expect(amapSignature(params, "s3cret")).toBe(expected);
	});
});
