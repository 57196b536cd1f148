import { defineScenario } from "../harness";
import { ensureScaleCoaches, nearbySearch } from "./_scale";

/** At 100,000 coaches: a nearby search with two filters sorted by distance, through the API. */
export default defineScenario({
	name: "coach-search-api",
	description: "GET /api/v1/coaches nearby (10 km), discipline + course type, by distance, at 100k coaches",
	order: 40,
	budget: { minRps: 800, p99UnderMs: 50 },
	async setup(_baseUrl, ctx) {
		await ensureScaleCoaches(ctx);
		return { path: `/api/v1/coaches?${nearbySearch}`, headers: { "accept-encoding": "gzip" }, expectStatus: 200 };
	},
});
