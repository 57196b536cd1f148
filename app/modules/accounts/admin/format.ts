/**
 * Times in the back office, in China time (no daylight saving, so a fixed +08:00). Formatted by
 * hand rather than with Intl so the server and the browser print exactly the same text.
 */
export function formatShanghai(iso: string, withTime = true): string {
	const shifted = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
	return withTime ? `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}` : shifted.slice(0, 10);
}

/**
 * Previous / next links for keyset pages. The cursors of the pages before are kept in `trail`, so
 * "previous" works without JavaScript and the page number can be shown.
 */
export function keysetLinks(searchParams: URLSearchParams, nextCursor: string | null) {
	const cursor = searchParams.get("cursor") ?? "";
	const trail = (searchParams.get("trail") ?? "").split(",").filter((entry) => /^[\w-]{1,200}$/.test(entry));
	const previousCursor = trail.at(-1);
	return {
		page: trail.length + 1,
		previous:
			cursor && previousCursor !== undefined
				? { cursor: previousCursor === "first" ? "" : previousCursor, trail: trail.slice(0, -1).join(",") }
				: cursor
					? { cursor: "", trail: "" }
					: null,
		next: nextCursor ? { cursor: nextCursor, trail: [...trail, cursor || "first"].slice(-50).join(",") } : null,
	};
}
