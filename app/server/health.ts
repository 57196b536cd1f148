import { timingSafeEqual } from "node:crypto";
import type { Router } from "express";
import { shippedMigrationCount } from "../../db/migrate";
import { queueSizes } from "../../jobs/boss";
import { pool } from "../lib/db.server";
import { resolveLocale, translate } from "../lib/i18n";
import { metrics } from "../lib/metrics.server";

export interface Lifecycle {
	draining: boolean;
}

interface DatabaseState {
	ok: boolean;
	migrationsApplied: number | null;
	checkedAt: number;
	error?: string;
}

/**
 * Database reachability, probed at most once a second and shared by /healthz and the page guard,
 * so a database outage turns into 503 answers (not hanging requests), and recovery is noticed
 * without a restart.
 */
export class DatabaseProbe {
	private state: DatabaseState = { ok: true, migrationsApplied: null, checkedAt: 0 };
	private pending: Promise<DatabaseState> | null = null;
	readonly migrationsShipped = shippedMigrationCount();

	async check(maxAgeMs = 1000): Promise<DatabaseState> {
		if (Date.now() - this.state.checkedAt < maxAgeMs) return this.state;
		this.pending ??= this.probe().finally(() => {
			this.pending = null;
		});
		return this.pending;
	}

	private async probe(): Promise<DatabaseState> {
		try {
			const result = await pool().query<{ applied: number }>("select count(*)::int as applied from drizzle.__drizzle_migrations");
			this.state = { ok: true, migrationsApplied: result.rows[0]?.applied ?? 0, checkedAt: Date.now() };
		} catch (error) {
			this.state = {
				ok: false,
				migrationsApplied: null,
				checkedAt: Date.now(),
				error: error instanceof Error ? error.message : "unknown",
			};
		}
		return this.state;
	}
}

export interface OperatorAccess {
	production: boolean;
	/** METRICS_TOKEN: when set, /metrics and the health details need `Authorization: Bearer <token>`. */
	metricsToken?: string;
}

/**
 * Who may read metrics and health details: the holder of the token when one is set; without one,
 * anybody in development and tests, and nobody in production (they tell an attacker the pool
 * size, queue depths, traffic by route and the schema version).
 */
export function mayReadOperatorData(access: OperatorAccess, authorization: string | undefined): boolean {
	if (!access.metricsToken) return !access.production;
	const given = Buffer.from(authorization ?? "");
	const expected = Buffer.from(`Bearer ${access.metricsToken}`);
	return given.length === expected.length && timingSafeEqual(given, expected);
}

export function mountHealthRoutes(
	router: Router,
	lifecycle: Lifecycle,
	probe: DatabaseProbe,
	access: OperatorAccess = { production: false },
): void {
	router.get("/livez", (_req, res) => {
		res.setHeader("Cache-Control", "no-store");
		if (lifecycle.draining) res.status(503).json({ status: "draining" });
		else res.json({ status: "ok" });
	});

	router.get("/healthz", async (req, res) => {
		res.setHeader("Cache-Control", "no-store");
		const state = await probe.check(0);
		const migrationsCurrent = state.ok && state.migrationsApplied === probe.migrationsShipped;
		const healthy = state.ok && migrationsCurrent && !lifecycle.draining;
		// The bare status is enough for probes and load balancers; the details are for operators.
		if (!mayReadOperatorData(access, req.headers.authorization)) {
			res.status(healthy ? 200 : 503).json({ status: healthy ? "ok" : "unavailable" });
			return;
		}
		res.status(healthy ? 200 : 503).json({
			status: healthy ? "ok" : "unavailable",
			database: state.ok ? "reachable" : "unreachable",
			migrations: { applied: state.migrationsApplied, expected: probe.migrationsShipped, current: migrationsCurrent },
			draining: lifecycle.draining,
		});
	});

	router.get("/metrics", async (req, res) => {
		if (!mayReadOperatorData(access, req.headers.authorization)) {
			const locale = resolveLocale(req.headers.cookie, req.headers["accept-language"]);
			res.setHeader("WWW-Authenticate", 'Bearer realm="metrics"');
			res.setHeader("Cache-Control", "no-store");
			res.status(401).json({ error: { code: "unauthorized", message: translate(locale, "errors.metricsTokenRequired") } });
			return;
		}
		const registry = metrics;
		const p = pool();
		registry.poolClients.set({ state: "total" }, p.totalCount);
		registry.poolClients.set({ state: "idle" }, p.idleCount);
		registry.poolClients.set({ state: "waiting" }, p.waitingCount);
		for (const [queue, size] of Object.entries(await queueSizes().catch(() => ({})))) {
			registry.queueSize.set({ queue }, size);
		}
		res.setHeader("Content-Type", registry.registry.contentType);
		res.send(await registry.registry.metrics());
	});
}
