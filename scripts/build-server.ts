import { cpSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { build } from "vite";

/**
 * The second half of `npm run build`: the server's own entry points (the Express server with its
 * worker, and the migration step) compiled to plain JavaScript in build/server-entry, so production
 * runs `node build/server-entry/start.js` without a TypeScript loader. Packages stay external
 * (node_modules is installed beside the build); the migrations travel with the bundle, since
 * db/migrate.ts finds them beside itself.
 */
const outDir = resolve("build/server-entry");
rmSync(outDir, { recursive: true, force: true });

await build({
	configFile: false,
	publicDir: false,
	logLevel: "warn",
	resolve: { alias: { "~": resolve("app") } },
	build: {
		ssr: true,
		outDir,
		emptyOutDir: true,
		target: "node22",
		minify: false,
		sourcemap: true,
		rollupOptions: {
			input: {
				start: resolve("app/server/start.ts"),
				"migrate-cli": resolve("db/migrate-cli.ts"),
				"ledger-verify-cli": resolve("db/ledger-verify-cli.ts"),
			},
			output: { format: "esm", entryFileNames: "[name].js", chunkFileNames: "[name]-[hash].js" },
		},
	},
});
cpSync(resolve("db/migrations"), resolve(outDir, "migrations"), { recursive: true });
console.log(`server entry built in ${outDir}`);
