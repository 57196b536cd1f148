import type { z } from "zod";
import { isAppError } from "./errors";
import { fieldErrorKeys } from "./validation";

/**
 * A list filtered through the address (the back office's lists): reads the named filters and the
 * cursor from the URL, validates them with the list's schema and runs the list. A bad filter or a
 * stale cursor becomes a message on the filter form beside an empty list, never an error page.
 */
export async function loadFilteredList<Filter, Result extends object>(
	request: Request,
	names: readonly string[],
	schema: z.ZodType<Filter>,
	list: (filter: Filter) => Promise<Result>,
	empty: Result,
): Promise<Result & { values: Record<string, string>; errors: Record<string, string> }> {
	const searchParams = new URL(request.url).searchParams;
	const values = Object.fromEntries(names.map((name) => [name, searchParams.get(name) ?? ""]));
	const parsed = schema.safeParse({ ...values, cursor: searchParams.get("cursor") ?? "" });
	if (!parsed.success) return { ...empty, values, errors: fieldErrorKeys(parsed.error) };
	try {
		return { ...(await list(parsed.data)), values, errors: {} };
	} catch (error) {
		if (isAppError(error) && error.options.fields) return { ...empty, values, errors: error.options.fields };
		throw error;
	}
}
