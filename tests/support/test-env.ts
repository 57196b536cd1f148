/** Fixed, non-secret keys for tests only: encryption behaves as in production, data is throwaway. */
export const testEnvironment = {
	APP_ENV: "test",
	LOG_LEVEL: "silent",
	// Tests change coaches and search again at once; the cache has its own unit test.
	SEARCH_CACHE_MS: "0",
	SESSION_SECRET: "test-session-secret-test-session-secret-0001",
	APP_ENCRYPTION_KEYS: `t1:${Buffer.alloc(32, 7).toString("base64")}`,
	APP_BLIND_INDEX_KEY: Buffer.alloc(32, 9).toString("base64"),
} as const;

export function applyTestEnvironment(): void {
	for (const [name, value] of Object.entries(testEnvironment)) process.env[name] ??= value;
}
