import { data } from "react-router";
import { orPageError } from "~/lib/page-errors.server";
import type { Caller } from "~/modules/booking/booking-record.server";
import { getBooking } from "~/modules/booking/read-bookings.server";
import { amountDue, type PaymentKind } from "./amount-due";
import { type PaymentChannel, type PaymentMethod, tipPresetsFen } from "./methods";
import { defaultChannel, deviceOf, offeredMethods } from "./methods.server";

export interface CheckoutView {
	booking: Awaited<ReturnType<typeof getBooking>>["booking"];
	/** What can be paid now, each with its amount; the first is preselected. Empty: nothing is due. */
	kinds: Array<{ kind: PaymentKind; amountFen: number }>;
	tip: boolean;
	methods: Array<{ method: PaymentMethod; channels: PaymentChannel[]; defaultChannel: PaymentChannel }>;
	secondsLeft: number;
}

/**
 * What the checkout page offers for the player's own booking: the amounts that are due (the deposit
 * or the whole price while it waits for payment, the balance after a deposit, or a tip after the
 * lesson when asked for), the methods configured here, and how long is left to pay.
 */
export async function checkoutFor(input: {
	caller: Caller;
	bookingId: string;
	tip: boolean;
	request: Request;
	/** Inside WeChat: whether the payer's openid is known, so JSAPI can pay (else a QR code to long-press). */
	wechatJsapi?: boolean;
}): Promise<CheckoutView> {
	const { booking, party } = await orPageError(getBooking({ caller: input.caller, bookingId: input.bookingId }));
	if (party !== "player") throw data({ code: "not_found" }, { status: 404 });
	const kinds: CheckoutView["kinds"] = [];
	if (input.tip) {
		if (amountDue("tip", booking, tipPresetsFen[0]).ok) kinds.push({ kind: "tip", amountFen: tipPresetsFen[1] });
	} else {
		for (const kind of ["deposit", "full", "balance"] as const) {
			const due = amountDue(kind, booking);
			if (due.ok) kinds.push({ kind, amountFen: due.amountFen });
		}
	}
	const device = deviceOf(input.request.headers.get("user-agent"));
	const methods = offeredMethods().map((method) => {
		const byDevice = defaultChannel(method, device);
		const preferred = byDevice === "jsapi" && !input.wechatJsapi ? "native" : byDevice;
		// On a computer Alipay can also show a QR code to scan with the phone.
		const channels: PaymentChannel[] = method === "alipay" && !device.phone ? ["page", "qr"] : [preferred];
		return { method, channels, defaultChannel: preferred };
	});
	const secondsLeft = booking.payBy ? Math.max(0, Math.floor((Date.parse(booking.payBy) - Date.now()) / 1000)) : 0;
	return { booking, kinds, tip: input.tip, methods, secondsLeft };
}
