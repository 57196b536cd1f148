import { defineScenario } from "../harness";
import { demoPlayerToken } from "./_booking";

/** A booking's page as its player opens it (/me/bookings/:id), another of the player's bookings every request. */
export default defineScenario({
	name: "booking-page",
	description: "GET /me/bookings/:id signed in (br, zh-CN), the demo player's bookings in turn",
	order: 51,
	async setup(baseUrl) {
		const token = await demoPlayerToken(baseUrl);
		const response = await fetch(`${baseUrl}/api/v1/bookings?role=player`, { headers: { authorization: `Bearer ${token}` } });
		if (!response.ok) throw new Error(`listing the demo player's bookings failed: ${response.status}`);
		const ids = ((await response.json()) as { items: Array<{ id: string }> }).items.map((item) => item.id).slice(0, 50);
		if (ids.length === 0) throw new Error("the demo player has no booking: the bench app seeds demo data");
		let next = 0;
		const path = () => `/me/bookings/${ids[next++ % ids.length]}`;
		return {
			path: path(),
			headers: {
				cookie: `cp_session=${token}`,
				accept: "text/html",
				"accept-encoding": "gzip, deflate, br",
				"accept-language": "zh-CN",
			},
			setupRequest: (request) => ({ ...request, path: path() }),
		};
	},
});
