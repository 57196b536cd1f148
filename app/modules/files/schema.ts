import { z } from "zod";
import { apiUploadKinds, fileKinds } from "./kinds";

/** Request and response shapes of the files API, shared by the endpoints and their documentation. */
export const uploadQuerySchema = z.object({
	kind: z
		.enum(apiUploadKinds)
		.describe(
			"Every upload is private (signed URLs for its owner) until a reviewer approves it; attach it within 24 hours or it is deleted",
		),
});

export const fileIdParamsSchema = z.object({ id: z.string().max(64) });

export const uploadedFileSchema = z.object({
	id: z.string(),
	kind: z.enum(fileKinds),
	visibility: z.enum(["public", "private"]),
	mimeType: z.string().describe("What is stored: image/webp for every image, application/pdf, video/mp4"),
	width: z.number().nullable(),
	height: z.number().nullable(),
	url: z.string().describe("A signed URL valid for five minutes (every upload is private until reviewed)"),
});

export const signedUrlSchema = z.object({
	url: z.string().describe("Relative to the API's origin; works without a session until expiresAt"),
	expiresAt: z.string(),
});
