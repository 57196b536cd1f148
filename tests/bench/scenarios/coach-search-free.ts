import { defineScenario } from "../harness";
import { ensureScaleCoaches } from "./_scale";

/** "YYYY-MM-DD" in Shanghai, `days` from today. */
const shanghaiDay = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The availability filter of search at 100,000 coaches: nearby, by distance, free on a date (or
 * this weekend), half of them in the evening. Every request searches from another point in
 * Shanghai and most on another day, so the few-second result cache never answers.
 */
export default defineScenario({
	name: "coach-search-free",
	description:
		"GET /api/v1/coaches nearby (10 km), free on a date / this weekend / evening, at 100k coaches, a new place each request",
	order: 42,
	budget: { p99UnderMs: 50 },
	// The budget is a query's latency, not a queue's: at 50 connections two cores only queue them.
	connections: 10,
	async setup(_baseUrl, ctx) {
		await ensureScaleCoaches(ctx);
		let n = 0;
		const pathOf = () => {
			n++;
			const lat = (31.13 + Math.random() * 0.2).toFixed(5);
			const lng = (121.37 + Math.random() * 0.2).toFixed(5);
			const freeOn = n % 5 === 0 ? "weekend" : shanghaiDay(n % 14);
			return `/api/v1/coaches?lat=${lat}&lng=${lng}&radiusKm=10&sort=distance&freeOn=${freeOn}${n % 2 ? "&evening=true" : ""}`;
		};
		return {
			path: pathOf(),
			headers: { "accept-encoding": "gzip" },
			expectStatus: 200,
			setupRequest: (request) => ({ ...request, path: pathOf() }),
		};
	},
});
