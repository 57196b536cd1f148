import { randomInt } from "node:crypto";

/**
 * The number a provider knows a payment or refund by: a prefix, the Beijing date and random
 * digits, 26 characters — within WeChat Pay's 32 and Alipay's 64, letters and digits only, and
 * unguessable so it cannot be used to look up someone else's trade.
 */
export function newProviderNumber(prefix: "P" | "R", now = new Date()): string {
	const beijing = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll("-", "");
	let digits = "";
	for (let index = 0; index < 17; index++) digits += String(randomInt(10));
	return `CP${prefix}${beijing}${digits}`;
}
