import { data } from "react-router";
import { z } from "zod";
import { type FormErrors, formErrorsOf } from "~/lib/form.server";
import { redirectWithToast } from "~/lib/toast.server";
import { fieldErrorKeys } from "~/lib/validation";
import { acceptChange, declineChange, proposeAdjustment, requestReschedule, withdrawChange } from "./booking-changes.server";
import type { Caller } from "./booking-record.server";
import { type ChangeFormView, loadChangeForm } from "./change-form.server";
import { type ChangeIntent, isChangeIntent } from "./change-intents";

export { isChangeIntent };

import type { BookingView } from "./present.server";
import { adjustmentSchema, rescheduleSchema } from "./schema";

/**
 * The pages' side of changing a booking: which proposal form a booking page offers its viewer,
 * and the page actions (plain form posts) that propose, accept, decline and withdraw, with the
 * same schemas and services as the API.
 */
export interface ChangePanel {
	mode: "adjust" | "reschedule";
	form: ChangeFormView;
	/** The day whose times are shown (YYYY-MM-DD, Shanghai), from the page's `?day=`. */
	selectedDay: string | null;
}

/**
 * The proposal form a viewer may use now: the coach may adjust a booking waiting for their answer,
 * either side may ask to move a confirmed lesson before it starts; none while a proposal is open.
 */
export async function changePanelFor(
	booking: BookingView,
	viewer: "player" | "coach",
	request: Request,
	now = new Date(),
): Promise<ChangePanel | null> {
	if (booking.pendingChange) return null;
	const future = Date.parse(booking.startsAt) > now.getTime();
	const mode =
		viewer === "coach" && booking.status === "pending_confirmation"
			? "adjust"
			: booking.status === "confirmed" && future
				? "reschedule"
				: null;
	if (!mode) return null;
	const form = await loadChangeForm(booking.id, now);
	if (!form) return null;
	const day = new URL(request.url).searchParams.get("day");
	return { mode, form, selectedDay: day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : null };
}

export interface ChangeOutcome {
	intent: ChangeIntent;
	errors: FormErrors;
	values?: Record<string, string>;
}

const doneMessages: Record<ChangeIntent, string> = {
	adjust: "booking.changes.adjust.sent",
	reschedule: "booking.changes.reschedule.sent",
	"accept-change": "booking.changes.pending.accepted",
	"decline-change": "booking.changes.pending.declined",
	"withdraw-change": "booking.changes.pending.withdrawn",
};

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === "string" ? value.slice(0, 1000) : "";
};

function placeOf(form: FormData): unknown {
	const place = text(form, "place");
	if (place.startsWith("venue:")) return { kind: "venue", placeId: place.slice("venue:".length) };
	if (place === "address") return { kind: "address", address: text(form, "address") };
	if (place === "online") return { kind: "online" };
	return undefined;
}

/**
 * Runs one change intent of a booking page for the caller, who the page has already found to be
 * one of the booking's people: a redirect with a toast when done, or the errors beside the fields
 * (and what was typed) with the service's status.
 */
export async function changeAction(intent: ChangeIntent, form: FormData, caller: Caller, bookingId: string, here: string) {
	const values = {
		startsAt: text(form, "startsAt"),
		place: text(form, "place"),
		address: text(form, "address"),
		message: text(form, "message"),
	};
	const fail = (errors: FormErrors, init: ResponseInit) => data<ChangeOutcome>({ intent, errors, values }, init);
	try {
		if (intent === "adjust" || intent === "reschedule") {
			const input = { startsAt: values.startsAt || undefined, message: values.message || undefined };
			if (intent === "adjust") {
				const parsed = adjustmentSchema.safeParse({ ...input, location: placeOf(form) });
				if (!parsed.success) return fail({ fields: fieldErrorKeys(parsed.error) }, { status: 400 });
				await proposeAdjustment({ caller, bookingId, request: parsed.data });
			} else {
				const parsed = rescheduleSchema.safeParse(input);
				if (!parsed.success) return fail({ fields: fieldErrorKeys(parsed.error) }, { status: 400 });
				await requestReschedule({ caller, bookingId, request: parsed.data });
			}
		} else {
			const changeId = z.string().uuid().safeParse(form.get("changeId"));
			if (!changeId.success) return fail({ formError: "booking.changes.errors.notFound" }, { status: 400 });
			const run = intent === "accept-change" ? acceptChange : intent === "decline-change" ? declineChange : withdrawChange;
			await run({ caller, bookingId, changeId: changeId.data });
		}
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		return fail(errors, init);
	}
	return redirectWithToast(here, { kind: "success", messageKey: doneMessages[intent] });
}
