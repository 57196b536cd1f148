import { defineScenario } from "../harness";
import { withClient } from "./_booking";
import { ensureScaleCoaches } from "./_scale";

/** A coach's public profile as a browser loads it, another coach every request (at 100,000 coaches). */
export default defineScenario({
	name: "coach-profile-page",
	description: "GET /coaches/:id as a browser (br, zh-CN), one of 500 approved coaches per request",
	order: 43,
	async setup(_baseUrl, ctx) {
		await ensureScaleCoaches(ctx);
		const ids = await withClient(ctx, async (client) =>
			(
				await client.query<{ id: string }>(
					"select id from coaches where status = 'approved' and erased_at is null order by md5(id::text) limit 500",
				)
			).rows.map((row) => row.id),
		);
		if (ids.length === 0) throw new Error("no approved coach in the bench database");
		let next = 0;
		const path = () => `/coaches/${ids[next++ % ids.length]}`;
		return {
			path: path(),
			headers: { accept: "text/html", "accept-encoding": "gzip, deflate, br", "accept-language": "zh-CN" },
			setupRequest: (request) => ({ ...request, path: path() }),
		};
	},
});
