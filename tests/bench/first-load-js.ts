import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/**
 * The JavaScript a page needs at first load, as a phone on a mobile network downloads it (issue
 * 12.1): the client entry and the root and page route modules with every chunk they import
 * statically, from the manifest React Router puts into the server build, plus the page language's
 * texts (zh-CN), which app/entry.client.tsx loads before hydration. Each file is gzipped
 * (level 6, what most servers and CDNs use) and the sizes are summed.
 */
export const firstLoadPages: ReadonlyArray<{ name: string; routeId: string; gzipUnderKb: number }> = [
	{ name: "search page", routeId: "routes/coaches/search", gzipUnderKb: 150 },
	{ name: "coach profile", routeId: "routes/coaches/profile", gzipUnderKb: 150 },
];

interface ManifestPart {
	module: string;
	imports?: string[];
}

interface AssetsManifest {
	entry: ManifestPart;
	routes: Record<string, ManifestPart | undefined>;
}

export interface FirstLoadJs {
	name: string;
	routeId: string;
	files: number;
	rawKb: number;
	gzipKb: number;
	/** The largest files, gzip KB, so a regression shows where it came from. */
	largest: Array<{ file: string; gzipKb: number }>;
	goalKb: number;
	met: boolean;
}

/** The `server-manifest` object literal of build/server/index.js (plain data, `void 0` for undefined). */
function readManifest(rootDir: string): AssetsManifest {
	const source = readFileSync(join(rootDir, "build", "server", "index.js"), "utf8");
	const marker = source.indexOf("server_manifest_default = {");
	if (marker < 0) throw new Error("no server manifest in build/server/index.js (React Router changed its build?)");
	const start = source.indexOf("{", marker);
	let depth = 0;
	let end = start;
	for (; end < source.length; end++) {
		const char = source[end];
		if (char === '"') end = source.indexOf('"', end + 1);
		else if (char === "{") depth++;
		else if (char === "}" && --depth === 0) break;
	}
	return new Function(`return (${source.slice(start, end + 1)});`)() as AssetsManifest;
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

export function firstLoadJs(rootDir: string): FirstLoadJs[] {
	const manifest = readManifest(rootDir);
	const sizes = new Map<string, { raw: number; gzip: number }>();
	const sizeOf = (file: string) => {
		let size = sizes.get(file);
		if (!size) {
			const content = readFileSync(join(rootDir, "build", "client", file));
			size = { raw: content.byteLength, gzip: gzipSync(content, { level: 6 }).byteLength };
			sizes.set(file, size);
		}
		return size;
	};
	// A dynamic import the manifest does not list, but every first load waits for.
	const texts = readdirSync(join(rootDir, "build", "client", "assets"))
		.filter((file) => /^zh-CN-texts-[\w-]+\.js$/.test(file))
		.map((file) => `/assets/${file}`);
	return firstLoadPages.map((page) => {
		const parts = [manifest.entry, manifest.routes.root, manifest.routes[page.routeId]];
		if (!parts[2]) throw new Error(`no route ${page.routeId} in the build's manifest`);
		const files = [...new Set([...parts.flatMap((part) => (part ? [part.module, ...(part.imports ?? [])] : [])), ...texts])];
		const measured = files.map((file) => ({ file, ...sizeOf(file) }));
		const gzip = measured.reduce((sum, file) => sum + file.gzip, 0);
		return {
			name: page.name,
			routeId: page.routeId,
			files: files.length,
			rawKb: kb(measured.reduce((sum, file) => sum + file.raw, 0)),
			gzipKb: kb(gzip),
			largest: measured
				.sort((a, b) => b.gzip - a.gzip)
				.slice(0, 4)
				.map((file) => ({ file: file.file.replace(/^\/assets\//, ""), gzipKb: kb(file.gzip) })),
			goalKb: page.gzipUnderKb,
			met: kb(gzip) < page.gzipUnderKb,
		};
	});
}
