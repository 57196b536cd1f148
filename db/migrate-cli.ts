import { readSettings } from "../app/lib/config.server";
import { applyMigrations } from "./migrate";

/** `npm run db:migrate`: the explicit migration step run before a rollout (see deploy/). */
const url = readSettings().DATABASE_URL;
if (!url) {
	console.error("DATABASE_URL is not set: say which database to migrate.");
	process.exit(1);
}
await applyMigrations(url);
console.log("Migrations applied.");
