import type { NextFunction, Request, Response } from "express";
import { resolveLocale } from "../lib/i18n";
import { hasPendingToast } from "../lib/toast.server";
import { sessionTokenOfCookies } from "../modules/accounts/sessions.server";

/**
 * A micro-cache for pages that are the same for every signed-out visitor (the home page): the
 * rendered HTML is kept for a few seconds per path and language, and each response still gets its
 * own CSP nonce (the cached copy holds a placeholder that is replaced per response). Anyone with a
 * session or a pending toast, and every non-GET request, bypasses it.
 */
const placeholder = "__CUEPAL_NONCE__";

interface Entry {
	html: string;
	status: number;
	expiresAt: number;
}

export function anonymousPageCache(options: { paths: string[]; ttlMs: number; maxEntries?: number }) {
	const entries = new Map<string, Entry>();
	const cacheable = new Set(options.paths);
	return (req: Request, res: Response, next: NextFunction) => {
		const cookies = req.headers.cookie ?? "";
		if (req.method !== "GET" || !cacheable.has(req.path) || sessionTokenOfCookies(cookies) || hasPendingToast(cookies))
			return next();
		const key = `${resolveLocale(cookies, req.headers["accept-language"])} ${req.originalUrl}`;
		const nonce = res.locals.cspNonce as string;
		const hit = entries.get(key);
		res.setHeader("Vary", "Accept-Language, Cookie");
		if (hit && hit.expiresAt > Date.now()) {
			res.locals.metrics = { route: `cached:${req.path}` };
			res.status(hit.status).type("html").setHeader("X-Page-Cache", "hit");
			res.end(hit.html.replaceAll(placeholder, nonce));
			return;
		}
		// Miss: let the page render, keeping a copy of what it writes.
		const chunks: Buffer[] = [];
		const write = res.write.bind(res) as (...args: unknown[]) => boolean;
		const end = res.end.bind(res) as (...args: unknown[]) => Response;
		res.write = ((chunk: unknown, ...rest: unknown[]) => {
			if (chunk) chunks.push(Buffer.from(chunk as Buffer));
			return write(chunk, ...rest);
		}) as Response["write"];
		res.end = ((chunk?: unknown, ...rest: unknown[]) => {
			if (chunk && typeof chunk !== "function") chunks.push(Buffer.from(chunk as Buffer));
			if (res.statusCode === 200 && !res.getHeader("set-cookie")) {
				if (entries.size >= (options.maxEntries ?? 100)) entries.delete(entries.keys().next().value as string);
				entries.set(key, {
					html: Buffer.concat(chunks).toString("utf8").replaceAll(nonce, placeholder),
					status: res.statusCode,
					expiresAt: Date.now() + options.ttlMs,
				});
			}
			return end(chunk, ...rest);
		}) as Response["end"];
		res.setHeader("X-Page-Cache", "miss");
		next();
	};
}
