import { join } from "node:path";
import { readSettings } from "../app/lib/config.server";
import { runningPostmaster } from "./embedded";

/** Stops an embedded PostgreSQL left running by a process that was killed (`npm run db:stop`). */
const dataDir = join(readSettings().DATA_DIR, "pg");
const pid = runningPostmaster(dataDir);
if (!pid) {
	console.log(`No embedded PostgreSQL is running on ${dataDir}.`);
} else {
	process.kill(pid, "SIGINT");
	for (let waited = 0; waited < 100 && runningPostmaster(dataDir); waited++) {
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	console.log(runningPostmaster(dataDir) ? `PostgreSQL ${pid} is still stopping.` : `Stopped PostgreSQL ${pid}.`);
}
