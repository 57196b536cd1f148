/**
 * The benchmark's extension points. A scenario is a file in tests/bench/scenarios/ whose default
 * export (or named `scenario` export, or an array of them) is made with `defineScenario`; run.ts
 * loads every such file by itself. Two kinds exist:
 *
 * - `http` (the default): `setup(baseUrl, ctx)` returns the request to fire at the app (or at
 *   another server, through `baseUrl`), or `null` to skip. The harness sends one preflight request
 *   (status, encoding, size), warms up, then measures requests/s and latency with autocannon.
 * - `timing`: `setup(baseUrl, ctx)` returns a function to time (e.g. one password sign-in), run
 *   `iterations` times one after another; min / median / max are reported.
 *
 * `setup` runs after the app is ready, so it may create data first (sign up a user, read a
 * session cookie, mint an API token) and register clean-ups with `ctx.onCleanup`.
 */

export interface HttpRequestSpec {
	path: string;
	method?: string;
	headers?: Record<string, string>;
	body?: string;
	/** Fire at another server than the app (e.g. the bare baseline a scenario started itself). */
	baseUrl?: string;
	/** The status every answer should have (default 200); others are counted as unexpected. */
	expectStatus?: number;
	/**
	 * Changes each request autocannon sends (another place to search, another time to book), so no
	 * cache answers and no request repeats another; the preflight sends `path` and `body` as given.
	 */
	setupRequest?: (request: LoadRequest) => LoadRequest;
	/** The body every answer should have (e.g. Alipay's `success`); others are counted as unexpected. */
	expectBody?: string;
	/**
	 * Checks what the load left behind (e.g. the ledger still balances), once the measure is over;
	 * reported as one more budget line.
	 */
	afterLoad?: () => Awaitable<{ met: boolean; detail: string }>;
}

/** A request as autocannon holds it, for `setupRequest`. */
export interface LoadRequest {
	method?: string;
	path?: string;
	headers?: Record<string, string>;
	body?: string;
}

/** Targets the report checks (✓ / ✗); missing one does not fail the run. */
export interface HttpBudget {
	/** Requests per second at least this. */
	minRps?: number;
	/** Median latency strictly below this. */
	p50UnderMs?: number;
	/** 99th percentile latency strictly below this. */
	p99UnderMs?: number;
}

export interface TimingBudget {
	medianUnderMs?: number;
	maxUnderMs?: number;
}

export interface ScenarioContext {
	/** The running app, e.g. http://127.0.0.1:41234 */
	baseUrl: string;
	/** The repository root. */
	rootDir: string;
	/** The app's DATA_DIR (.data/bench); its embedded database's settings are in cluster.json. */
	dataDir: string;
	/** The environment the app was started with (DATA_DIR, PORT, secrets from dev-secrets.json…). */
	appEnv: Readonly<Record<string, string | undefined>>;
	/** Runs after this scenario, even when it fails (last registered runs first). */
	onCleanup(cleanup: () => unknown): void;
	log(line: string): void;
}

type Awaitable<T> = T | Promise<T>;

export interface HttpScenario {
	kind?: "http";
	/** A short key used in the JSON (e.g. "home"). */
	name: string;
	description?: string;
	/** The reference every other HTTP target is divided by (requests/s ratio). One at most. */
	baseline?: boolean;
	/** Lower runs first (default 50), then by file name. */
	order?: number;
	budget?: HttpBudget;
	/**
	 * Settings the app must have from its start (settings are read once per process), e.g. a
	 * provider pointed at a fake; called before the app starts, only when this scenario runs.
	 */
	appEnv?: () => Awaitable<Record<string, string>>;
	/** Per-scenario overrides of the run's settings. */
	connections?: number;
	durationSec?: number;
	warmupSec?: number;
	setup(baseUrl: string, ctx: ScenarioContext): Awaitable<HttpRequestSpec | null>;
}

export interface TimingSpec {
	run: () => unknown;
	/** Measured runs (default 5). */
	iterations?: number;
	/** Unmeasured runs first (default 1). */
	warmup?: number;
	/** What the runs found besides their time (e.g. "1 × 201, 199 × 409"), printed beside the timing. */
	outcome?: () => string;
}

export interface TimingScenario {
	kind: "timing";
	name: string;
	description?: string;
	order?: number;
	budget?: TimingBudget;
	appEnv?: () => Awaitable<Record<string, string>>;
	setup(baseUrl: string, ctx: ScenarioContext): Awaitable<TimingSpec | null>;
}

export type Scenario = HttpScenario | TimingScenario;

/** Identity helper that gives a scenario file its types. */
export function defineScenario<T extends Scenario>(scenario: T): T {
	return scenario;
}

export function isTiming(scenario: Scenario): scenario is TimingScenario {
	return scenario.kind === "timing";
}
