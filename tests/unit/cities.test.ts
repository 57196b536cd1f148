import { describe, expect, it } from "vitest";
import { type City, cities, defaultCityCode, findCity, nearestCity, searchCities } from "~/modules/coaches/cities";

// Written out again here rather than imported, so the test checks the module instead of repeating it.
function haversineKm(latitude1: number, longitude1: number, latitude2: number, longitude2: number): number {
	const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
	const dLat = toRadians(latitude2 - latitude1);
	const dLng = toRadians(longitude2 - longitude1);
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(latitude1)) * Math.cos(toRadians(latitude2)) * Math.sin(dLng / 2) ** 2;
	return 2 * 6371 * Math.asin(Math.sqrt(h));
}

const byZhName = (nameZh: string): City => {
	const found = cities.filter((city) => city.nameZh === nameZh);
	expect(found, nameZh).toHaveLength(1);
	return found[0]!;
};

// The capitals of the 31 mainland provinces, autonomous regions and municipalities.
const provincialCapitals = [
	"北京",
	"上海",
	"天津",
	"重庆",
	"石家庄",
	"太原",
	"呼和浩特",
	"沈阳",
	"长春",
	"哈尔滨",
	"南京",
	"杭州",
	"合肥",
	"福州",
	"南昌",
	"济南",
	"郑州",
	"武汉",
	"长沙",
	"广州",
	"南宁",
	"海口",
	"成都",
	"贵阳",
	"昆明",
	"拉萨",
	"西安",
	"兰州",
	"西宁",
	"银川",
	"乌鲁木齐",
];

describe("the bundled list of cities", () => {
	it("has every provincial capital, Hong Kong, Macau and Taipei", () => {
		expect(new Set(provincialCapitals).size).toBe(31);
		for (const name of [...provincialCapitals, "香港", "澳门", "台北"]) byZhName(name);
	});

	it("has at least 130 distinct cities with unique, well-formed codes", () => {
		expect(cities.length).toBeGreaterThanOrEqual(130);
		expect(new Set(cities.map((city) => city.code)).size).toBe(cities.length);
		expect(new Set(cities.map((city) => `${city.province}/${city.nameZh}`)).size).toBe(cities.length);
		expect(new Set(cities.map((city) => city.nameEn)).size).toBe(cities.length);
		for (const city of cities) {
			expect(city.code).toMatch(/^[a-z]+(-[a-z]+)?$/);
			expect(city.nameZh).toMatch(/^\p{Script=Han}+$/u);
			expect(city.province).toMatch(/^\p{Script=Han}+$/u);
			expect(city.nameEn.length).toBeGreaterThan(0);
			expect(city.provinceEn.length).toBeGreaterThan(0);
			if (city.population !== undefined) {
				expect(city.population).toBeGreaterThan(0);
				expect(city.population).toBeLessThan(30);
			}
		}
	});

	it("puts every coordinate inside China's bounding box, at no more than 4 decimals", () => {
		for (const city of cities) {
			expect(city.latitude, city.code).toBeGreaterThanOrEqual(18);
			expect(city.latitude, city.code).toBeLessThanOrEqual(54);
			expect(city.longitude, city.code).toBeGreaterThanOrEqual(73);
			expect(city.longitude, city.code).toBeLessThanOrEqual(135);
			expect(Math.abs(city.latitude * 1e4 - Math.round(city.latitude * 1e4)), city.code).toBeLessThan(1e-6);
			expect(Math.abs(city.longitude * 1e4 - Math.round(city.longitude * 1e4)), city.code).toBeLessThan(1e-6);
		}
	});

	it.each([
		["北京", 39.9042, 116.4074],
		["上海", 31.2304, 121.4737],
		["广州", 23.1291, 113.2644],
		["成都", 30.5728, 104.0668],
		["乌鲁木齐", 43.8256, 87.6168],
		["拉萨", 29.652, 91.1721],
		["哈尔滨", 45.8038, 126.535],
		["三亚", 18.2528, 109.5119],
	])("places %s within 10 km of its known centre", (name, latitude, longitude) => {
		const city = byZhName(name);
		expect(haversineKm(city.latitude, city.longitude, latitude, longitude)).toBeLessThan(10);
	});

	it("keeps neighbouring cities apart: no two centres closer than 5 km", () => {
		// A coordinate copied from a neighbour by mistake would show up here (the closest real pair, 珠海 and 澳门, is ~9 km).
		for (const [i, a] of cities.entries()) {
			for (const b of cities.slice(i + 1)) {
				expect(haversineKm(a.latitude, a.longitude, b.latitude, b.longitude), `${a.code} ${b.code}`).toBeGreaterThan(5);
			}
		}
	});

	it("is grouped by province, each starting with its capital, then the larger cities first", () => {
		const provinces = cities.map((city) => city.province).filter((province, i, all) => province !== all[i - 1]);
		expect(new Set(provinces).size).toBe(provinces.length);
		const capitals = new Set([...provincialCapitals, "香港", "澳门", "台北"]);
		for (const province of provinces) {
			const [first, ...rest] = cities.filter((city) => city.province === province);
			expect(capitals.has(first!.nameZh), province).toBe(true);
			const sizes = rest.map((city) => city.population ?? 0);
			expect(sizes, province).toEqual([...sizes].sort((a, b) => b - a));
		}
	});
});

describe("findCity", () => {
	it("finds a city by its code, and the default city exists", () => {
		expect(findCity("xian")?.nameZh).toBe("西安");
		expect(findCity(" HaErBin ")?.nameZh).toBe("哈尔滨");
		expect(findCity("taizhou-zhejiang")?.nameZh).toBe("台州");
		expect(findCity("taizhou-jiangsu")?.nameZh).toBe("泰州");
		expect(findCity("atlantis")).toBeUndefined();
		expect(findCity(defaultCityCode)?.nameZh).toBe("上海");
	});
});

describe("nearestCity", () => {
	it("finds the city a point is in", () => {
		expect(nearestCity(31.2397, 121.4998).code).toBe("shanghai"); // Lujiazui, Pudong
		expect(nearestCity(31.1443, 121.8083).code).toBe("shanghai"); // Pudong airport
		expect(nearestCity(39.9163, 116.3972).code).toBe("beijing"); // the Forbidden City
		expect(nearestCity(22.5333, 113.9305).code).toBe("shenzhen"); // Nanshan
		expect(nearestCity(22.2855, 114.1577).code).toBe("xianggang"); // Central
		expect(nearestCity(43.8256, 87.6168).code).toBe("wulumuqi");
	});

	it("returns a city even for a point far outside China", () => {
		expect(nearestCity(51.5074, -0.1278).code).toEqual(expect.any(String));
		expect(nearestCity(-33.8688, 151.2093).code).toEqual(expect.any(String));
	});
});

describe("searchCities", () => {
	const codes = (query: string, limit?: number) => searchCities(query, limit).map((city) => city.code);

	it("matches Chinese names by prefix and substring", () => {
		expect(codes("广")[0]).toBe("guangzhou");
		expect(codes("北京")).toEqual(["beijing"]);
		expect(codes("北京市")).toEqual(["beijing"]);
		expect(codes("尔滨")).toEqual(["haerbin"]);
		// A name that starts with the query beats one that only contains it.
		expect(codes("州").length).toBeGreaterThan(5);
		expect(codes("南")[0]).toBe("nanjing");
		expect(codes("南")).toContain("jinan");
		expect(codes("南").indexOf("nanjing")).toBeLessThan(codes("南").indexOf("jinan"));
	});

	it("matches pinyin codes by prefix, case-insensitively, larger cities first", () => {
		expect(codes("shen").slice(0, 2)).toEqual(["shenzhen", "shenyang"]);
		expect(codes("SHEN").slice(0, 2)).toEqual(["shenzhen", "shenyang"]);
		expect(codes("haerbin")).toEqual(["haerbin"]);
		expect(codes("taizhou").sort()).toEqual(["taizhou-jiangsu", "taizhou-zhejiang"]);
		// An exact code comes before longer codes it begins.
		expect(codes("xian")[0]).toBe("xian");
		expect(codes("xian")).toContain("xianyang");
	});

	it("matches English names by prefix, ignoring case, spaces and apostrophes", () => {
		expect(codes("Harbin")).toEqual(["haerbin"]);
		expect(codes("harb")).toEqual(["haerbin"]);
		expect(codes("Xi'an")[0]).toBe("xian");
		expect(codes("hong kong")).toEqual(["xianggang"]);
		expect(codes("Urum")).toEqual(["wulumuqi"]);
		expect(codes("lhasa")).toEqual(["lasa"]);
		expect(codes("Kashgar")).toEqual(["kashi"]);
	});

	it("honours the limit, gives the largest cities for a blank query and nothing for no match", () => {
		expect(searchCities("z")).toHaveLength(10);
		expect(searchCities("z", 3)).toHaveLength(3);
		expect(searchCities("z", 0)).toEqual([]);
		expect(codes("  ", 3)).toEqual(["shanghai", "beijing", "shenzhen"]);
		expect(searchCities("qqqq")).toEqual([]);
		expect(searchCities("东京")).toEqual([]);
	});
});
