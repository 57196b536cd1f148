import type { z } from "zod";
import { fieldErrorKeys } from "~/lib/validation";
import { type CreateBookingInput, createBookingSchema } from "./schema";

/**
 * The booking form as a plain HTML form posts it (it works without JavaScript): the place is one
 * radio group (`venue:<placeId>`, `address`, `online`) beside a free-text address, read here into
 * the request the API takes, checked by the API's own schema.
 */
export const bookingFormFields = ["offeringId", "startsAt", "place", "address", "paymentPlan", "note", "idempotencyKey"] as const;
export type BookingFormValues = Partial<Record<(typeof bookingFormFields)[number], string>>;

export function bookingFormValues(form: FormData): BookingFormValues {
	const values: BookingFormValues = {};
	for (const name of bookingFormFields) {
		const value = form.get(name);
		if (typeof value === "string") values[name] = value.slice(0, 1000);
	}
	return values;
}

function locationOf(values: BookingFormValues): unknown {
	const place = values.place ?? "";
	if (place.startsWith("venue:")) return { kind: "venue", placeId: place.slice("venue:".length) };
	if (place === "address") return { kind: "address", address: values.address ?? "" };
	if (place === "online") return { kind: "online" };
	return undefined;
}

/** Field errors are keyed as the page shows them: `location.*` beside the place, the rest by name. */
export function bookingRequestOf(
	coachId: string,
	values: BookingFormValues,
): { ok: true; request: CreateBookingInput } | { ok: false; fields: Record<string, string> } {
	const parsed = (createBookingSchema as z.ZodType<CreateBookingInput>).safeParse({
		coachId,
		offeringId: values.offeringId ?? "",
		startsAt: values.startsAt ?? "",
		location: locationOf(values),
		paymentPlan: values.paymentPlan ?? "",
		note: values.note ?? "",
	});
	if (parsed.success) return { ok: true, request: parsed.data };
	return { ok: false, fields: fieldErrorKeys(parsed.error) };
}

/** Where a field error of the booking is shown on the form. */
export function formFieldOf(key: string): "offeringId" | "startsAt" | "place" | "address" | "paymentPlan" | "note" | "form" {
	if (key === "location.address") return "address";
	if (key.startsWith("location")) return "place";
	if (key === "offeringId" || key === "startsAt" || key === "paymentPlan" || key === "note") return key;
	return "form";
}
