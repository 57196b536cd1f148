import { data } from "react-router";
import { getUserSession } from "~/modules/accounts/guards.server";
import { paymentFeed } from "~/modules/payments/live.server";
import { getPayment } from "~/modules/payments/read-payment.server";
import type { Route } from "./+types/payment-live";

/** The payer's live feed of one payment (Server-Sent Events): the result page waits on it. Others get 401/404. */
export async function loader({ request, params }: Route.LoaderArgs) {
	const session = await getUserSession(request);
	if (!session) throw data(null, { status: 401 });
	await getPayment({ caller: { userId: session.user.id, roles: session.roles }, paymentId: params.paymentId }).catch(() => {
		throw data(null, { status: 404 });
	});
	return paymentFeed(request, params.paymentId);
}
