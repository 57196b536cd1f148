import { defineScenario } from "../harness";

/** One argon2id verification as a sign-in pays it (budget: 50–150 ms on these machines). */
export default defineScenario({
	kind: "timing",
	name: "password-verify",
	description: "argon2id verification of one password with the production costs",
	order: 60,
	async setup() {
		const { hashPassword, verifyPassword } = await import("../../../app/modules/accounts/password.server");
		const hash = await hashPassword("Demo@2026");
		return { run: () => verifyPassword(hash, "Demo@2026"), iterations: 10, warmup: 2 };
	},
});
