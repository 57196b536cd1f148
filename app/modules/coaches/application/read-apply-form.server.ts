import { MaxFileSizeExceededError, parseFormData } from "@mjackson/form-data-parser";
import { AppError, badRequest } from "~/lib/errors";
import { type FileKind, kindPolicies, maxMegabytes } from "~/modules/files/kinds";
import type { ApplyIntent } from "./apply-form.server";

/** The upload forms of the application page, each carrying one file of one kind. */
const uploadKindOf: Partial<Record<ApplyIntent, FileKind>> = {
	"add-photo": "coach_photo",
	"add-certificate": "certificate",
	"set-video": "intro_video",
};

/**
 * Reads an application form. Multipart bodies are parsed as they stream in, one file at most,
 * capped at its kind's size (a photo 10 MB, the video 50 MB; the largest when the form did not name
 * its intent in the URL): an oversized file is refused as soon as it passes the cap, instead of
 * after the whole body has been buffered by `request.formData()`. Other forms read as before.
 */
export async function readApplyForm(request: Request, declaredIntent: ApplyIntent | null): Promise<FormData> {
	const kind = (declaredIntent && uploadKindOf[declaredIntent]) || "intro_video";
	const maxFileSize = kindPolicies[kind].maxBytes;
	try {
		return await parseFormData(request, { maxFiles: 1, maxFileSize });
	} catch (error) {
		if (error instanceof MaxFileSizeExceededError) {
			throw new AppError(413, "payload_too_large", "files.errors.tooLarge", { params: { maxMb: maxMegabytes(maxFileSize) } });
		}
		// A second file (MaxFilesExceededError) or a broken multipart body: the client's mistake.
		throw badRequest("errors.badRequest");
	}
}
