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
	| "consent_required"
	| "slot_taken"
	| "slot_unavailable"
	| "service_unavailable"
	| "already_reviewed"
	| "not_reviewable"
	| "already_listed"
	| "drill_in_use"
	| "already_reported"
	| "insufficient_balance"
	| "below_minimum"
	| "daily_limit_exceeded"
	| "wechat_not_bound"
	| "payout_in_flight"
	| "not_a_coach"
	| "not_online"
	| "room_not_open"
	| "consent_missing"
	| "already_recording"
	| "not_recording"
	| "recording_in_progress"
	| "post_closed"
	| "links_not_allowed"
	| "too_many_images"
	| "blocked_words"
	| "edit_window_closed"
	| "not_an_answer"
	| "not_a_question"
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
			/** Further machine-readable facts for the client, e.g. the free times nearest a taken one. */
			extra?: Record<string, unknown>;
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

/**
 * Connection-class failures: the database is down, unreachable or too slow (a statement timeout,
 * no free pool connection in time), not a bug in a query. Drizzle wraps the driver's error in its
 * own (`DrizzleQueryError`, the pg error as `cause`), so the whole cause chain is looked at.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
	return causeChain(error).some((link) => {
		const code = (link as { code?: unknown }).code;
		const message = link instanceof Error ? link.message : "";
		return (
			(typeof code === "string" && unavailableCodes.has(code)) ||
			/Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout/i.test(message)
		);
	});
}

// 57014 is query_canceled: what PostgreSQL answers when the statement timeout ends a query.
const unavailableCodes = new Set([
	"ECONNREFUSED",
	"ECONNRESET",
	"ETIMEDOUT",
	"57014",
	"57P01",
	"57P02",
	"57P03",
	"08006",
	"08001",
	"08003",
]);
// Text PostgreSQL cannot store (NUL bytes, invalid UTF-8): the input is wrong, not the server.
const invalidTextCodes = new Set(["22021", "22P05"]);

/** The error and its causes, outermost first (bounded, in case of a cycle). */
export function causeChain(error: unknown): unknown[] {
	const chain: unknown[] = [];
	for (let link = error; link && typeof link === "object" && chain.length < 8; link = (link as { cause?: unknown }).cause) {
		chain.push(link);
	}
	return chain;
}

/**
 * Any failure as the application error a client should see, or null for a real bug (a 500):
 * our own AppError, a body the request parser refused, an unreachable or hung database, or text
 * the database cannot store. Used by the API and by the page server, so both answer alike.
 */
export function knownError(error: unknown): AppError | null {
	if (isAppError(error)) return error;
	const fromParser = fromRequestParser(error);
	if (fromParser) return fromParser;
	if (isDatabaseUnavailable(error)) {
		return new AppError(503, "service_unavailable", "errors.serviceUnavailable", { retryAfterSeconds: 5 });
	}
	const invalidText = causeChain(error).some((link) => invalidTextCodes.has(String((link as { code?: unknown }).code)));
	if (invalidText) return new AppError(400, "bad_request", "errors.badRequest");
	return null;
}

/** Errors raised by Express' body parsers (http-errors with a 4xx status), translated into ours. */
function fromRequestParser(error: unknown): AppError | null {
	const { type, status, expose } = (error ?? {}) as { type?: unknown; status?: unknown; expose?: unknown };
	if (type === "entity.parse.failed") return new AppError(400, "bad_request", "errors.invalidJson");
	if (type === "entity.too.large" || status === 413) return new AppError(413, "payload_too_large", "errors.payloadTooLarge");
	if (type === "charset.unsupported" || type === "encoding.unsupported" || status === 415) {
		return new AppError(415, "unsupported_media_type", "errors.unsupportedMediaType");
	}
	// Invalid gzip/deflate/br data, an aborted upload, a body shorter than its Content-Length.
	if (expose === true && typeof status === "number" && status >= 400 && status < 500) {
		return new AppError(400, "bad_request", "errors.invalidBody");
	}
	return null;
}
