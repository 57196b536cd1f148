import { redirect } from "react-router";
import { redirectWithToast } from "~/lib/toast.server";
import { getSession } from "~/modules/accounts/guards.server";
import { clearedSessionCookie, revokeSession } from "~/modules/accounts/sessions.server";
import type { Route } from "./+types/logout";

export async function action({ request }: Route.ActionArgs) {
	const session = await getSession(request);
	if (session) await revokeSession(session.sessionId);
	return redirectWithToast(
		"/",
		{ kind: "info", messageKey: "accounts.login.signedOut" },
		{ headers: { "Set-Cookie": clearedSessionCookie() } },
	);
}

export function loader() {
	return redirect("/me");
}
