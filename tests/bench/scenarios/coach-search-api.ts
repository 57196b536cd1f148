import { defineScenario } from "../harness";
import { ensureScaleCoaches, nearbySearch } from "./_scale";

/** A point near the centre of Shanghai, another on every call, so the few-second result cache never answers. */
const nearbyPoint = () => `lat=${(31.13 + Math.random() * 0.2).toFixed(5)}&lng=${(121.37 + Math.random() * 0.2).toFixed(5)}`;
const searchFrom = (point: string) =>
	`/api/v1/coaches?${point}&radiusKm=10&discipline=chinese_8_ball&courseType=basic&sort=distance`;

/**
 * At 100,000 coaches: a nearby search with two filters sorted by distance, through the API, from
 * another point each request (what the database and the server do per search). The same search
 * answered by the result cache is `coach-search-cached`, reported apart.
 */
export default [
	defineScenario({
		name: "coach-search-api",
		description:
			"GET /api/v1/coaches nearby (10 km), discipline + course type, by distance, at 100k coaches, a new place each request",
		order: 40,
		budget: { minRps: 800, p99UnderMs: 50 },
		async setup(_baseUrl, ctx) {
			await ensureScaleCoaches(ctx);
			return {
				path: searchFrom(nearbyPoint()),
				headers: { "accept-encoding": "gzip" },
				expectStatus: 200,
				setupRequest: (request) => ({ ...request, path: searchFrom(nearbyPoint()) }),
			};
		},
	}),
	defineScenario({
		name: "coach-search-cached",
		description:
			"GET /api/v1/coaches, the same nearby search every request: answered by the few-second result cache (SEARCH_CACHE_MS)",
		order: 40,
		async setup(_baseUrl, ctx) {
			await ensureScaleCoaches(ctx);
			return { path: `/api/v1/coaches?${nearbySearch}`, headers: { "accept-encoding": "gzip" }, expectStatus: 200 };
		},
	}),
];
