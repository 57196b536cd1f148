import { data } from "react-router";
import { getUserSession } from "~/modules/accounts/guards.server";
import { coachBookingFeed } from "~/modules/booking/live.server";
import { getMyCoachStatus } from "~/modules/coaches/dashboard/get-dashboard.server";
import type { Route } from "./+types/orders-live";

/**
 * The coach's live feed (Server-Sent Events): ids and statuses of their bookings as they change,
 * on whichever instance the change was made. Only the signed-in coach's own topic; others get 401/404.
 */
export async function loader({ request }: Route.LoaderArgs) {
	const session = await getUserSession(request);
	if (!session) throw data(null, { status: 401 });
	const coach = await getMyCoachStatus(session.user.id);
	if (!coach) throw data(null, { status: 404 });
	return coachBookingFeed(request, coach.id);
}
