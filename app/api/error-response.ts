import type { Response } from "express";
import { z } from "zod";
import { AppError, knownError } from "~/lib/errors";
import { type Locale, translate } from "~/lib/i18n";
import { logger } from "~/lib/logger.server";

/** The one error shape of the API, documented in the OpenAPI document. */
export const errorBodySchema = z.object({
	error: z.object({
		code: z.string(),
		message: z.string(),
		fields: z.record(z.string(), z.string()).optional(),
		alternatives: z
			.array(z.object({ startsAt: z.string(), endsAt: z.string() }))
			.optional()
			.describe("With slot_taken: the free times nearest the one asked for"),
		termsVersion: z
			.string()
			.optional()
			.describe(
				"With consent_required: the current version of /terms and /privacy, to send as termsVersion or to POST /me/consent",
			),
		opensAt: z.string().optional().describe("With room_not_open: when the lesson's video room opens"),
		closesAt: z.string().optional().describe("With room_not_open: when the lesson's video room closes"),
	}),
});

export function sendApiError(res: Response, error: unknown, locale: Locale, requestId?: string): void {
	const appError = knownError(error);
	if (!appError) {
		logger.error({ err: error, requestId }, "api request failed");
	}
	const known = appError ?? new AppError(500, "internal", "errors.internal");
	const { params, fields, retryAfterSeconds, extra } = known.options;
	if (retryAfterSeconds !== undefined) res.setHeader("Retry-After", String(retryAfterSeconds));
	res.status(known.status).json({
		error: {
			code: known.code,
			message: translate(locale, known.messageKey, params),
			...(fields
				? { fields: Object.fromEntries(Object.entries(fields).map(([name, key]) => [name, translate(locale, key)])) }
				: {}),
			...extra,
		},
	});
}
