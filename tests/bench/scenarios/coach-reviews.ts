import { defineScenario } from "../harness";
import { ensureScaleCoaches } from "./_scale";

const cities = ["shanghai", "beijing", "guangzhou", "shenzhen", "hangzhou"];
const disciplines = ["chinese_8_ball", "nine_ball", "snooker"];
/** 评分最高 in a city with a filter, another combination each request, so the result cache rarely answers. */
const ratingSearch = () => {
	const city = cities[Math.floor(Math.random() * cities.length)];
	const discipline = disciplines[Math.floor(Math.random() * disciplines.length)];
	const level = ["entry", "intermediate", "advanced", "master"][Math.floor(Math.random() * 4)];
	return `/api/v1/coaches?city=${city}&radiusKm=20&discipline=${discipline}&level=${level}&sort=rating`;
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
		description: "GET /api/v1/coaches/:id/reviews, newest first with the rating summary, for a reviewed demo coach",
		order: 42,
		budget: { minRps: 800, p99UnderMs: 50 },
		async setup(baseUrl) {
			const search = await fetch(`${baseUrl}/api/v1/coaches?q=${encodeURIComponent("李教练")}&limit=1`);
			const coachId = ((await search.json()) as { items: Array<{ id: string }> }).items[0]?.id;
			if (!coachId) throw new Error("the demo coach 李教练 is missing: the bench app seeds demo data");
			return {
				path: `/api/v1/coaches/${coachId}/reviews?sort=newest`,
				headers: { "accept-encoding": "gzip" },
				expectStatus: 200,
			};
		},
	}),
];
