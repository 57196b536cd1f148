/**
 * A few seconds of memory for search results. The same searches come again and again (a city's
 * default page, a shared link, the back button), the answer is the same for every viewer, and a
 * coach approved or paused a few seconds ago may show a few seconds late. Identical searches in
 * flight share one query, so a burst of them costs the database once. Each replica keeps its own:
 * nothing here is needed by another one.
 */
export interface ResultCache<T> {
	get(key: string, ttlMs: number, load: () => Promise<T>): Promise<T>;
}

export function resultCache<T>(options: { maxEntries: number }): ResultCache<T> {
	const entries = new Map<string, { value: Promise<T>; expiresAt: number }>();
	return {
		get(key, ttlMs, load) {
			const now = Date.now();
			const hit = entries.get(key);
			if (hit && hit.expiresAt > now) return hit.value;
			if (hit) entries.delete(key);
			if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value as string);
			const value = load();
			entries.set(key, { value, expiresAt: now + ttlMs });
			// A failed search is not remembered: the next caller tries again.
			value.catch(() => {
				if (entries.get(key)?.value === value) entries.delete(key);
			});
			return value;
		},
	};
}
