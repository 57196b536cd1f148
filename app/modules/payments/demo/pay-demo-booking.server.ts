import { db } from "~/lib/db.server";
import { payments } from "../../../../db/schema";
import { applyProviderResult } from "../apply-provider-result.server";
import { newProviderNumber } from "../out-trade-no";

/**
 * How the demo bookings are paid: a sandbox payment of the whole price, confirmed through the one
 * payment path (ledger posted, booking told), at the moment the demo story says it was paid. The
 * payment row is written directly because the story's bookings were made in the past, past the
 * deadline a checkout would still accept.
 */
export async function payDemoBooking(input: {
	bookingId: string;
	playerId: string;
	amountFen: number;
	paidAt: Date;
}): Promise<void> {
	const outTradeNo = newProviderNumber("P", input.paidAt);
	await db()
		.insert(payments)
		.values({
			bookingId: input.bookingId,
			payerId: input.playerId,
			purpose: "full",
			method: "sandbox",
			channel: "sandbox",
			outTradeNo,
			amountFen: input.amountFen,
			expiresAt: new Date(input.paidAt.getTime() + 15 * 60_000),
			createdAt: input.paidAt,
		});
	await applyProviderResult({
		method: "sandbox",
		eventId: `demo:${outTradeNo}`,
		kind: "sandbox",
		outTradeNo,
		providerTradeNo: `SANDBOX-${outTradeNo}`,
		amountFen: input.amountFen,
		merchantMatches: true,
		outcome: "succeeded",
		paidAt: input.paidAt,
	});
}
