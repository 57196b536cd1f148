import { AppError } from "~/lib/errors";
import { requireApiSession } from "~/modules/accounts/guards.server";
import { getSignedUrl } from "~/modules/files/get-signed-url.server";
import { apiUploadMaxBytes, maxMegabytes } from "~/modules/files/kinds";
import { saveUpload } from "~/modules/files/save-upload.server";
import { fileIdParamsSchema, signedUrlSchema, uploadedFileSchema, uploadQuerySchema } from "~/modules/files/schema";
import { urlForSavedFile } from "~/modules/files/urls.server";
import { authHeaders } from "../client";
import { defineEndpoint } from "../endpoint";
import { readRawBody } from "../raw-body";

const tag = "files";

export const uploadFile = defineEndpoint({
	method: "post",
	path: "/files",
	summary: "Upload a photo or certificate as the raw request body; private until a reviewer approves it",
	tag,
	auth: "bearer",
	query: uploadQuerySchema,
	rawBody: {
		contentTypes: ["image/jpeg", "image/png", "image/webp", "image/avif", "application/pdf"],
		description:
			"The file's bytes (at most 10 MB). The type is read from the bytes, not from Content-Type; PDFs only for certificates. Images are re-encoded without metadata (EXIF, GPS).",
	},
	responses: {
		201: { description: "Stored", schema: uploadedFileSchema },
		400: { description: "Empty body or unknown kind" },
		401: { description: "Not signed in" },
		413: { description: "Larger than 10 MB, or too many pixels" },
		415: { description: "Not an image (or PDF, for certificates)" },
	},
	handler: async ({ query, req, res }) => {
		const session = await requireApiSession(authHeaders(req));
		const bytes = await readRawBody(
			req,
			res,
			apiUploadMaxBytes,
			() =>
				new AppError(413, "payload_too_large", "files.errors.tooLarge", { params: { maxMb: maxMegabytes(apiUploadMaxBytes) } }),
		);
		const saved = await saveUpload({
			ownerId: session.user.id,
			kind: query.kind,
			bytes,
			declaredType: req.headers["content-type"],
		});
		return { status: 201, body: { ...saved, url: urlForSavedFile(saved) } };
	},
});

export const getFileSignedUrl = defineEndpoint({
	method: "get",
	path: "/files/:id/signed-url",
	summary: "A short-lived URL of one of my own files (staff see files through the coach review)",
	tag,
	auth: "bearer",
	params: fileIdParamsSchema,
	responses: {
		200: { description: "Valid for five minutes", schema: signedUrlSchema },
		401: { description: "Not signed in" },
		404: { description: "No such file, or not yours to read (the two look the same)" },
	},
	handler: async ({ params, req }) => {
		const session = await requireApiSession(authHeaders(req));
		const { url, expiresAt } = await getSignedUrl(session, params.id);
		return { body: { url, expiresAt: expiresAt.toISOString() } };
	},
});
