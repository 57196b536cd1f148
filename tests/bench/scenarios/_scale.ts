import { readFileSync } from "node:fs";
import { join } from "node:path";
import { seedScale } from "../../../scripts/seed-scale";
import type { ScenarioContext } from "../harness";

let seeded: Promise<void> | undefined;

/** The bench database filled to 100,000 coaches once (later runs reuse them). */
export function ensureScaleCoaches(ctx: ScenarioContext): Promise<void> {
	seeded ??= (async () => {
		const cluster = JSON.parse(readFileSync(join(ctx.dataDir, "cluster.json"), "utf8")) as {
			port: number;
			user: string;
			password: string;
		};
		const url = `postgres://${cluster.user}:${cluster.password}@127.0.0.1:${cluster.port}/cuepal`;
		const started = Date.now();
		const { added, total } = await seedScale(url, 100_000);
		ctx.log(`scale data: ${total} approved coaches (${added} added in ${Date.now() - started} ms)`);
	})();
	return seeded;
}

/** Near the centre of Shanghai, where the most coaches are. */
export const nearbySearch = "lat=31.2304&lng=121.4737&radiusKm=10&discipline=chinese_8_ball&courseType=basic&sort=distance";
