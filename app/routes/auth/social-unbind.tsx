import { redirect } from "react-router";
import { unbindFromPage } from "~/modules/accounts/social/web-flow.server";
import type { Route } from "./+types/social-unbind";

/** POST /auth/:provider/unbind (the security page's unbind form). */
export function action({ request, params }: Route.ActionArgs) {
	return unbindFromPage(request, params.provider);
}

export function loader() {
	return redirect("/me/security");
}
