/**
 * Where a `redirectTo` (or any other user-given target) may send someone: a path on this site and
 * nothing else. The target is parsed by the URL API, the way a browser will read the Location
 * header, so the tricks that fool a pattern (`/\t/evil`, `/\evil`, `//evil`, encoded or control
 * characters) resolve to another host here too and are refused. The result is the path, query and
 * fragment of the parsed URL: percent-encoded ASCII, safe for a header whatever the input was
 * (Chinese text, `%0A`, NUL).
 */
const siteOrigin = "http://cuepal.invalid";
const longestTarget = 2048;

export function safeSitePath(target: unknown, fallback: string): string {
	if (typeof target !== "string" || !target.startsWith("/") || target.length > longestTarget) return fallback;
	let url: URL;
	try {
		url = new URL(target, siteOrigin);
	} catch {
		return fallback;
	}
	if (url.origin !== siteOrigin) return fallback;
	const path = `${url.pathname}${url.search}${url.hash}`;
	// Dot segments can leave "//host" (`/x/..//evil`), which a browser reads as another site.
	return path.startsWith("//") ? fallback : path;
}
