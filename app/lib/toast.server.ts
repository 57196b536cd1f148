import { redirect } from "react-router";
import { z } from "zod";
import { isProduction } from "./config.server";
import { readCookie, setCookie, siteCookieName } from "./cookies";

/**
 * Flash toasts across redirects: a short-lived cookie set with the redirect and cleared by the
 * root loader that shows it. The message is an i18n key, so it is shown in the reader's language.
 */
const toastSchema = z.object({
	kind: z.enum(["success", "error", "info"]),
	messageKey: z.string().max(120),
});
export type Toast = z.infer<typeof toastSchema>;

/** `__Host-toast` in production, like the session cookie. */
const cookieName = (production = isProduction()) => siteCookieName("toast", production);

export function toastCookie(toast: Toast, production = isProduction()): string {
	const value = Buffer.from(JSON.stringify(toast)).toString("base64url");
	return setCookie(cookieName(production), value, { production, maxAgeSeconds: 60 });
}

export const hasPendingToast = (cookieHeader: string | null | undefined) => readCookie(cookieHeader, cookieName()) !== null;

export function redirectWithToast(url: string, toast: Toast, init: ResponseInit = {}): Response {
	const headers = new Headers(init.headers);
	headers.append("Set-Cookie", toastCookie(toast));
	return redirect(url, { ...init, headers });
}

/** Reads the pending toast, if any, and the header that clears it. */
export function takeToast(request: Request): { toast: Toast | null; clearHeader: string | null } {
	const raw = readCookie(request.headers.get("cookie"), cookieName());
	if (!raw) return { toast: null, clearHeader: null };
	const clearHeader = setCookie(cookieName(), "", { production: isProduction(), maxAgeSeconds: 0 });
	try {
		const parsed = toastSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
		return { toast: parsed.success ? parsed.data : null, clearHeader };
	} catch {
		return { toast: null, clearHeader };
	}
}
