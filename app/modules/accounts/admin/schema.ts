import { z } from "zod";
import { refuseControlCharacters } from "~/lib/validation";
import { grantableRoles } from "../permissions";

/**
 * Zod schemas of the back office, shared by its page actions and its JSON API. Messages are i18n
 * keys, so a 400 names each bad field in the reader's language.
 */
export const auditActions = [
	"user.suspended",
	"user.reinstated",
	"role.granted",
	"role.revoked",
	"account.deleted",
	"account.data_exported",
	"coach.approved",
	"coach.rejected",
	"coach.change.approved",
	"coach.change.rejected",
	"coach.identity.viewed",
	"coach.files.viewed",
	"booking.cancelled",
	"booking.dispute.resolved",
	"payment.difference.resolved",
	"payment.refunded",
	"payment.refund.retried",
	"withdrawal.approved",
	"withdrawal.rejected",
	"withdrawal.marked_paid",
	"withdrawal.marked_failed",
	"withdrawal.batch_created",
	"withdrawal.batch_downloaded",
	"income.quarter.exported",
	"review.hidden",
	"review.restored",
	"review.published",
	"review.dismissed",
	"review.reply.hidden",
	"review.reply.restored",
	"review.reply.published",
	"review.photo.approved",
	"review.photo.rejected",
	"moderation.word.added",
	"moderation.word.removed",
	"learning.drill.created",
	"learning.drill.updated",
	"learning.drill.retired",
	"community.board.updated",
	"community.post.published",
	"community.post.hidden",
	"community.post.restored",
	"community.post.deleted",
	"community.post.dismissed",
	"community.comment.published",
	"community.comment.hidden",
	"community.comment.restored",
	"community.comment.deleted",
	"community.comment.dismissed",
] as const;
export type AuditAction = (typeof auditActions)[number];

/** Forms send "" for an empty field and query strings send `?x=`: both mean "not given". */
function blankOr<T extends z.ZodType<string | undefined>>(schema: T) {
	return z
		.union([z.literal(""), schema])
		.optional()
		.transform((value) => (value === "" ? undefined : (value as z.output<T> | undefined)));
}

const uuid = (error: string) => z.string({ error }).trim().pipe(z.uuid({ error }));

export const userIdSchema = uuid("admin.errors.userIdInvalid");
export const venueIdSchema = uuid("admin.errors.venueIdInvalid");
export const roleSchema = z.enum(grantableRoles, { error: "admin.errors.roleInvalid" });

const cursorSchema = blankOr(z.string().regex(/^[\w-]{1,200}$/, "admin.errors.cursorInvalid"));

export const reasonSchema = z
	.string({ error: "admin.errors.reasonRequired" })
	.trim()
	.min(1, "admin.errors.reasonRequired")
	.min(2, "admin.errors.reasonTooShort")
	.max(500, "admin.errors.reasonTooLong")
	// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
	.refine((value) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value), "admin.errors.reasonInvalid")
	// The reason is stored in the audit log and sent to the user: no phone numbers or emails in clear.
	.refine((value) => !containsPersonalData(value), "admin.errors.reasonPersonalData");

/**
 * A mainland mobile number (with any separators) or an email address. The number must stand on
 * its own: digits inside a longer run of letters and digits (a UUID, a hash) are not a phone.
 */
export function containsPersonalData(text: string): boolean {
	return /(?<![\w-])1[3-9](?:[\s-]?\d){9}(?!\w)/.test(text) || /[^\s@]+@[^\s@]+\.[^\s@]+/.test(text);
}

export const statusChangeSchema = z.object({ reason: reasonSchema });

/** Role changes may carry a reason; suspensions must. */
export const optionalReasonSchema = blankOr(reasonSchema);

export const roleGrantSchema = z
	.object({ role: roleSchema, venueId: blankOr(venueIdSchema), reason: optionalReasonSchema })
	.superRefine((value, context) => {
		const isVenue = ["venue_owner", "venue_manager", "venue_front_desk"].includes(value.role);
		if (isVenue && !value.venueId) {
			context.addIssue({ code: "custom", path: ["venueId"], message: "admin.errors.venueIdRequired" });
		}
		if (!isVenue && value.venueId) {
			context.addIssue({ code: "custom", path: ["venueId"], message: "admin.errors.venueIdNotAllowed" });
		}
	});

export const userSearchSchema = z.object({
	q: blankOr(refuseControlCharacters(z.string().trim().max(100, "admin.errors.queryTooLong"))),
	cursor: cursorSchema,
});

const dateSchema = blankOr(z.iso.date({ error: "admin.errors.dateInvalid" }));

export const auditFilterSchema = z
	.object({
		action: blankOr(z.enum(auditActions, { error: "errors.field.invalidOption" })),
		actorId: blankOr(uuid("admin.errors.userIdInvalid")),
		targetId: blankOr(uuid("admin.errors.userIdInvalid")),
		from: dateSchema,
		to: dateSchema,
		cursor: cursorSchema,
	})
	.superRefine((value, context) => {
		if (value.from && value.to && value.to < value.from) {
			context.addIssue({ code: "custom", path: ["to"], message: "admin.errors.dateRange" });
		}
	});
export type AuditFilter = z.output<typeof auditFilterSchema>;

export const roleRevokeQuerySchema = z.object({ venueId: blankOr(venueIdSchema), reason: optionalReasonSchema });
