import { z } from "zod";
import { recordConsent } from "~/modules/accounts/consent.server";
import { requireApiSession } from "~/modules/accounts/guards.server";
import { authHeaders } from "../client";
import { defineEndpoint } from "../endpoint";

export const recordMyConsent = defineEndpoint({
	method: "post",
	path: "/me/consent",
	summary:
		"Agree to the current user agreement and privacy policy (/terms, /privacy). Until then every other signed-in call but GET /me, " +
		"logout, account deletion and the data export answers 403 `consent_required` with the current `termsVersion`",
	tag: "me",
	auth: "bearer",
	withoutConsent: true,
	body: z.object({ version: z.string({ error: "legal.consent.required" }).min(1, "legal.consent.required").max(20) }),
	responses: {
		200: {
			description: "Recorded",
			schema: z.object({ termsVersion: z.string(), acceptedAt: z.string() }),
		},
		400: { description: "No version" },
		401: { description: "Not signed in" },
		403: { description: "`consent_required`: the version is not the current one (given in the answer's `termsVersion`)" },
	},
	handler: async ({ body, req }) => {
		const session = await requireApiSession(authHeaders(req), { withoutConsent: true });
		const recorded = await recordConsent({ userId: session.user.id, version: body.version });
		return { body: { termsVersion: recorded.termsVersion, acceptedAt: recorded.acceptedAt.toISOString() } };
	},
});
