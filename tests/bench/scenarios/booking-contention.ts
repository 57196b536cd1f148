import { type AppProcess, freePort, startApp, stopApp } from "../app-process";
import { defineScenario } from "../harness";
import { benchDatabaseUrl, bookingBody, demoPlayerToken, freeBookableTimes, releaseBookings } from "./_booking";
import { ensureScaleCoaches } from "./_scale";

const requests = 200;

/**
 * The contention run: 200 requests at once for the same time of one coach, spread over three app
 * instances on different ports sharing one database. Exactly one may win (201); the other 199
 * must get 409 slot_taken, and none a 5xx. Timed as one burst; the counts are the result.
 */
export default defineScenario({
	kind: "timing",
	name: "booking-contention",
	description: `${requests} concurrent POST /api/v1/bookings for one time over 3 instances sharing one database`,
	order: 61,
	async setup(baseUrl, ctx) {
		await ensureScaleCoaches(ctx);
		const since = new Date();
		ctx.onCleanup(() => releaseBookings(ctx, since));
		const env = { ...ctx.appEnv, DATABASE_URL: benchDatabaseUrl(ctx), ROLE: "web", SEED: "0" };
		const others: AppProcess[] = [];
		ctx.onCleanup(() => Promise.all(others.map((app) => stopApp(app, undefined))));
		for (const label of ["contention 2", "contention 3"]) {
			const port = await freePort();
			others.push(await startApp({ rootDir: ctx.rootDir, env: { ...env, PORT: String(port) }, timeoutMs: 120_000, label }));
		}
		const bases = [baseUrl, ...others.map((app) => app.baseUrl)];
		ctx.log(`instances: ${bases.join(", ")}`);
		const token = await demoPlayerToken(baseUrl);
		// A coach the creation scenario leaves alone (it books the first 20,000).
		const [time] = await freeBookableTimes(ctx, 1, 30_000);
		if (!time) throw new Error("no synthetic coach to contend for");
		const counts = new Map<string, number>();
		return {
			iterations: 1,
			warmup: 0,
			run: async () => {
				const answers = await Promise.all(
					Array.from({ length: requests }, (_, index) =>
						fetch(`${bases[index % bases.length]}/api/v1/bookings`, {
							method: "POST",
							headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
							body: bookingBody(time),
						}).then(
							async (response) => {
								const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
								return response.status === 409 ? `409 ${body?.error?.code}` : String(response.status);
							},
							(error: Error) => `failed (${error.message})`,
						),
					),
				);
				for (const answer of answers) counts.set(answer, (counts.get(answer) ?? 0) + 1);
				const won = counts.get("201") ?? 0;
				const lost = counts.get("409 slot_taken") ?? 0;
				const serverErrors = answers.filter((answer) => answer.startsWith("5")).length;
				ctx.log(
					`${won} × 201, ${lost} × 409 slot_taken, ${serverErrors} × 5xx (${[...counts].map(([a, n]) => `${a}×${n}`).join(", ")})`,
				);
				if (won !== 1 || lost !== requests - 1 || serverErrors > 0) {
					throw new Error(
						`expected exactly one 201 and ${requests - 1} × 409, got ${[...counts].map(([a, n]) => `${a}×${n}`).join(", ")}`,
					);
				}
			},
			outcome: () => {
				const serverErrors = [...counts].filter(([answer]) => answer.startsWith("5")).reduce((sum, [, n]) => sum + n, 0);
				return `${counts.get("201") ?? 0} × 201 (won), ${counts.get("409 slot_taken") ?? 0} × 409 slot_taken, ${serverErrors} × 5xx, over ${bases.length} instances`;
			},
		};
	},
});
