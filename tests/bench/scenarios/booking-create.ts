import { defineScenario } from "../harness";
import { bookingBody, demoPlayerToken, freeBookableTimes, releaseBookings } from "./_booking";
import { ensureScaleCoaches } from "./_scale";

/**
 * Booking creation through the API for times that never overlap: each request books another
 * coach's free hour (100,000 synthetic coaches), with the exclusion constraint, the event log,
 * the notifications and the search summary rewrite in its transaction, as a player's booking has.
 */
export default defineScenario({
	name: "booking-create",
	description: "POST /api/v1/bookings, a different free time of a different coach each request (bearer token)",
	order: 60,
	budget: { minRps: 400, p99UnderMs: 150 },
	// The budget is for 10 players booking at once; at 50 connections two cores only queue the requests.
	connections: 10,
	async setup(baseUrl, ctx) {
		await ensureScaleCoaches(ctx);
		const since = new Date();
		ctx.onCleanup(() => releaseBookings(ctx, since));
		const token = await demoPlayerToken(baseUrl);
		// Enough for 30 s at well over the budget; 20,000 coaches, a time on each of their working days.
		const times = await freeBookableTimes(ctx, 20_000);
		ctx.log(`${times.length} free times prepared`);
		let next = 1;
		return {
			path: "/api/v1/bookings",
			method: "POST",
			headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "accept-language": "zh-CN" },
			body: bookingBody(times[0] as (typeof times)[number]),
			expectStatus: 201,
			setupRequest: (request) => {
				const time = times[next++ % times.length];
				return time ? { ...request, body: bookingBody(time) } : request;
			},
		};
	},
});
