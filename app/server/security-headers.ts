import { randomBytes } from "node:crypto";
import type { RequestHandler } from "express";

/**
 * Security headers for every response. Scripts run only with the per-response nonce; nothing may
 * frame the site. The development server needs inline styles and a websocket for hot reload.
 */
export function securityHeaders(options: {
	production: boolean;
	development: boolean;
	/** Further origins pages may connect to (the LiveKit server of online lessons). */
	connectSources?: string[];
}): RequestHandler {
	return (_req, res, next) => {
		const nonce = randomBytes(16).toString("base64");
		res.locals.cspNonce = nonce;
		const scriptSrc = options.development ? `'self' 'nonce-${nonce}' 'unsafe-eval'` : `'self' 'nonce-${nonce}'`;
		const connectSrc = [options.development ? "'self' ws: wss:" : "'self'", ...(options.connectSources ?? [])].join(" ");
		res.setHeader(
			"Content-Security-Policy",
			[
				"default-src 'self'",
				`script-src ${scriptSrc}`,
				"style-src 'self' 'unsafe-inline'",
				"img-src 'self' data: blob: https:",
				"font-src 'self' data:",
				`connect-src ${connectSrc}`,
				"media-src 'self' blob: https:",
				"object-src 'none'",
				"base-uri 'self'",
				"form-action 'self'",
				"frame-ancestors 'none'",
			].join("; "),
		);
		res.setHeader("X-Content-Type-Options", "nosniff");
		res.setHeader("X-Frame-Options", "DENY");
		res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
		res.setHeader("Permissions-Policy", "camera=(self), microphone=(self), geolocation=(self), payment=(self)");
		res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
		if (options.production) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
		next();
	};
}
