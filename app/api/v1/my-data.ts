import { z } from "zod";
import { requireApiSession } from "~/modules/accounts/guards.server";
import { exportFileName, exportMyData } from "~/modules/my-data/export-my-data.server";
import { authHeaders } from "../client";
import { defineEndpoint } from "../endpoint";

const record = z.record(z.string(), z.unknown());

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
			// Each part a list of plain records: the export follows the tables, and grows with them.
			schema: z.object({
				exportedAt: z.string(),
				format: z.literal("cuepal-personal-data/1"),
				moneyUnit: z.literal("fen"),
				currentTermsVersion: z.string(),
				profile: record,
				consent: z.object({ termsVersion: z.string().nullable(), acceptedAt: z.string().nullable() }),
				socialIdentities: z.array(record),
				sessions: z.array(record),
				notifications: z.array(record),
				bookings: z.array(record).describe("Each with coachName, the coach's public name"),
				payments: z.array(record).describe("Each with its refunds"),
				payoutAccounts: z.array(record).describe("Masked: only the last digits"),
				reviewsWritten: z.array(record),
				lessonRecords: z.array(record),
				practiceLog: z.array(record),
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
