/**
 * The one typed application error. Services throw it; the API turns it into
 * `{ error: { code, message } }` and pages into their friendly error screens, in one place each.
 * `messageKey` is an i18n key, so the user reads the message in their language.
 */
export type ErrorCode =
	| "bad_request"
	| "validation_failed"
	| "unauthorized"
	| "forbidden"
	| "not_found"
	| "method_not_allowed"
	| "conflict"
	| "payload_too_large"
	| "unsupported_media_type"
	| "rate_limited"
	| "challenge_required"
	| "service_unavailable"
	| "internal";

export class AppError extends Error {
	constructor(
		readonly status: number,
		readonly code: ErrorCode,
		readonly messageKey: string,
		readonly options: {
			params?: Record<string, string | number>;
			/** Field name → i18n key, for validation errors shown beside each field. */
			fields?: Record<string, string>;
			retryAfterSeconds?: number;
		} = {},
	) {
		super(code);
		this.name = "AppError";
	}
}

export const notFound = (messageKey = "errors.notFound") => new AppError(404, "not_found", messageKey);
export const forbidden = (messageKey = "errors.forbidden") => new AppError(403, "forbidden", messageKey);
export const unauthorized = (messageKey = "errors.unauthorized") => new AppError(401, "unauthorized", messageKey);
export const badRequest = (messageKey: string, fields?: Record<string, string>) =>
	new AppError(400, fields ? "validation_failed" : "bad_request", messageKey, { fields });

export function isAppError(error: unknown): error is AppError {
	return error instanceof Error && error.name === "AppError" && "code" in error && "status" in error;
}

/** Connection-class failures: the database is down or unreachable, not a bug in a query. */
export function isDatabaseUnavailable(error: unknown): boolean {
	const code = (error as { code?: string } | undefined)?.code ?? "";
	const message = error instanceof Error ? error.message : "";
	return (
		["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "57P01", "57P02", "57P03", "08006", "08001", "08003"].includes(code) ||
		/Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(message)
	);
}
