import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { todayInShanghai } from "~/modules/coaches/availability/time";
import { datesOfWhen } from "~/modules/coaches/search/free-days";
import { coachSearchSchema } from "~/modules/coaches/search/schema";
import { buildSearchQuery, inSearchPlan } from "~/modules/coaches/search/search-coaches.server";
import { seedScale } from "../../scripts/seed-scale";

/**
 * The search must stay an index lookup as coaches grow: on 20,000 synthetic coaches (analysed, so
 * the planner knows the table is big) the plans of the searches users run must not scan the
 * coaches table sequentially.
 */
beforeAll(async () => {
	await seedScale(process.env.DATABASE_URL as string, 20_000);
}, 120_000);

async function plan(params: Record<string, string>): Promise<string> {
	const { query, sort } = buildSearchQuery(coachSearchSchema.parse(params));
	const result = await inSearchPlan(sort, (tx) => tx.execute<{ "QUERY PLAN": string }>(sql`explain ${query}`));
	return result.rows.map((row) => row["QUERY PLAN"]).join("\n");
}

describe("coach search query plans", () => {
	it("uses the geo index for a nearby search with two filters sorted by distance", async () => {
		const text = await plan({ lat: "31.2304", lng: "121.4737", radiusKm: "10", discipline: "snooker", courseType: "basic" });
		expect(text).toMatch(/coaches_earth(?:_level)?_idx/);
		expect(text).not.toMatch(/Seq Scan on coaches\b/);
		// Nearest first straight from the index (KNN), so a page costs the same however many
		// coaches are within the radius; a full sort of them all was 30 times slower at 100,000.
		expect(text).toMatch(/Index Scan using coaches_earth(?:_level)?_idx[\s\S]*Order By: \(\(ll_to_earth/);
	});

	it("filters by free time (a date, in the evening) from the summary, still nearest first from the geo index", async () => {
		const saturday = datesOfWhen("weekend", todayInShanghai())[0] as string;
		for (const freeOn of [saturday, "weekend"]) {
			const text = await plan({ lat: "31.2304", lng: "121.4737", radiusKm: "10", courseType: "basic", freeOn, evening: "true" });
			expect(text).toMatch(/Index Scan using coaches_earth(?:_level)?_idx[\s\S]*Order By: \(\(ll_to_earth/);
			// One index probe of the summary per coach the scan reaches, never a pass over its millions of rows.
			expect(text).toMatch(/Index (?:Only )?Scan using coach_free_days_\w+ on coach_free_days/);
			expect(text).not.toMatch(/Seq Scan on coach_free_days\b/);
			expect(text).not.toMatch(/Seq Scan on coaches\b/);
		}
	});

	it("walks the rating index for 评分最高, in a city and with a filter, never sorting every coach", async () => {
		const searches: Array<Record<string, string>> = [
			{ sort: "rating" },
			{ city: "shanghai", radiusKm: "20", sort: "rating", discipline: "snooker" },
		];
		for (const params of searches) {
			const text = await plan(params);
			expect(text).not.toMatch(/Seq Scan on coaches\b/);
			expect(text, JSON.stringify(params)).toMatch(
				/Index Scan (?:Backward )?using (?:coaches_rating_idx|coaches_earth(?:_level)?_idx)/,
			);
		}
		expect(await plan({ sort: "rating" })).toMatch(/Index Scan Backward using coaches_rating_idx/);
	});

	it("uses indexes for a city search sorted by price", async () => {
		const text = await plan({ city: "beijing", radiusKm: "20", sort: "price", level: "advanced", freeOn: "weekend" });
		expect(text).not.toMatch(/Seq Scan on coaches\b/);
		expect(text).not.toMatch(/Seq Scan on coach_offerings\b/);
	});
});
