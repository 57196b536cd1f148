import client from "prom-client";
import { singleton } from "./singleton.server";

/** Prometheus metrics of this process, served at /metrics. */
export const metrics = singleton("metrics", () => {
	const registry = new client.Registry();
	client.collectDefaultMetrics({ register: registry });
	const httpRequests = new client.Counter({
		name: "http_requests_total",
		help: "HTTP requests by route, method and status",
		labelNames: ["route", "method", "status"] as const,
		registers: [registry],
	});
	const httpDuration = new client.Histogram({
		name: "http_request_duration_seconds",
		help: "HTTP request duration by route and method",
		labelNames: ["route", "method"] as const,
		buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
		registers: [registry],
	});
	const queueSize = new client.Gauge({
		name: "jobs_queue_size",
		help: "Jobs waiting per pg-boss queue",
		labelNames: ["queue"] as const,
		registers: [registry],
	});
	const poolClients = new client.Gauge({
		name: "db_pool_clients",
		help: "Database pool clients by state",
		labelNames: ["state"] as const,
		registers: [registry],
	});
	return { registry, httpRequests, httpDuration, queueSize, poolClients };
});
