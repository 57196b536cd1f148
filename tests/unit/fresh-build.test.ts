import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { staleBuildReason } from "../support/fresh-build";

/** A checkout with one source file and a build, each written at the given time (seconds). */
function checkout(sourceAt: number, builtAt: number | null): string {
	const root = mkdtempSync(join(tmpdir(), "cuepal-build-"));
	mkdirSync(join(root, "app/routes"), { recursive: true });
	writeFileSync(join(root, "app/routes/home.tsx"), "export default () => null;");
	utimesSync(join(root, "app/routes/home.tsx"), sourceAt, sourceAt);
	utimesSync(join(root, "app/routes"), sourceAt, sourceAt);
	utimesSync(join(root, "app"), sourceAt, sourceAt);
	if (builtAt !== null) {
		mkdirSync(join(root, "build/server"), { recursive: true });
		writeFileSync(join(root, "build/server/index.js"), "");
		utimesSync(join(root, "build/server/index.js"), builtAt, builtAt);
	}
	roots.push(root);
	return root;
}
const roots: string[] = [];
afterEach(() => {
	for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe("the build the integration and end-to-end tests load", () => {
	it("is rebuilt when a source file changed after it was built, not only when it is missing", () => {
		expect(staleBuildReason(checkout(1_000, null))).toBe("there is no build yet");
		expect(staleBuildReason(checkout(2_000, 1_000))).toBe("app changed since the last build");
		expect(staleBuildReason(checkout(1_000, 2_000))).toBeNull();
	});

	it("counts a dependency update as a change", () => {
		const root = checkout(1_000, 2_000);
		writeFileSync(join(root, "package-lock.json"), "{}");
		utimesSync(join(root, "package-lock.json"), 3_000, 3_000);
		expect(staleBuildReason(root)).toBe("package-lock.json changed since the last build");
	});
});
