import express, { type NextFunction, type Request, type Response, Router } from "express";
import { AppError } from "~/lib/errors";
import { resolveLocale } from "~/lib/i18n";
import { parseOrThrow } from "~/lib/validation";
import { requireApiSession } from "~/modules/accounts/guards.server";
import { can } from "~/modules/accounts/permissions";
import { authHeaders } from "./client";
import type { Endpoint } from "./endpoint";
import { sendApiError } from "./error-response";
import { buildOpenApiDocument } from "./openapi";
import { endpoints } from "./v1";

export const apiLocale = (req: Request) => resolveLocale(req.headers.cookie, req.headers["accept-language"]);

const jsonBody = express.json({ limit: "100kb", strict: true, type: () => true });

/** Bodies must be JSON: anything else is refused before it is parsed. */
function requireJson(req: Request, _res: Response, next: NextFunction) {
	const hasBody = Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;
	if (hasBody && !req.is("application/json")) {
		next(new AppError(415, "unsupported_media_type", "errors.unsupportedMediaType"));
		return;
	}
	next();
}

function mount(router: Router, endpoint: Endpoint<unknown, unknown, unknown>) {
	const handlers = endpoint.body ? [requireJson, jsonBody] : [];
	router[endpoint.method](endpoint.path, ...handlers, async (req: Request, res: Response, next: NextFunction) => {
		try {
			const locale = apiLocale(req);
			// Who may call comes before what they sent: a stranger learns nothing from a 400.
			if (endpoint.auth === "bearer") {
				const session = await requireApiSession(authHeaders(req), { withoutConsent: endpoint.withoutConsent });
				const permission = endpoint.permission;
				if (permission && !can(session.roles, permission.name)) {
					const refusal = permission.refusal ?? { code: "forbidden" as const, messageKey: "errors.forbidden" };
					throw new AppError(403, refusal.code, refusal.messageKey);
				}
			}
			const result = await endpoint.handler({
				body: endpoint.body ? parseOrThrow(endpoint.body, req.body ?? {}) : undefined,
				query: endpoint.query ? parseOrThrow(endpoint.query, req.query) : undefined,
				params: endpoint.params ? parseOrThrow(endpoint.params, req.params) : undefined,
				locale,
				req,
				res,
			});
			for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
			res.setHeader("Cache-Control", "no-store");
			if (result.text)
				res
					.status(result.status ?? 200)
					.type(result.text.contentType)
					.send(result.text.content);
			else if (result.body === undefined) res.status(result.status ?? 204).end();
			else res.status(result.status ?? 200).json(result.body);
		} catch (error) {
			next(error);
		}
	});
}

/** `/api/v1`: the JSON API for the mobile app and the mini-program, over the same services as the pages. */
export function apiRouter(): Router {
	const router = Router();
	const document = buildOpenApiDocument(endpoints);
	router.get("/openapi.json", (_req, res) => {
		res.json(document);
	});
	for (const endpoint of endpoints) mount(router, endpoint as Endpoint<unknown, unknown, unknown>);
	// Unknown paths and wrong methods answer in JSON, never with an HTML page.
	router.use((req, _res, next) => {
		const known = endpoints.some((endpoint) => matchesPath(endpoint.path, req.path));
		next(
			known
				? new AppError(405, "method_not_allowed", "errors.methodNotAllowed")
				: new AppError(404, "not_found", "errors.apiNotFound"),
		);
	});
	router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
		sendApiError(res, error, apiLocale(req), res.locals.requestId as string | undefined);
	});
	return router;
}

function matchesPath(pattern: string, path: string): boolean {
	const regex = new RegExp(`^${pattern.replace(/:[A-Za-z]+/g, "[^/]+")}/?$`);
	return regex.test(path);
}
