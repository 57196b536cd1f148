import { join, resolve } from "node:path";
import { createRequestHandler } from "@react-router/express";
import express from "express";
import type { ServerBuild } from "react-router";

/**
 * The reference page's server, as the issue describes it: Express 5 and @react-router/express,
 * static assets, no compression, nothing else. Started by the bench (reference-page scenario):
 *   REFERENCE_BUILD_DIR=… REFERENCE_DATABASE_URL=… PORT=… tsx tests/bench/reference/server.ts
 */
const buildDir = resolve(process.env.REFERENCE_BUILD_DIR ?? ".data/bench-reference/build");
const build = (await import(join(buildDir, "server", "index.js"))) as ServerBuild;

const app = express();
app.disable("x-powered-by");
app.use("/assets", express.static(join(buildDir, "client", "assets"), { immutable: true, maxAge: "1y" }));
app.all("/{*splat}", createRequestHandler({ build, mode: "production" }));

const port = Number(process.env.PORT ?? 0);
const server = app.listen(port, "127.0.0.1", () => {
	const address = server.address();
	process.stdout.write(
		`reference page ready at http://127.0.0.1:${typeof address === "object" && address ? address.port : port}\n`,
	);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
