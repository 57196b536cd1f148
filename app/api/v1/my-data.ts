import { z } from "zod";
import { requireApiSession } from "~/modules/accounts/guards.server";
import { exportFileName, exportMyData } from "~/modules/my-data/export-my-data.server";
import { authHeaders } from "../client";
import { defineEndpoint } from "../endpoint";

export const exportMyDataEndpoint = defineEndpoint({
	method: "get",
	path: "/me/export",
	summary:
		"The signed-in user's own data as one JSON document: profile, consent, sign-in methods, sessions, notifications, bookings " +
		"(with their coaches' public names), payments and refunds, payout accounts (masked), reviews written, lesson records and practice log. " +
		"Audited; one per user every 5 minutes",
	tag: "me",
	auth: "bearer",
	withoutConsent: true,
	responses: {
		200: {
			description: "The export (amounts in fen); sent as an attachment",
			schema: z.object({
				exportedAt: z.string(),
				format: z.literal("cuepal-personal-data/1"),
				moneyUnit: z.literal("fen"),
				currentTermsVersion: z.string(),
				profile: z.object({ id: z.string() }).passthrough(),
				consent: z.object({ termsVersion: z.string().nullable(), acceptedAt: z.string().nullable() }),
				socialIdentities: z.array(z.object({ provider: z.string() }).passthrough()),
				sessions: z.array(z.object({}).passthrough()),
				notifications: z.array(z.object({ kind: z.string() }).passthrough()),
				bookings: z.array(z.object({ id: z.string(), coachName: z.string().nullable() }).passthrough()),
				payments: z.array(z.object({ id: z.string(), amountFen: z.number() }).passthrough()),
				payoutAccounts: z.array(z.object({ masked: z.string() }).passthrough()),
				reviewsWritten: z.array(z.object({ bookingId: z.string() }).passthrough()),
				lessonRecords: z.array(z.object({ bookingId: z.string() }).passthrough()),
				practiceLog: z.array(z.object({ drillId: z.string() }).passthrough()),
			}),
		},
		401: { description: "Not signed in" },
		429: { description: "Exported within the last 5 minutes; see Retry-After" },
	},
	handler: async ({ req }) => {
		const session = await requireApiSession(authHeaders(req), { withoutConsent: true });
		return {
			headers: { "Content-Disposition": `attachment; filename="${exportFileName()}"` },
			body: await exportMyData(session.user),
		};
	},
});
