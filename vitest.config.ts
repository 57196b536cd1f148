import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = { "~": fileURLToPath(new URL("./app", import.meta.url)) };

// Its own config, so Vitest neither loads the React Router plugin nor collects Playwright specs.
export default defineConfig({
	resolve: { alias },
	test: {
		projects: [
			{
				resolve: { alias },
				test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
			},
			{
				resolve: { alias },
				test: {
					name: "integration",
					include: ["tests/integration/**/*.integration.test.ts"],
					environment: "node",
					globalSetup: ["tests/support/global-setup.ts"],
					setupFiles: ["tests/support/per-file-database.ts"],
					testTimeout: 30_000,
					hookTimeout: 60_000,
					// Two cores: two files at a time, each on its own copy of the database.
					maxWorkers: 2,
				},
			},
		],
	},
});
