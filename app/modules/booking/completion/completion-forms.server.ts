import { data } from "react-router";
import { type FormErrors, formErrorsOf } from "~/lib/form.server";
import { yuanToFen } from "~/lib/money";
import { redirectWithToast } from "~/lib/toast.server";
import { fieldErrorKeys } from "~/lib/validation";
import { resolveDispute } from "../admin/resolve-dispute.server";
import type { Caller } from "../booking-record.server";
import { confirmCompletion } from "./confirm-completion.server";
import { openDispute } from "./open-dispute.server";
import { disputeSchema, resolveDisputeSchema } from "./schema";

/** What a completion form answers its page with when it fails: the field and form messages, and what was typed. */
export interface CompletionFormOutcome {
	intent: "confirm-completion" | "dispute" | "resolve-dispute";
	errors: FormErrors;
	values?: Record<string, string>;
}

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === "string" ? value : "";
};

async function answer(
	intent: CompletionFormOutcome["intent"],
	values: Record<string, string>,
	work: () => Promise<unknown>,
	done: { to: string; messageKey: string },
) {
	try {
		await work();
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		return data<CompletionFormOutcome>({ intent, errors, values }, init);
	}
	return redirectWithToast(done.to, { kind: "success", messageKey: done.messageKey });
}

/**
 * The player's and the coach's completion forms (confirm, report a problem) on their booking
 * pages; null when the form is not one of them, so the page handles its own intents.
 */
export async function completionFormAction(input: { form: FormData; caller: Caller; bookingId: string; backTo: string }) {
	const intent = input.form.get("intent");
	if (intent === "confirm-completion")
		return answer("confirm-completion", {}, () => confirmCompletion({ caller: input.caller, bookingId: input.bookingId }), {
			to: input.backTo,
			messageKey: "booking.completion.player.confirmed",
		});
	if (intent !== "dispute") return null;
	const values = { category: text(input.form, "category"), text: text(input.form, "text") };
	const parsed = disputeSchema.safeParse(values);
	if (!parsed.success)
		return data<CompletionFormOutcome>(
			{ intent: "dispute", errors: { fields: fieldErrorKeys(parsed.error) }, values },
			{ status: 400 },
		);
	return answer(
		"dispute",
		values,
		() => openDispute({ caller: input.caller, bookingId: input.bookingId, dispute: parsed.data }),
		{
			to: input.backTo,
			messageKey: "booking.completion.dispute.opened",
		},
	);
}

/** The back office's decision form; the refund is typed in yuan, as staff read amounts. */
export async function resolveDisputeFormAction(input: { form: FormData; caller: Caller; bookingId: string }) {
	const values = {
		decision: text(input.form, "decision"),
		refundYuan: text(input.form, "refundYuan"),
		note: text(input.form, "note"),
	};
	const forPlayer = values.decision === "for_player";
	const refundFen = forPlayer && values.refundYuan.trim() !== "" ? yuanToFen(values.refundYuan.trim()) : undefined;
	const parsed = resolveDisputeSchema.safeParse({
		decision: values.decision,
		note: values.note,
		...(refundFen === undefined ? {} : { refundFen: refundFen ?? Number.NaN }),
	});
	if (!parsed.success) {
		const fields = fieldErrorKeys(parsed.error);
		if (fields.refundFen) fields.refundYuan = fields.refundFen;
		return data<CompletionFormOutcome>({ intent: "resolve-dispute", errors: { fields }, values }, { status: 400 });
	}
	const here = `/admin/bookings/${input.bookingId}`;
	try {
		await resolveDispute({ caller: input.caller, bookingId: input.bookingId, decision: parsed.data });
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		if (errors.fields?.refundFen) errors.fields.refundYuan = errors.fields.refundFen;
		return data<CompletionFormOutcome>({ intent: "resolve-dispute", errors, values }, init);
	}
	return redirectWithToast(here, { kind: "success", messageKey: "booking.completion.admin.done" });
}
