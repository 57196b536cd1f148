import type { Request } from "express";
import { z } from "zod";
import { badRequest } from "~/lib/errors";
import { requireApiPermission } from "~/modules/accounts/guards.server";
import { approveApplication } from "~/modules/coaches/review/approve-application.server";
import { getReviewDetail } from "~/modules/coaches/review/get-review-detail.server";
import { listReviewQueue } from "~/modules/coaches/review/list-review-queue.server";
import { rejectApplication } from "~/modules/coaches/review/reject-application.server";
import { reviewChange } from "~/modules/coaches/review/review-change.server";
import type { Reviewer } from "~/modules/coaches/review/reviewer";
import {
	coachIdSchema,
	decisionBodySchema,
	decisionSchema,
	queueFilterSchema,
	reasonRequiredFor,
} from "~/modules/coaches/review/schema";
import { authHeaders } from "../client";
import { defineEndpoint } from "../endpoint";
import { applicationSchema } from "./coach-schemas";

/** The coach review over JSON, for support and admin staff (`access:admin`); the same services as /admin/coach-reviews. */
const tag = "admin";

async function reviewerOf(req: Request): Promise<Reviewer> {
	const session = await requireApiPermission(authHeaders(req), "access:admin");
	return { id: session.user.id, roles: session.roles };
}

/** The reviewer making a decision, once a rejection is known to carry its reason. */
async function decidingReviewer(req: Request, decision: "approve" | "reject", reason: string | undefined): Promise<Reviewer> {
	const reviewer = await reviewerOf(req);
	const missing = reasonRequiredFor(decision, reason);
	if (missing) throw badRequest("errors.validationFailed", missing);
	return reviewer;
}

const denied = {
	400: { description: "Invalid input; `error.fields` names each bad field" },
	401: { description: "Not signed in" },
	403: { description: "Not support or admin staff, or one's own application" },
};

const queueEntrySchema = z.object({
	coachId: z.string(),
	userId: z.string(),
	kind: z.enum(["application", "changes"]),
	displayName: z.string(),
	pendingDisplayName: z.string().nullable(),
	disciplines: z.array(z.string()),
	pendingPhotos: z.number(),
	pendingCertificates: z.number(),
	pendingVideo: z.boolean(),
	waitingSince: z.string(),
	coverThumbUrl: z.string().nullable(),
});

export const listCoachReviews = defineEndpoint({
	method: "get",
	path: "/admin/coach-reviews",
	summary:
		"What waits for review, oldest first: applications, and new names, photos, certificates and intro videos of approved coaches",
	tag,
	auth: "bearer",
	query: queueFilterSchema,
	responses: { 200: { description: "The queue", schema: z.object({ entries: z.array(queueEntrySchema) }) }, ...denied },
	handler: async ({ query, req }) => {
		await reviewerOf(req);
		return { body: { entries: await listReviewQueue(query) } };
	},
});

const coachParams = z.object({ coachId: coachIdSchema });

export const getCoachReview = defineEndpoint({
	method: "get",
	path: "/admin/coach-reviews/:coachId",
	summary:
		"One coach for review: identity (the full ID number only while the application is pending review, otherwise just the masked one), photos, certificates (signed URLs), places",
	tag,
	auth: "bearer",
	params: coachParams,
	responses: {
		200: {
			description: "The coach",
			schema: z.object({
				application: applicationSchema.extend({
					identity: applicationSchema.shape.identity.extend({ idNumber: z.string().nullable().optional() }),
				}),
				account: z.object({ id: z.string(), displayName: z.string(), status: z.string() }),
			}),
		},
		...denied,
		404: { description: "No such coach" },
	},
	handler: async ({ params, req }) => {
		return { body: await getReviewDetail(params.coachId, await reviewerOf(req)) };
	},
});

export const decideCoachApplication = defineEndpoint({
	method: "post",
	path: "/admin/coach-reviews/:coachId/:decision",
	summary:
		"Approve (coach role, real-name badge, notified; needs an approved photo) or reject with a reason (notified) an application in review",
	tag,
	auth: "bearer",
	params: z.object({ coachId: coachIdSchema, decision: decisionSchema }),
	body: decisionBodySchema,
	responses: {
		200: {
			description: "Decided",
			schema: z.object({ status: z.enum(["approved", "rejected"]), roleGranted: z.boolean().optional() }),
		},
		...denied,
		404: { description: "No such coach" },
		409: { description: "Not in review, or no approved photo yet" },
	},
	handler: async ({ params, body, req }) => {
		const reviewer = await decidingReviewer(req, params.decision, body.reason);
		if (params.decision === "approve") {
			return { body: await approveApplication({ reviewer, coachId: params.coachId, note: body.reason }) };
		}
		return { body: await rejectApplication({ reviewer, coachId: params.coachId, reason: body.reason as string }) };
	},
});

const changeResponses = {
	200: {
		description: "Decided",
		schema: z.object({ item: z.string(), itemId: z.string().nullable(), status: z.enum(["approved", "rejected"]) }),
	},
	...denied,
	404: {
		description: "No such coach, or no such photo or certificate of this coach, or the video is no longer the coach's latest",
	},
	409: { description: "A draft or rejected application (decide it as a whole), or no pending name" },
};

/** A change decision (photo, certificate, name, video): the same checks, then the service. */
async function decideChange(req: Request, decision: Omit<Parameters<typeof reviewChange>[0], "reviewer">) {
	const reviewer = await decidingReviewer(req, decision.decision, decision.reason);
	return { body: await reviewChange({ reviewer, ...decision }) };
}

export const decideCoachPhoto = defineEndpoint({
	method: "post",
	path: "/admin/coach-reviews/:coachId/photos/:photoId/:decision",
	summary: "Approve (public) or reject with a reason (private; an approved coach is told) one photo",
	tag,
	auth: "bearer",
	params: z.object({ coachId: coachIdSchema, photoId: coachIdSchema, decision: decisionSchema }),
	body: decisionBodySchema,
	responses: changeResponses,
	handler: ({ params, body, req }) =>
		decideChange(req, {
			coachId: params.coachId,
			item: "photo",
			itemId: params.photoId,
			decision: params.decision,
			reason: body.reason,
		}),
});

export const decideCoachCertificate = defineEndpoint({
	method: "post",
	path: "/admin/coach-reviews/:coachId/certificates/:certificateId/:decision",
	summary: "Approve (the certificate badge appears) or reject with a reason one certificate",
	tag,
	auth: "bearer",
	params: z.object({ coachId: coachIdSchema, certificateId: coachIdSchema, decision: decisionSchema }),
	body: decisionBodySchema,
	responses: changeResponses,
	handler: ({ params, body, req }) =>
		decideChange(req, {
			coachId: params.coachId,
			item: "certificate",
			itemId: params.certificateId,
			decision: params.decision,
			reason: body.reason,
		}),
});

export const decideCoachName = defineEndpoint({
	method: "post",
	path: "/admin/coach-reviews/:coachId/name/:decision",
	summary: "Approve (the public sees it from now on) or reject with a reason an approved coach's new display name",
	tag,
	auth: "bearer",
	params: z.object({ coachId: coachIdSchema, decision: decisionSchema }),
	body: decisionBodySchema,
	responses: changeResponses,
	handler: ({ params, body, req }) =>
		decideChange(req, { coachId: params.coachId, item: "name", decision: params.decision, reason: body.reason }),
});

export const decideCoachVideo = defineEndpoint({
	method: "post",
	path: "/admin/coach-reviews/:coachId/video/:fileId/:decision",
	summary:
		"Approve (public, shown on the profile in place of an earlier approved one) or reject with a reason (private; an approved coach is told) the coach's latest intro video, named by the file the reviewer watched",
	tag,
	auth: "bearer",
	params: z.object({ coachId: coachIdSchema, fileId: coachIdSchema, decision: decisionSchema }),
	body: decisionBodySchema,
	responses: changeResponses,
	handler: ({ params, body, req }) =>
		decideChange(req, {
			coachId: params.coachId,
			item: "video",
			itemId: params.fileId,
			decision: params.decision,
			reason: body.reason,
		}),
});
