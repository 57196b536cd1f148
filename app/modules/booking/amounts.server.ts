import { settings } from "~/lib/config.server";

/** What a player pays now for a lesson: the deposit (a share of the price, rounded up to the fen) or the whole price. */
export function amountDueFen(priceFen: number, paymentPlan: "deposit" | "full"): number {
	return paymentPlan === "full" ? priceFen : Math.ceil((priceFen * settings().BOOKING_DEPOSIT_PERCENT) / 100);
}
