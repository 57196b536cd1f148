import type { Translation } from "../types";
import type zh from "../zh-CN/errors";

export default {
	notFound: "We couldn't find that",
	notFoundBody: "The page may have moved or been removed. Check the address and try again.",
	forbidden: "You don't have access to this",
	forbiddenBody: "If you think this is a mistake, contact support.",
	unauthorized: "Please sign in first",
	badRequest: "Something in the request is wrong. Please check and try again",
	validationFailed: "Some fields need your attention",
	invalidJson: "The request body is not valid JSON",
	unsupportedMediaType: "Send the request body as application/json",
	payloadTooLarge: "The request body is too large",
	methodNotAllowed: "This method is not allowed here",
	rateLimited: "Too many attempts. Try again in {{seconds}} seconds",
	serviceUnavailable: "Service temporarily unavailable",
	serviceUnavailableBody: "We're bringing things back. Please refresh in a moment.",
	internal: "Something went wrong",
	internalBody: "We've logged the problem. Please try again later.",
	apiNotFound: "There is no such endpoint",
	requestId: "Request ID: {{id}}",
	field: {
		required: "This field is required",
		invalid: "This doesn't look right",
		tooShort: "Too short",
		tooLong: "Too long",
		notANumber: "Enter a number",
		outOfRange: "Out of the allowed range",
		invalidOption: "Choose a valid option",
	},
} satisfies Translation<typeof zh>;
