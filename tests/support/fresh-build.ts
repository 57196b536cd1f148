import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Tests that go through pages load `build/`: a build older than the code would test yesterday's
 * app. These are the inputs of `react-router build`; a change to any of them makes the build stale.
 */
export const buildInputs = [
	"app",
	"db/schema",
	"public",
	"vite.config.ts",
	"react-router.config.ts",
	"tsconfig.json",
	"package-lock.json",
];

/** `npm test` builds first and says so with this variable, so the test set-ups do not build again. */
export const buildFreshVariable = "CUEPAL_BUILD_FRESH";

/** The newest modification time (ms) of a file or of any file under a folder; 0 when absent. */
function newestChange(path: string): number {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs; // a deleted file shows only as a change of its folder
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
	return newest;
}

/** Why the build in `root` cannot be used as it is, or null when it is newer than all its inputs. */
export function staleBuildReason(root = process.cwd(), inputs = buildInputs): string | null {
	const entry = join(root, "build", "server", "index.js");
	if (!existsSync(entry)) return "there is no build yet";
	const builtAt = statSync(entry).mtimeMs;
	const changed = inputs.find((input) => newestChange(join(root, input)) > builtAt);
	return changed ? `${changed} changed since the last build` : null;
}

/**
 * A copy of the fresh build for one run's server, taken under the build lock in the same step as
 * the check and the build, so it is whole. The server then serves its own copy: another build of
 * the checkout in the middle of the run (another engineer's, another run's) no longer pulls its
 * hashed assets away from open pages. Once per run: the processes it starts inherit
 * `CUEPAL_BUILD_COPY` and reuse the copy.
 */
export function snapshotBuild(target: string, root = process.cwd()): string {
	const existing = process.env.CUEPAL_BUILD_COPY;
	if (existing) return existing;
	const [command, args] = underBuildLock(["npx", "tsx", fileURLToPath(import.meta.url), target]);
	const result = spawnSync(command, args, { stdio: "inherit", cwd: root });
	if (result.status !== 0) throw new Error(`building the app and copying it to ${target} failed`);
	process.env[buildFreshVariable] = "1";
	process.env.CUEPAL_BUILD_COPY = target;
	return target;
}

/** Shared by every run on the machine (the engineers' own builds take the same lock). */
export const buildLock = "/tmp/cuepal-build.lock";

/** A command run under the build lock; without `flock` (not Linux) it runs as it is. */
export function underBuildLock([command, ...args]: [string, ...string[]]): [string, string[]] {
	const hasFlock = spawnSync("flock", ["--version"], { stdio: "ignore" }).status === 0;
	return hasFlock ? ["flock", [buildLock, command, ...args]] : [command, args];
}

// Run under the lock by snapshotBuild: check again (a run that waited finds the build the other just
// made), build if still stale, then copy.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const target = process.argv[2];
	const reason = process.env[buildFreshVariable] === "1" && existsSync("build/server/index.js") ? null : staleBuildReason();
	if (reason) {
		console.log(`Building the app for the tests (${reason})…`);
		const result = spawnSync("npx", ["react-router", "build"], { stdio: "inherit" });
		if (result.status !== 0) process.exit(result.status ?? 1);
	}
	if (target) {
		rmSync(target, { recursive: true, force: true });
		cpSync("build", target, { recursive: true });
	}
}
