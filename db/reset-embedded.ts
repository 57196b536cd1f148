import { existsSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { readSettings } from "../app/lib/config.server";
import { runningPostmaster } from "./embedded";

/**
 * `npm run db:reset`: throws the development data away (the embedded PostgreSQL's folder, its
 * cluster.json and the uploaded files), so the next `npm start` creates a fresh database and loads
 * the demo data again. It refuses while the app is running (the database would vanish under it),
 * with a DATABASE_URL (a database that is not ours to drop) and in production.
 */
export interface ResetOutcome {
	ok: boolean;
	message: string;
}

/** The parent process of `pid` (Linux /proc), or undefined when it cannot be read. */
function parentOf(pid: number): number | undefined {
	try {
		// "pid (name) state ppid …": the name may hold spaces, so count from its closing parenthesis.
		const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
		return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
	} catch {
		return undefined;
	}
}

const alive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

export async function resetEmbeddedDatabase(env?: NodeJS.ProcessEnv): Promise<ResetOutcome> {
	let settings: ReturnType<typeof readSettings>;
	try {
		settings = readSettings(env);
	} catch (error) {
		return { ok: false, message: error instanceof Error ? error.message : String(error) };
	}
	if (settings.APP_ENV === "production") return { ok: false, message: "db:reset never runs with APP_ENV=production." };
	if (settings.DATABASE_URL) {
		return {
			ok: false,
			message: "DATABASE_URL is set: db:reset only resets the embedded development database. Drop that database yourself.",
		};
	}
	// The same folder `npm start` uses (app/server/start.ts).
	const root = resolve(settings.DATA_DIR);
	const pgDir = join(root, "pg");
	if (existsSync(pgDir) && !existsSync(join(pgDir, "PG_VERSION"))) {
		return { ok: false, message: `${pgDir} is not a PostgreSQL data folder: left as it is.` };
	}

	const postmaster = runningPostmaster(pgDir);
	if (postmaster) {
		const parent = parentOf(postmaster);
		// A postgres whose parent still runs belongs to a live app (or test run); an orphan was left by a killed one.
		if (parent === undefined || (parent > 1 && alive(parent))) {
			return {
				ok: false,
				message: `The app is running on ${root} (its PostgreSQL is pid ${postmaster}${parent ? `, started by pid ${parent}` : ""}). Stop it first (Ctrl-C), then run npm run db:reset again.`,
			};
		}
		process.kill(postmaster, "SIGINT");
		for (let waited = 0; waited < 100 && runningPostmaster(pgDir); waited++) {
			await new Promise((done) => setTimeout(done, 100));
		}
		if (runningPostmaster(pgDir)) {
			return { ok: false, message: `PostgreSQL ${postmaster}, left by a killed process, is still stopping: try again.` };
		}
	}

	const removed = [pgDir, join(root, "cluster.json"), join(root, "uploads")].filter((path) => existsSync(path));
	for (const path of removed) rmSync(path, { recursive: true, force: true });
	return {
		ok: true,
		message:
			removed.length > 0
				? `Removed ${removed.join(", ")}. npm start creates a fresh database with the demo data.`
				: `Nothing to reset under ${root}. npm start creates a fresh database with the demo data.`,
	};
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.dirname, "reset-embedded.ts")) {
	const outcome = await resetEmbeddedDatabase();
	(outcome.ok ? console.log : console.error)(outcome.message);
	process.exit(outcome.ok ? 0 : 1);
}
