import { defineScenario } from "../harness";
import { ensureScaleCoaches } from "./_scale";

const cities = ["shanghai", "beijing", "guangzhou", "shenzhen", "hangzhou"];
const disciplines = ["chinese_8_ball", "nine_ball", "snooker"];
/** City centres (where the scale seed puts its coaches), for searches near a point of each. */
const centres: Record<string, [number, number]> = {
	shanghai: [31.2304, 121.4737],
	beijing: [39.9042, 116.4074],
	guangzhou: [23.1291, 113.2644],
	shenzhen: [22.5431, 114.0579],
	hangzhou: [30.2741, 120.1551],
};
/**
 * 评分最高 within 20 km of a point near a city centre (a different point each request, up to about
 * 5 km off) with two filters: the result cache (keyed by the whole query) never answers, so the
 * figure is the database's. The cached figure is apart: the `city=` form repeats its 60 combinations.
 */
const ratingSearch = () => {
	const city = cities[Math.floor(Math.random() * cities.length)] ?? "shanghai";
	const [lat, lng] = centres[city] ?? [31.2304, 121.4737];
	const jitter = () => ((Math.random() - 0.5) * 0.09).toFixed(5);
	const discipline = disciplines[Math.floor(Math.random() * disciplines.length)];
	const level = ["entry", "intermediate", "advanced", "master"][Math.floor(Math.random() * 4)];
	return `/api/v1/coaches?lat=${(lat + Number(jitter())).toFixed(5)}&lng=${(lng + Number(jitter())).toFixed(5)}&radiusKm=20&discipline=${discipline}&level=${level}&sort=rating`;
};

/**
 * At 100,000 coaches: search sorted by the Bayesian rating (walked along coaches_rating_idx), and
 * a coach's review list with its summary (the demo coach 李教练, whose reviews the demo seeds).
 */
export default [
	defineScenario({
		name: "coach-search-rating",
		description: "GET /api/v1/coaches in a city (20 km) with two filters, sorted by 评分最高 (Bayesian), at 100k coaches",
		order: 41,
		budget: { minRps: 800, p99UnderMs: 50 },
		async setup(_baseUrl, ctx) {
			await ensureScaleCoaches(ctx);
			return {
				path: ratingSearch(),
				headers: { "accept-encoding": "gzip" },
				expectStatus: 200,
				setupRequest: (request) => ({ ...request, path: ratingSearch() }),
			};
		},
	}),
	defineScenario({
		name: "coach-reviews-list",
		description:
			"GET /api/v1/coaches/:id/reviews with the rating summary, another rated coach and order each request (the demo coach 李教练 among them)",
		order: 42,
		budget: { minRps: 800, p99UnderMs: 50 },
		async setup(baseUrl, ctx) {
			await ensureScaleCoaches(ctx);
			const idsOf = async (query: string) => {
				const answer = await fetch(`${baseUrl}/api/v1/coaches?${query}`);
				return ((await answer.json()) as { items: Array<{ id: string }> }).items.map((item) => item.id);
			};
			const demo = await idsOf(`q=${encodeURIComponent("李教练")}&limit=1`);
			if (demo.length === 0) throw new Error("the demo coach 李教练 is missing: the bench app seeds demo data");
			// Rated coaches in several cities, so consecutive requests read different coaches' reviews.
			const rated = (await Promise.all(cities.map((city) => idsOf(`city=${city}&radiusKm=20&sort=rating&limit=50`)))).flat();
			const coachIds = [...new Set([...demo, ...rated])];
			ctx.log(`coach-reviews-list: ${coachIds.length} coaches`);
			const sorts = ["newest", "helpful", "lowest"];
			const reviewList = () =>
				`/api/v1/coaches/${coachIds[Math.floor(Math.random() * coachIds.length)]}/reviews?sort=${sorts[Math.floor(Math.random() * sorts.length)]}`;
			return {
				path: reviewList(),
				headers: { "accept-encoding": "gzip" },
				expectStatus: 200,
				setupRequest: (request) => ({ ...request, path: reviewList() }),
			};
		},
	}),
];
