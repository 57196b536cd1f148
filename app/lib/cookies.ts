import { parse, serialize } from "cookie-es";

/**
 * Our cookies, read and written in one place with cookie-es, the parser React Router's own
 * cookies use (instead of a `split(";")` in each module). Usable in the browser too: the language
 * is read from the same header on both sides.
 */
export function readCookie(header: string | null | undefined, name: string): string | null {
	if (!header) return null;
	return parse(header)[name] || null;
}

/**
 * The name a cookie of ours goes by. In production it is `__Host-` prefixed: the browser keeps
 * such a cookie only if it is Secure, has Path=/ and no Domain, so no subdomain and no plain-http
 * page can plant or shadow it. Development over http keeps the plain name (`__Host-` needs Secure).
 */
export function siteCookieName(name: string, production: boolean): string {
	return production ? `__Host-${name}` : name;
}

export interface CookieOptions {
	production: boolean;
	/** Seconds; 0 deletes the cookie. */
	maxAgeSeconds?: number;
	expires?: Date;
	/** Only for cookies that are not `__Host-` prefixed (those must have Path=/). */
	path?: string;
}

/** A Set-Cookie value: HttpOnly, SameSite=Lax (sent on top-level navigations back to us), Secure in production. */
export function setCookie(name: string, value: string, options: CookieOptions): string {
	return serialize(name, value, {
		path: options.path ?? "/",
		httpOnly: true,
		sameSite: "lax",
		secure: options.production,
		maxAge: options.maxAgeSeconds,
		expires: options.expires,
	});
}
