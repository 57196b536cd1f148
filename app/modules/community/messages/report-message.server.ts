import type { ReportReason } from "~/modules/moderation/categories";
import { fileReport } from "~/modules/moderation/reports.server";
import { reportableMessage } from "./conversations.server";

/** A participant reports a message the other person sent them; it joins the moderation reports. */
export async function reportMessage(input: { userId: string; messageId: string; reason: ReportReason; detail?: string }) {
	const message = await reportableMessage(input.userId, input.messageId);
	return fileReport({
		subject: { kind: "message", id: message.id },
		reporterId: input.userId,
		reason: input.reason,
		detail: input.detail,
	});
}
