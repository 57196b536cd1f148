import { defineScenario } from "../harness";
import { ensureScaleCoaches, nearbySearch } from "./_scale";

/** The same search as a browser loads the page, at 100,000 coaches. */
export default defineScenario({
	name: "coach-search-page",
	description: "GET /coaches nearby with two filters as a browser (br, zh-CN), at 100k coaches",
	order: 41,
	async setup(_baseUrl, ctx) {
		await ensureScaleCoaches(ctx);
		return {
			path: `/coaches?${nearbySearch}`,
			headers: { accept: "text/html", "accept-encoding": "gzip, deflate, br", "accept-language": "zh-CN" },
			expectStatus: 200,
		};
	},
});
