import { startSocialSignIn } from "~/modules/accounts/social/web-flow.server";
import type { Route } from "./+types/social-start";

/** GET /auth/:provider/start → the provider's QR or authorisation page. */
export function loader({ request, params }: Route.LoaderArgs) {
	return startSocialSignIn(request, params.provider);
}
