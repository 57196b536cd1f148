import { defineScenario } from "../harness";

/** A signed-in page (/me): session lookup by token hash, roles, unread count, render. */
export default defineScenario({
	name: "authenticated-page",
	description: "GET /me with a session cookie (br, zh-CN)",
	order: 50,
	async setup(baseUrl) {
		const response = await fetch(`${baseUrl}/api/v1/auth/password-login`, {
			method: "POST",
			headers: { "content-type": "application/json" },
			body: JSON.stringify({ identifier: "13800000003", password: "Demo@2026" }),
		});
		if (!response.ok) throw new Error(`sign-in for the bench failed: ${response.status}`);
		const { token } = (await response.json()) as { token: string };
		return {
			path: "/me",
			headers: { cookie: `cp_session=${token}`, "accept-encoding": "gzip, deflate, br", "accept-language": "zh-CN" },
			expectStatus: 200,
		};
	},
});
