import { isProduction } from "~/lib/config.server";
import { readCookie as readCookieOf, setCookie } from "~/lib/cookies";
import { decrypt, encrypt, purposeBinding } from "~/lib/crypto.server";

/**
 * Short-lived values the browser (or the mobile app) carries for us between two requests:
 * encrypted and authenticated (AES-256-GCM), so they can be neither read nor altered, and
 * stamped with what they are and when they expire.
 */
export function seal(kind: string, value: object, lifetimeSeconds: number): string {
	return encrypt(JSON.stringify({ kind, exp: Date.now() + lifetimeSeconds * 1000, value }), purposeBinding(`sealed:${kind}`));
}

export function unseal<T>(kind: string, sealed: string | null | undefined): T | null {
	if (!sealed || sealed.length > 4096) return null;
	try {
		const parsed = JSON.parse(decrypt(sealed, purposeBinding(`sealed:${kind}`))) as { kind?: string; exp?: number; value?: T };
		if (parsed.kind !== kind || typeof parsed.exp !== "number" || parsed.exp < Date.now()) return null;
		return parsed.value ?? null;
	} catch {
		return null;
	}
}

export function readCookie(request: Request, name: string): string | null {
	return readCookieOf(request.headers.get("cookie"), name);
}

/** httpOnly, SameSite=Lax (sent on the provider's top-level redirect back), Secure in production. */
export function cookieHeader(name: string, value: string, options: { path: string; maxAgeSeconds: number }): string {
	return setCookie(name, value, { production: isProduction(), path: options.path, maxAgeSeconds: options.maxAgeSeconds });
}
