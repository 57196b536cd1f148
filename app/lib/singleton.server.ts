/**
 * One instance per process. The Express server (run by tsx) and the React Router server bundle
 * each carry their own copy of platform modules; keeping shared handles on globalThis makes both
 * copies use the same pool, queue and logger.
 */
export function singleton<T>(name: string, create: () => T): T {
	const store = globalThis as unknown as { __cuepal?: Map<string, unknown> };
	store.__cuepal ??= new Map();
	if (!store.__cuepal.has(name)) store.__cuepal.set(name, create());
	return store.__cuepal.get(name) as T;
}

export function replaceSingleton<T>(name: string, value: T): void {
	const store = globalThis as unknown as { __cuepal?: Map<string, unknown> };
	store.__cuepal ??= new Map();
	store.__cuepal.set(name, value);
}
