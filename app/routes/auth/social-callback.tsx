import { finishSocialCallback } from "~/modules/accounts/social/web-flow.server";
import type { Route } from "./+types/social-callback";

/** GET /auth/:provider/callback: the provider sends the browser back here with a code and our state. */
export function loader({ request, params, context }: Route.LoaderArgs) {
	return finishSocialCallback(request, context, params.provider);
}
