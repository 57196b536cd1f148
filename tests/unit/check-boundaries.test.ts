import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const tsxCli = join(process.cwd(), "node_modules/tsx/dist/cli.mjs");
const checker = join(process.cwd(), "scripts/check-boundaries.ts");
let tree: string;

function write(path: string, text: string) {
	mkdirSync(dirname(join(tree, path)), { recursive: true });
	writeFileSync(join(tree, path), text);
}
function check() {
	return spawnSync(process.execPath, [tsxCli, checker, tree], { encoding: "utf8" });
}

afterEach(() => rmSync(tree, { recursive: true, force: true }));

describe("module boundary check", () => {
	it("passes a tree where routes call modules and modules depend one way", () => {
		tree = mkdtempSync(join(tmpdir(), "boundaries-"));
		write("app/routes/home.tsx", 'import { listCoaches } from "~/modules/coaches/list.server";\n');
		write("app/api/v1/meta.ts", 'import { z } from "zod";\n');
		write("app/modules/coaches/list.server.ts", 'import { findUser } from "~/modules/accounts/users.server";\n');
		write("app/modules/accounts/users.server.ts", 'import { users } from "../../../db/schema";\n');
		expect(check().status).toBe(0);
	});

	it("fails when a route imports database tables", () => {
		tree = mkdtempSync(join(tmpdir(), "boundaries-"));
		write("app/routes/home.tsx", 'import { users } from "../../db/schema";\n');
		write("app/modules/accounts/users.server.ts", "export {};\n");
		const result = check();
		expect(result.status).toBe(1);
		expect(result.stderr).toContain("app/routes/home.tsx imports ../../db/schema");
	});

	it("fails when modules import each other in a cycle", () => {
		tree = mkdtempSync(join(tmpdir(), "boundaries-"));
		write("app/routes/home.tsx", "export {};\n");
		write("app/modules/booking/a.server.ts", 'import { b } from "~/modules/payments/b.server";\n');
		write("app/modules/payments/b.server.ts", 'import { a } from "~/modules/booking/a.server";\n');
		const result = check();
		expect(result.status).toBe(1);
		expect(result.stderr).toMatch(/cycle: (booking → payments → booking|payments → booking → payments)/);
	});

	it("fails when code outside the settings module reads process.env", () => {
		tree = mkdtempSync(join(tmpdir(), "boundaries-"));
		write("app/routes/home.tsx", "export {};\n");
		write("app/lib/config.server.ts", "export const settings = () => process.env.PORT;\n");
		write("app/modules/accounts/mail.server.ts", "export const from = process.env.MAIL_FROM;\n");
		write("db/embedded.ts", "export const env = { ...process.env, LC_MESSAGES: 'C' };\n");
		const result = check();
		expect(result.status).toBe(1);
		expect(result.stderr).toContain("app/modules/accounts/mail.server.ts reads process.env");
		expect(result.stderr).not.toContain("config.server.ts reads");
		expect(result.stderr).not.toContain("db/embedded.ts reads");
	});
});
