import { defineConfig } from "drizzle-kit";

export default defineConfig({
	dialect: "postgresql",
	schema: "./db/schema/index.ts",
	out: "./db/migrations",
	// pg-boss owns the `pgboss` schema; migrations only describe ours.
	schemaFilter: ["public"],
	dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://localhost/cuepal" },
});
