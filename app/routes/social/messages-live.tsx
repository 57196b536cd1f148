import { data } from "react-router";
import { getUserSession } from "~/modules/accounts/guards.server";
import { messageFeed } from "~/modules/community/messages/live.server";
import type { Route } from "./+types/messages-live";

/** The signed-in user's message feed (Server-Sent Events): ids of new messages to or from them. */
export async function loader({ request }: Route.LoaderArgs) {
	const session = await getUserSession(request);
	if (!session) throw data(null, { status: 401 });
	return messageFeed(request, session.user.id);
}
