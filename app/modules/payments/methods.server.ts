import { isProduction, settings } from "~/lib/config.server";
import type { PaymentChannel, PaymentMethod } from "./methods";
import { alipayConfigured } from "./providers/alipay.server";
import { stripeConfigured } from "./providers/stripe.server";
import { wechatpayConfigured } from "./providers/wechatpay.server";

export { type PaymentChannel, type PaymentMethod, paymentChannels, paymentMethods } from "./methods";

/** The ways each method can be paid, in the order a device prefers them. */
const channelsOf: Record<PaymentMethod, readonly PaymentChannel[]> = {
	alipay: ["page", "wap", "qr"],
	wechatpay: ["native", "h5", "jsapi"],
	stripe: ["page"],
	sandbox: ["sandbox"],
};

/**
 * The sandbox cashier (a built-in page that completes or fails a payment through the same path
 * as a provider's notification) is on when PAYMENTS_SANDBOX=1, or outside production while no
 * provider is configured. Production never gets it by accident: only PAYMENTS_SANDBOX=1 turns it on.
 */
export function sandboxEnabled(): boolean {
	const flag = settings().PAYMENTS_SANDBOX;
	if (flag === "1") return true;
	if (flag === "0" || isProduction()) return false;
	return !alipayConfigured() && !wechatpayConfigured() && !stripeConfigured();
}

/** The methods offered at checkout: only those with configuration (and the sandbox when it is on). */
export function offeredMethods(): PaymentMethod[] {
	const offered: PaymentMethod[] = [];
	if (alipayConfigured()) offered.push("alipay");
	if (wechatpayConfigured()) offered.push("wechatpay");
	if (stripeConfigured()) offered.push("stripe");
	if (sandboxEnabled()) offered.push("sandbox");
	return offered;
}

export const methodOffered = (method: PaymentMethod) => offeredMethods().includes(method);

/** The channel a method uses on this device when the payer did not pick one (desktop page, phone WAP…). */
export function defaultChannel(method: PaymentMethod, device: { phone: boolean; inWeChat: boolean }): PaymentChannel {
	if (method === "alipay") return device.phone ? "wap" : "page";
	if (method === "wechatpay") return device.inWeChat ? "jsapi" : device.phone ? "h5" : "native";
	return channelsOf[method][0] as PaymentChannel;
}

export const channelFits = (method: PaymentMethod, channel: PaymentChannel) => channelsOf[method].includes(channel);

/** What a User-Agent says about the device, enough to pick a channel. */
export function deviceOf(userAgent: string | undefined | null): { phone: boolean; inWeChat: boolean } {
	const agent = userAgent ?? "";
	return { phone: /Mobile|Android|iPhone|iPad|HarmonyOS/i.test(agent), inWeChat: /MicroMessenger/i.test(agent) };
}
