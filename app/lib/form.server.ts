import { data } from "react-router";
import type { z } from "zod";
import { isAppError } from "./errors";
import { fieldErrorKeys } from "./validation";

/** What a failed form action hands back to its page: i18n keys, shown beside each field. */
export interface FormErrors {
	fields?: Record<string, string>;
	formError?: string;
	params?: Record<string, string | number>;
}

export type FormParse<T> = { ok: true; data: T } | { ok: false; response: ReturnType<typeof data<{ errors: FormErrors }>> };

/** Validates a submitted form with the schema the API uses too. */
export function parseForm<T>(formData: FormData, schema: z.ZodType<T>): FormParse<T> {
	const result = schema.safeParse(Object.fromEntries(formData));
	if (result.success) return { ok: true, data: result.data };
	return { ok: false, response: data({ errors: { fields: fieldErrorKeys(result.error) } }, { status: 400 }) };
}

/** An AppError from a service as the page's error display; anything else is a real failure. */
export function formErrorsOf(error: unknown): { errors: FormErrors; init: ResponseInit } {
	if (!isAppError(error)) throw error;
	const { fields, params, retryAfterSeconds } = error.options;
	return {
		errors: { fields, formError: fields ? undefined : error.messageKey, params },
		init: { status: error.status, headers: retryAfterSeconds ? { "Retry-After": String(retryAfterSeconds) } : undefined },
	};
}

export function formFailure(error: unknown) {
	const { errors, init } = formErrorsOf(error);
	return data({ errors }, init);
}
