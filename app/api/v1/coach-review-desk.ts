import { z } from "zod";
import { requireApiPermission } from "~/modules/accounts/guards.server";
import { reviewDeskOfUser } from "~/modules/coaches/reviews/coach-reviews.server";
import { authHeaders } from "../client";
import { defineEndpoint } from "../endpoint";
import { ratingSummarySchema, reviewSchema } from "./lesson-reviews";

/** The coach's own reviews: all of them (held and hidden marked), the summary and the monthly trend. */
const deskSchema = z.object({
	items: z.array(
		reviewSchema.extend({
			status: z.enum(["published", "held", "hidden"]).describe("held and hidden reviews are the coach's to see only"),
			replyStatus: z
				.enum(["published", "held", "hidden"])
				.nullable()
				.describe("The coach's own reply is shown to them whatever its status: held (审核中) until a moderator publishes it"),
		}),
	),
	summary: ratingSummarySchema,
	trend: z
		.array(z.object({ month: z.string().describe("YYYY-MM, Shanghai"), count: z.number().int(), average: z.number().nullable() }))
		.describe("The last 12 months, oldest first: published reviews and their mean overall stars (null without any)"),
});

export const getMyReviewDesk = defineEndpoint({
	method: "get",
	path: "/coach/reviews",
	summary: "My reviews as a coach: every review newest first (held and hidden marked), averages per aspect, stars, monthly trend",
	tag: "coach",
	auth: "bearer",
	responses: {
		200: { description: "My reviews", schema: deskSchema },
		401: { description: "Not signed in" },
		403: { description: "Not a coach" },
	},
	handler: async ({ req }) => {
		const session = await requireApiPermission(authHeaders(req), "read:coach-profile:own");
		return { body: await reviewDeskOfUser(session.user.id) };
	},
});
