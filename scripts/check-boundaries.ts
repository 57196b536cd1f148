import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/**
 * The module boundary check (part of `npm run lint`):
 * 1. route modules (app/routes, app/api) never import database tables (db/schema) or the db handle;
 * 2. domain modules (app/modules/<domain>) do not import each other in a cycle;
 * 3. settings are read in one place: only app/lib/config.server.ts (and the start, which completes
 *    the environment before it is read) reads `process.env`.
 */
// The tree to check: this repository, or a folder given on the command line (used by its own test).
const root = resolve(process.argv[2] ?? resolve(import.meta.dirname, ".."));
const sourceFile = /\.(ts|tsx)$/;

function walk(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? walk(path) : sourceFile.test(name) ? [path] : [];
	});
}

function importsOf(file: string): string[] {
	const text = readFileSync(file, "utf8");
	const specifiers = [...text.matchAll(/(?:import|export)[^"'`]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)];
	return specifiers.map((match) => match[1] ?? match[2] ?? "").filter(Boolean);
}

function resolveImport(file: string, specifier: string): string | null {
	if (specifier.startsWith("~/")) return join(root, "app", specifier.slice(2));
	if (specifier.startsWith(".")) return resolve(dirname(file), specifier);
	return null;
}

const problems: string[] = [];

for (const area of ["app/routes", "app/api"]) {
	for (const file of walk(join(root, area))) {
		for (const specifier of importsOf(file)) {
			const target = resolveImport(file, specifier);
			if (!target) continue;
			const rel = relative(root, target);
			if (rel.startsWith("db/schema") || rel === "app/lib/db.server" || rel.startsWith("drizzle-orm")) {
				problems.push(`${relative(root, file)} imports ${specifier}: routes call a module instead of touching tables`);
			}
		}
		if (importsOf(file).some((specifier) => specifier.startsWith("drizzle-orm"))) {
			problems.push(`${relative(root, file)} imports drizzle-orm: routes call a module instead of querying`);
		}
	}
}

const modulesDir = join(root, "app/modules");
const domainOf = (path: string) => relative(modulesDir, path).split("/")[0] ?? "";
const graph = new Map<string, Set<string>>();
for (const file of walk(modulesDir)) {
	const from = domainOf(file);
	graph.set(from, graph.get(from) ?? new Set());
	for (const specifier of importsOf(file)) {
		const target = resolveImport(file, specifier);
		if (!target || relative(modulesDir, target).startsWith("..")) continue;
		const to = domainOf(target);
		if (to !== from) graph.get(from)?.add(to);
	}
}
const visiting = new Set<string>();
const done = new Set<string>();
function visit(domain: string, trail: string[]) {
	if (visiting.has(domain)) {
		problems.push(`modules import each other in a cycle: ${[...trail.slice(trail.indexOf(domain)), domain].join(" → ")}`);
		return;
	}
	if (done.has(domain)) return;
	visiting.add(domain);
	for (const next of graph.get(domain) ?? []) visit(next, [...trail, domain]);
	visiting.delete(domain);
	done.add(domain);
}
for (const domain of graph.keys()) visit(domain, []);

const readsSettings = new Set(["app/lib/config.server.ts", "app/server/start.ts", "app/server/dev-secrets.ts"]);
for (const area of ["app", "db", "jobs"]) {
	for (const file of walk(join(root, area))) {
		const rel = relative(root, file);
		if (readsSettings.has(rel)) continue;
		// Passing the whole environment on to a child process (`{ ...process.env }`) reads no setting.
		const reads = readFileSync(file, "utf8")
			.split("\n")
			.filter((line) => /process\.env\b/.test(line) && !/\.\.\.process\.env\b/.test(line));
		if (reads.length > 0) problems.push(`${rel} reads process.env: read settings through app/lib/config.server.ts`);
	}
}

if (problems.length > 0) {
	console.error(`Module boundary check failed:\n${problems.map((line) => `  - ${line}`).join("\n")}`);
	process.exit(1);
}
console.log(`Module boundaries hold (${graph.size} modules).`);
