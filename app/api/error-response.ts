import type { Response } from "express";
import { z } from "zod";
import { AppError, isAppError, isDatabaseUnavailable } from "~/lib/errors";
import { type Locale, translate } from "~/lib/i18n";
import { logger } from "~/lib/logger.server";

/** The one error shape of the API, documented in the OpenAPI document. */
export const errorBodySchema = z.object({
	error: z.object({
		code: z.string(),
		message: z.string(),
		fields: z.record(z.string(), z.string()).optional(),
	}),
});

/** Errors raised by Express' body parser, translated into our own. */
function fromBodyParser(error: unknown): AppError | null {
	const type = (error as { type?: string } | null)?.type;
	if (type === "entity.parse.failed") return new AppError(400, "bad_request", "errors.invalidJson");
	if (type === "entity.too.large") return new AppError(413, "payload_too_large", "errors.payloadTooLarge");
	if (type === "charset.unsupported" || type === "encoding.unsupported") {
		return new AppError(415, "unsupported_media_type", "errors.unsupportedMediaType");
	}
	return null;
}

export function sendApiError(res: Response, error: unknown, locale: Locale, requestId?: string): void {
	const appError =
		(isAppError(error) ? error : null) ??
		fromBodyParser(error) ??
		(isDatabaseUnavailable(error) ? new AppError(503, "service_unavailable", "errors.serviceUnavailable") : null);
	if (!appError) {
		logger.error({ err: error, requestId }, "api request failed");
	}
	const known = appError ?? new AppError(500, "internal", "errors.internal");
	const { params, fields, retryAfterSeconds } = known.options;
	if (retryAfterSeconds !== undefined) res.setHeader("Retry-After", String(retryAfterSeconds));
	res.status(known.status).json({
		error: {
			code: known.code,
			message: translate(locale, known.messageKey, params),
			...(fields
				? { fields: Object.fromEntries(Object.entries(fields).map(([name, key]) => [name, translate(locale, key)])) }
				: {}),
		},
	});
}
