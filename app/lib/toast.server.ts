import { redirect } from "react-router";
import { z } from "zod";

/**
 * Flash toasts across redirects: a short-lived cookie set with the redirect and cleared by the
 * root loader that shows it. The message is an i18n key, so it is shown in the reader's language.
 */
const toastSchema = z.object({
	kind: z.enum(["success", "error", "info"]),
	messageKey: z.string().max(120),
});
export type Toast = z.infer<typeof toastSchema>;

const cookieName = "toast";

export function toastCookie(toast: Toast): string {
	const value = Buffer.from(JSON.stringify(toast)).toString("base64url");
	return `${cookieName}=${value}; Path=/; Max-Age=60; HttpOnly; SameSite=Lax`;
}

export function redirectWithToast(url: string, toast: Toast, init: ResponseInit = {}): Response {
	const headers = new Headers(init.headers);
	headers.append("Set-Cookie", toastCookie(toast));
	return redirect(url, { ...init, headers });
}

/** Reads the pending toast, if any, and the header that clears it. */
export function takeToast(request: Request): { toast: Toast | null; clearHeader: string | null } {
	const raw = request.headers
		.get("cookie")
		?.split(";")
		.map((part) => part.trim())
		.find((part) => part.startsWith(`${cookieName}=`))
		?.slice(cookieName.length + 1);
	if (!raw) return { toast: null, clearHeader: null };
	const clearHeader = `${cookieName}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`;
	try {
		const parsed = toastSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
		return { toast: parsed.success ? parsed.data : null, clearHeader };
	} catch {
		return { toast: null, clearHeader };
	}
}
