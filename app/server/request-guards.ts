import type { NextFunction, Request, Response } from "express";
import { splitList } from "../lib/config.server";
import { resolveLocale, translate } from "../lib/i18n";
import { unavailablePage } from "./unavailable-page";

/**
 * Express' `trust proxy` from the TRUSTED_PROXIES setting: the listed addresses and ranges, or
 * nobody. Never "any private address": inside a cluster every pod has one, and a pod that is not
 * the ingress could then tell us any client address it likes.
 */
export function trustedProxies(setting: string): string[] | false {
	const entries = splitList(setting);
	return entries.length > 0 ? entries : false;
}

const knownMethods = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * TRACE, TRACK, CONNECT and invented methods get 405 here, in the usual shape: nothing behind
 * serves them, and React Router cannot even build a request for TRACE (a 500 before this).
 */
export function refuseUnknownMethods(req: Request, res: Response, next: NextFunction): void {
	if (knownMethods.has(req.method)) {
		next();
		return;
	}
	const locale = resolveLocale(req.headers.cookie, req.headers["accept-language"]);
	res.setHeader("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
	if (req.path.startsWith("/api/")) {
		res.status(405).json({ error: { code: "method_not_allowed", message: translate(locale, "errors.methodNotAllowed") } });
	} else {
		res.status(405).type("html").send(unavailablePage(locale, 405));
	}
}
