import type { NextFunction, Request, Response } from "express";
import { resolveLocale, translate } from "../lib/i18n";
import { sessionTokenOfCookies } from "../modules/accounts/sessions.server";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF protection: a state-changing request from a browser must come from this site's own pages.
 * Browsers send Origin on such requests; a request with a session cookie but neither Origin nor
 * Referer is refused too. Callers without cookies (the mobile app's Bearer tokens) are not
 * exposed to CSRF and pass.
 */
export function originCheck(appUrl: string | undefined) {
	const trusted = appUrl ? new URL(appUrl).origin : null;
	return (req: Request, res: Response, next: NextFunction) => {
		if (safeMethods.has(req.method)) return next();
		const ownOrigin = `${req.protocol}://${req.headers.host}`;
		const claimed = req.headers.origin ?? originOf(req.headers.referer);
		const allowed = (origin: string) => origin === ownOrigin || origin === trusted;
		const carriesSession = sessionTokenOfCookies(req.headers.cookie) !== null;
		if (claimed ? allowed(claimed) : !carriesSession) return next();
		const locale = resolveLocale(req.headers.cookie, req.headers["accept-language"]);
		const message = translate(locale, "errors.forbidden");
		if (req.path.startsWith("/api/")) res.status(403).json({ error: { code: "forbidden", message } });
		else res.status(403).type("text/plain").send(message);
	};
}

function originOf(referer: string | undefined): string | undefined {
	if (!referer) return undefined;
	try {
		return new URL(referer).origin;
	} catch {
		return undefined;
	}
}
