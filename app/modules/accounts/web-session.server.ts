import type { RouterContextProvider } from "react-router";
import { redirect } from "react-router";
import { requestInfo } from "~/lib/request-context.server";
import { safeSitePath } from "~/lib/safe-redirect";
import { redirectWithToast, type Toast } from "~/lib/toast.server";
import type { ClientInfo } from "./sessions.server";
import { sessionCookie } from "./sessions.server";
import type { SignInResult } from "./sign-in.server";

/** Who is calling a page action, as recorded on a new session. */
export function clientOfPage(request: Request, context: Readonly<RouterContextProvider>): ClientInfo {
	return { ip: requestInfo(context).clientIp, userAgent: request.headers.get("user-agent") };
}

/** Only paths on this site, so a `redirectTo` can never send someone elsewhere (see safeSitePath). */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback = "/me"): string {
	return safeSitePath(target, fallback);
}

/** After a successful sign-in on a page: set the session cookie and go on (or to the second factor). */
export function signedInRedirect(result: SignInResult, redirectTo: string, toast: Toast): Response {
	const headers = { "Set-Cookie": sessionCookie(result.token, result.expiresAt) };
	if (result.secondFactorRequired) {
		return redirect(`/login/two-factor?redirectTo=${encodeURIComponent(redirectTo)}`, { headers });
	}
	return redirectWithToast(redirectTo, toast, { headers });
}
