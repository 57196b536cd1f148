import { z } from "zod";
import { AppError } from "~/lib/errors";
import type { SearchSort } from "./schema";

/**
 * Keyset cursors: the sort key and id of the last row of a page, opaque to clients. A cursor
 * only continues the sort it was made for.
 */
const cursorSchema = z.object({ s: z.string(), v: z.union([z.number(), z.string(), z.null()]), id: z.string().uuid() });
export type Cursor = { sort: SearchSort; value: number | string | null; id: string };

export function encodeCursor(cursor: Cursor): string {
	return Buffer.from(JSON.stringify({ s: cursor.sort, v: cursor.value, id: cursor.id })).toString("base64url");
}

export function decodeCursor(raw: string | undefined, sort: SearchSort): Cursor | null {
	if (!raw) return null;
	try {
		const parsed = cursorSchema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
		if (parsed.s !== sort) throw new Error("cursor of another sort");
		return { sort, value: parsed.v, id: parsed.id };
	} catch {
		throw new AppError(400, "validation_failed", "errors.validationFailed", { fields: { cursor: "coaches.errors.cursor" } });
	}
}
