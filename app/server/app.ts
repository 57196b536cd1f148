import { randomUUID } from "node:crypto";
import { join } from "node:path";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import { RouterContextProvider, type ServerBuild } from "react-router";
import type { ViteDevServer } from "vite";
import { videoConnectSources } from "~/modules/booking/online-lesson/livekit.server";
import { apiRouter } from "../api/router";
import { isProduction, settings } from "../lib/config.server";
import { knownError } from "../lib/errors";
import { resolveLocale, translate } from "../lib/i18n";
import { logger } from "../lib/logger.server";
import { metrics } from "../lib/metrics.server";
import { requestInfoContext } from "../lib/request-context.server";
import { filesRouter } from "./files-routes";
import { DatabaseProbe, type Lifecycle, mountHealthRoutes } from "./health";
import { originCheck } from "./origin-check";
import { anonymousPageCache } from "./page-cache";
import { pageRequestHandler } from "./page-handler";
import { refuseUnknownMethods, trustedProxies } from "./request-guards";
import { securityHeaders } from "./security-headers";
import { type ErrorPageStatus, unavailablePage } from "./unavailable-page";

export interface AppOptions {
	lifecycle: Lifecycle;
	/** The built server bundle (production) or a Vite dev server (npm run dev). */
	build?: ServerBuild | (() => Promise<ServerBuild>);
	vite?: ViteDevServer;
	buildDir?: string;
	/** Extra routers mounted before the pages (e.g. the development outbox). */
	extraRouters?: express.Router[];
}

/** The HTTP application: platform routes, the JSON API, then the React Router pages. */
export function createApp(options: AppOptions): express.Express {
	const app = express();
	const probe = new DatabaseProbe();
	app.disable("x-powered-by");
	// X-Forwarded-For counts only from the proxies named in TRUSTED_PROXIES (none by default):
	// a client that could name its own address would pick its rate limits and the logged IP.
	app.set("trust proxy", trustedProxies(settings().TRUSTED_PROXIES));

	app.use((req, res, next) => {
		const incoming = req.headers["x-request-id"];
		const requestId = typeof incoming === "string" && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
		res.locals.requestId = requestId;
		res.setHeader("X-Request-Id", requestId);
		const started = process.hrtime.bigint();
		res.on("finish", () => {
			const route = routeLabel(req, res);
			const seconds = Number(process.hrtime.bigint() - started) / 1e9;
			metrics.httpRequests.inc({ route, method: req.method, status: String(res.statusCode) });
			metrics.httpDuration.observe({ route, method: req.method }, seconds);
			if (route === "/livez" || route === "/metrics") return;
			logger.info(
				{
					requestId,
					method: req.method,
					path: req.originalUrl.split("?")[0],
					status: res.statusCode,
					ms: Math.round(seconds * 1000),
					route,
				},
				"request",
			);
		});
		next();
	});

	app.use(
		securityHeaders({ production: isProduction(), development: Boolean(options.vite), connectSources: videoConnectSources() }),
	);
	app.use(refuseUnknownMethods);
	// Gzip 6, never brotli: pages stream out in React's small chunks, and streamed brotli is larger
	// and slower than gzip (a 30 KB page in 4 KB writes: brotli 4 7.5 KB for 2.3 ms of CPU, brotli 1
	// 11.8 KB, gzip 6 7.4 KB for 1.3 ms; decision 024). The middleware cannot turn brotli off, so it is
	// not offered to it. Off behind an ingress that compresses.
	if (settings().HTTP_COMPRESSION === "app") app.use(withoutBrotli, compression({ threshold: 1024 }));
	app.use(originCheck(settings().APP_URL));

	const platform = express.Router();
	mountHealthRoutes(platform, options.lifecycle, probe, { production: isProduction(), metricsToken: settings().METRICS_TOKEN });
	app.use(platform);

	app.use("/api/v1", databaseGuard(probe, "json"), apiRouter());
	app.use(filesRouter());
	for (const router of options.extraRouters ?? []) app.use(router);

	if (options.vite) {
		app.use(options.vite.middlewares);
	} else {
		const clientDir = join(options.buildDir ?? "build", "client");
		// Hashed file names never change content: cache them for a year.
		app.use("/assets", express.static(join(clientDir, "assets"), { immutable: true, maxAge: "1y", index: false }));
		app.use(express.static(clientDir, { maxAge: "1h", index: false }));
	}

	const build = options.build ?? (() => options.vite?.ssrLoadModule("virtual:react-router/server-build") as Promise<ServerBuild>);
	app.all(
		"/{*splat}",
		databaseGuard(probe, "page"),
		anonymousPageCache({ paths: ["/"], ttlMs: 5_000 }),
		// React Router flushes after every chunk it writes; through brotli or gzip that means many
		// tiny compressed frames and several times the CPU. Pages render whole (no streamed
		// Suspense yet), so one compressed stream per response is both faster and smaller.
		(_req: Request, res: Response, next: NextFunction) => {
			res.flush = () => {};
			next();
		},
		pageRequestHandler({
			build,
			mode: options.vite ? "development" : "production",
			getLoadContext: (req, res) => {
				res.locals.metrics = {};
				return new RouterContextProvider(
					new Map([
						[
							requestInfoContext,
							{
								requestId: res.locals.requestId as string,
								cspNonce: res.locals.cspNonce as string,
								clientIp: req.ip ?? "",
								metrics: res.locals.metrics,
							},
						],
					]),
				);
			},
		}),
	);

	app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
		const known = knownError(error);
		if (!known) logger.error({ err: error, requestId: res.locals.requestId }, "unhandled request error");
		if (res.headersSent) return;
		const locale = resolveLocale(req.headers.cookie, req.headers["accept-language"]);
		const status = known && [400, 405, 413, 415, 503].includes(known.status) ? (known.status as ErrorPageStatus) : 500;
		res.status(status).type("html").send(unavailablePage(locale, status));
	});
	return app;
}

function withoutBrotli(req: Request, _res: Response, next: NextFunction) {
	const accepted = req.headers["accept-encoding"];
	if (accepted?.includes("br")) req.headers["accept-encoding"] = accepted.replace(/\bbr\b(;q=[\d.]+)?,?\s*/gi, "");
	next();
}

/** Metrics labels by route pattern, never by raw path (which would explode the series count). */
function routeLabel(req: Request, res: Response): string {
	if (req.baseUrl === "/api/v1" && req.route?.path) return `/api/v1${req.route.path}`;
	if (req.path.startsWith("/api/")) return "/api/v1 unmatched";
	const pageRoute = (res.locals.metrics as { route?: string } | undefined)?.route;
	if (pageRoute) return `page:${pageRoute}`;
	if (req.path.startsWith("/assets/")) return "/assets";
	if (["/livez", "/healthz", "/metrics"].includes(req.path)) return req.path;
	return req.path.endsWith(".data") ? "page data" : "other";
}

/**
 * While the database is unreachable, pages get a friendly 503 and the API a JSON 503 at once,
 * instead of hanging on the pool. The probe is cached for a second, so recovery is automatic.
 */
function databaseGuard(probe: DatabaseProbe, kind: "json" | "page") {
	return async (req: Request, res: Response, next: NextFunction) => {
		if (kind === "page" && (req.path.startsWith("/assets/") || req.path === "/favicon.ico")) return next();
		const state = await probe.check();
		if (state.ok) return next();
		const locale = resolveLocale(req.headers.cookie, req.headers["accept-language"]);
		res.setHeader("Retry-After", "5");
		if (kind === "json") {
			res.status(503).json({ error: { code: "service_unavailable", message: translate(locale, "errors.serviceUnavailable") } });
		} else {
			res.status(503).type("html").send(unavailablePage(locale, 503));
		}
	};
}
