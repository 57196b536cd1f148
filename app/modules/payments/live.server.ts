import { sql } from "drizzle-orm";
import type { Transaction } from "~/lib/db.server";
import { defineLiveChannel, liveResponse } from "~/lib/live.server";

const channel = "payment_changes";
const topicOf = (paymentId: string) => `payment:${paymentId}`;

defineLiveChannel(channel, (payload) => {
	const paymentId = (payload as { paymentId?: unknown }).paymentId;
	return typeof paymentId === "string" ? [topicOf(paymentId)] : [];
});

/** Tells the payer's result page, on whichever instance it is open, that the payment changed (on commit). */
export async function notifyPaymentChange(tx: Transaction, paymentId: string): Promise<void> {
	await tx.execute(sql`select pg_notify(${channel}, ${JSON.stringify({ paymentId })})`);
}

/** The stream the result page listens to while it waits for the provider's word. */
export const paymentFeed = (request: Request, paymentId: string) => liveResponse(request, channel, topicOf(paymentId));
