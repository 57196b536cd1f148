import { defineScenario } from "../harness";

/** The liveness probe: Express and the app's middleware (request id, metrics, security headers), no page. */
export default defineScenario({
	name: "livez",
	description: "GET /livez (what a load balancer polls)",
	order: 20,
	setup: () => ({ path: "/livez" }),
});
