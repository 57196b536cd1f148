import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/errors";
import type { Caller } from "~/modules/booking/booking-record.server";
import { payments } from "../../../db/schema";
import { type ApplyOutcome, applyProviderResult } from "./apply-provider-result.server";
import { sandboxEnabled } from "./methods.server";

/**
 * The sandbox cashier's verdict on one of the payer's own sandbox payments, delivered as a
 * provider's notification would be (the same path, the same checks, the same ledger), so what
 * works here works with Alipay. When the sandbox is off it does not exist: 404.
 */
export async function completeSandboxPayment(input: {
	caller: Caller;
	paymentId: string;
	outcome: "success" | "failure";
}): Promise<{ paymentId: string; outcome: ApplyOutcome }> {
	const payment = await sandboxPaymentOf(input.caller, input.paymentId);
	const outcome = await applyProviderResult({
		method: "sandbox",
		eventId: crypto.randomUUID(),
		kind: "sandbox",
		outTradeNo: payment.outTradeNo,
		providerTradeNo: `SANDBOX-${payment.outTradeNo}`,
		amountFen: payment.amountFen,
		merchantMatches: true,
		outcome: input.outcome === "success" ? "succeeded" : "failed",
	});
	return { paymentId: payment.id, outcome };
}

/** The caller's own sandbox payment, or 404 (also for every payment while the sandbox is off). */
export async function sandboxPaymentOf(caller: Caller, paymentId: string) {
	if (!sandboxEnabled() || !/^[0-9a-f-]{36}$/i.test(paymentId)) throw notFound("payments.errors.notFound");
	const [payment] = await db().select().from(payments).where(eq(payments.id, paymentId)).limit(1);
	if (!payment || payment.method !== "sandbox" || payment.payerId !== caller.userId) throw notFound("payments.errors.notFound");
	return payment;
}
