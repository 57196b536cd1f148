import { request as httpRequest } from "node:http";
import { createRequire } from "node:module";
import type { HttpRequestSpec, TimingSpec } from "./harness";

/** Load generation with autocannon's programmatic API (it ships no types: the part used is typed here). */

interface CannonOptions {
	url: string;
	method?: string;
	headers?: Record<string, string>;
	body?: string;
	connections: number;
	duration: number;
	title?: string;
	timeout?: number;
	requests?: Array<{ setupRequest?: HttpRequestSpec["setupRequest"]; onResponse?: (status: number, body: string) => void }>;
}

interface Histogram {
	average: number;
	mean: number;
	stddev: number;
	min: number;
	max: number;
	total: number;
	p50: number;
	p90: number;
	p97_5: number;
	p99: number;
}

interface CannonResult {
	duration: number;
	errors: number;
	timeouts: number;
	non2xx: number;
	resets: number;
	statusCodeStats: Record<string, { count: number }>;
	latency: Histogram;
	requests: Histogram & { sent: number };
	throughput: Histogram;
}

interface CannonInstance {
	stop(): void;
}

type Autocannon = (options: CannonOptions, done: (error: Error | null, result: CannonResult) => void) => CannonInstance;

const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

let running: CannonInstance | undefined;

/** Stops the load in progress (Ctrl-C). */
export function stopLoad(): void {
	running?.stop();
}

function fire(options: CannonOptions): Promise<CannonResult> {
	return new Promise((resolve, reject) => {
		running = autocannon(options, (error, result) => {
			running = undefined;
			if (error) reject(error);
			else resolve(result);
		});
	});
}

export interface Preflight {
	status: number;
	contentType?: string;
	contentEncoding?: string;
	/** Bytes on the wire (compressed when the answer is). */
	bytes: number;
	ms: number;
}

/** One request before the load, to check the target answers what the scenario expects. */
export function preflight(url: string, spec: HttpRequestSpec): Promise<Preflight> {
	const started = performance.now();
	return new Promise((resolve, reject) => {
		const req = httpRequest(url, { method: spec.method ?? "GET", headers: spec.headers, timeout: 10_000 }, (res) => {
			let bytes = 0;
			res.on("data", (chunk: Buffer) => {
				bytes += chunk.length;
			});
			res.on("end", () =>
				resolve({
					status: res.statusCode ?? 0,
					contentType: res.headers["content-type"],
					contentEncoding: res.headers["content-encoding"],
					bytes,
					ms: Math.round((performance.now() - started) * 10) / 10,
				}),
			);
			res.on("error", reject);
		});
		req.on("timeout", () => req.destroy(new Error("preflight request timed out after 10 s")));
		req.on("error", reject);
		req.end(spec.body);
	});
}

export interface HttpMeasure {
	url: string;
	method: string;
	connections: number;
	durationSec: number;
	warmupSec: number;
	rps: number;
	requests: number;
	latencyMs: { p50: number; p90: number; p99: number; avg: number; max: number };
	throughputKBps: number;
	expectStatus: number;
	/** Answers with another status than expected, plus connection errors and timeouts (autocannon counts timeouts as errors). */
	unexpected: number;
	errors: number;
	timeouts: number;
	/** Answers with the expected status but not the expected body (`expectBody`). */
	mismatches: number;
	statusCodes: Record<string, number>;
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export async function measureHttp(
	url: string,
	spec: HttpRequestSpec,
	settings: { connections: number; durationSec: number; warmupSec: number; title: string },
	beforeMeasure?: () => void,
): Promise<HttpMeasure> {
	let mismatches = 0;
	const countMismatch = (_status: number, body: string) => {
		if (spec.expectBody !== undefined && body !== spec.expectBody) mismatches++;
	};
	const base: CannonOptions = {
		url,
		method: spec.method ?? "GET",
		headers: spec.headers,
		body: spec.body,
		connections: settings.connections,
		duration: settings.warmupSec,
		title: settings.title,
		timeout: 10,
		// autocannon refuses its own expectBody beside `requests`: the body is checked per answer instead.
		...(spec.setupRequest || spec.expectBody !== undefined
			? { requests: [{ setupRequest: spec.setupRequest, onResponse: countMismatch }] }
			: {}),
	};
	if (settings.warmupSec > 0) await fire(base);
	beforeMeasure?.();
	mismatches = 0;
	const result = await fire({ ...base, duration: settings.durationSec });
	const expectStatus = spec.expectStatus ?? 200;
	const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]));
	const expected = statusCodes[String(expectStatus)] ?? 0;
	return {
		url,
		method: base.method as string,
		connections: settings.connections,
		durationSec: round(result.duration, 2),
		warmupSec: settings.warmupSec,
		rps: round(result.requests.average),
		requests: result.requests.total,
		latencyMs: {
			p50: result.latency.p50,
			p90: result.latency.p90,
			p99: result.latency.p99,
			avg: round(result.latency.average, 2),
			max: result.latency.max,
		},
		throughputKBps: round(result.throughput.average / 1024),
		expectStatus,
		unexpected: result.requests.total - expected + result.errors + mismatches,
		mismatches,
		errors: result.errors,
		timeouts: result.timeouts,
		statusCodes,
	};
}

export interface TimingMeasure {
	iterations: number;
	minMs: number;
	medianMs: number;
	meanMs: number;
	maxMs: number;
	runsMs: number[];
}

export async function measureTiming(spec: TimingSpec): Promise<TimingMeasure> {
	const iterations = Math.max(1, spec.iterations ?? 5);
	for (let i = 0; i < (spec.warmup ?? 1); i++) await spec.run();
	const runs: number[] = [];
	for (let i = 0; i < iterations; i++) {
		const started = performance.now();
		await spec.run();
		runs.push(performance.now() - started);
	}
	const sorted = [...runs].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	const median =
		sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
	return {
		iterations,
		minMs: round(sorted[0] as number, 2),
		medianMs: round(median, 2),
		meanMs: round(runs.reduce((a, b) => a + b, 0) / runs.length, 2),
		maxMs: round(sorted.at(-1) as number, 2),
		runsMs: runs.map((ms) => round(ms, 2)),
	};
}
