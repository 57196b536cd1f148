import { requireApiSession } from "~/modules/accounts/guards.server";
import { publicUserSchema } from "~/modules/accounts/schema";
import { toPublicUser } from "~/modules/accounts/users.server";
import { authHeaders } from "../client";
import { defineEndpoint } from "../endpoint";

export const getMe = defineEndpoint({
	method: "get",
	path: "/me",
	summary: "The signed-in user and their roles",
	tag: "me",
	auth: "bearer",
	withoutConsent: true,
	responses: { 200: { description: "The user", schema: publicUserSchema }, 401: { description: "Not signed in" } },
	handler: async ({ req }) => {
		const session = await requireApiSession(authHeaders(req), { withoutConsent: true });
		return { body: await toPublicUser(session.user) };
	},
});
