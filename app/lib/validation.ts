import type { z } from "zod";
import { AppError } from "./errors";
import { i18nFor } from "./i18n";

/**
 * Zod issues → field name → i18n key. A schema may name its own key as the issue message
 * (`z.string().regex(re, "accounts.errors.phoneInvalid")`); otherwise the issue kind picks one.
 */
export function fieldErrorKeys(error: z.ZodError): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const issue of error.issues) {
		const name = issue.path.map(String).join(".") || "_";
		if (fields[name]) continue;
		if (i18nFor("zh-CN").exists(issue.message)) {
			fields[name] = issue.message;
			continue;
		}
		const received = (issue as { input?: unknown }).input;
		fields[name] =
			issue.code === "invalid_type" && received === undefined
				? "errors.field.required"
				: issue.code === "too_small"
					? (issue as { origin?: string }).origin === "string"
						? "errors.field.tooShort"
						: "errors.field.outOfRange"
					: issue.code === "too_big"
						? (issue as { origin?: string }).origin === "string"
							? "errors.field.tooLong"
							: "errors.field.outOfRange"
						: issue.code === "invalid_value"
							? "errors.field.invalidOption"
							: issue.code === "invalid_type" && (issue as { expected?: string }).expected === "number"
								? "errors.field.notANumber"
								: "errors.field.invalid";
	}
	return fields;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** Embeddings, overrides and isolates: they reorder how text around them reads ("gnp.exe" shown as "exe.png"). */
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/;

/** False for text with C0 control characters other than tab and newlines (NUL above all: PostgreSQL refuses it). */
export const withoutControlCharacters = (value: string) => !controlCharacters.test(value);
export const withoutBidiControls = (value: string) => !bidiControls.test(value);

/**
 * The one refinement for names and titles (display names, coach and place names, certificate
 * issuers…): no bidirectional controls, which would let a name display as something it is not.
 */
export function refuseBidiControls<T extends z.ZodType<string>>(schema: T): T {
	return schema.refine(withoutBidiControls, "errors.field.bidiControl") as T;
}

/** Search text: no control characters, with a message instead of a database error. */
export function refuseControlCharacters<T extends z.ZodType<string>>(schema: T): T {
	return schema.refine(withoutControlCharacters, "errors.field.controlCharacters") as T;
}

/** Parses or throws a 400 naming each bad field. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown): T {
	const result = schema.safeParse(value);
	if (!result.success) {
		throw new AppError(400, "validation_failed", "errors.validationFailed", { fields: fieldErrorKeys(result.error) });
	}
	return result.data;
}
