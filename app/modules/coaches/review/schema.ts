import { z } from "zod";
import { optionalReasonSchema } from "~/modules/accounts/admin/schema";
import { idSchema } from "../application/schema";
import { reviewItems } from "./reviewer";

/** Zod schemas of the coach review, shared by the /admin/coach-reviews pages and the API. */
export const queueFilterSchema = z.object({
	kind: z.preprocess((value) => (value === "" ? undefined : value), z.enum(["application", "changes"]).optional()),
});

export const coachIdSchema = idSchema;
export const decisionSchema = z.enum(["approve", "reject"], { error: "errors.field.invalidOption" });
export const itemSchema = z.enum(reviewItems, { error: "errors.field.invalidOption" });

/** A rejection needs a reason (the coach reads it); an approval may carry a note for the audit log. */
export const decisionBodySchema = z.object({ reason: optionalReasonSchema });

export function reasonRequiredFor(decision: "approve" | "reject", reason: string | undefined): Record<string, string> | null {
	return decision === "reject" && !reason ? { reason: "coaching.errors.reasonRequired" } : null;
}
