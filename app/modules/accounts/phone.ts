import { z } from "zod";

/**
 * Phone numbers in E.164. Mainland numbers may be typed bare ("13800000001") or with +86 and must
 * be real mobile numbers (1[3-9] and nine digits); other country codes are accepted as E.164.
 */
export function normalisePhone(input: string): string | null {
	const compact = input.replace(/[\s()-]/g, "");
	const mainland = compact.match(/^(?:\+?86|0086)?(1[3-9]\d{9})$/);
	if (mainland) return `+86${mainland[1]}`;
	if (/^\+86/.test(compact)) return null;
	const international = compact.replace(/^00/, "+");
	return /^\+[1-9]\d{6,14}$/.test(international) ? international : null;
}

export const phoneSchema = z
	.string({ error: "accounts.errors.phoneRequired" })
	.trim()
	.min(1, "accounts.errors.phoneRequired")
	.max(24, "accounts.errors.phoneInvalid")
	.transform((value, context) => {
		const phone = normalisePhone(value);
		if (!phone) {
			context.addIssue({ code: "custom", message: "accounts.errors.phoneInvalid" });
			return z.NEVER;
		}
		return phone;
	});

/** 138****0001: what the UI shows of a number. */
export function maskPhone(phone: string): string {
	const local = phone.startsWith("+86") ? phone.slice(3) : phone;
	return local.length > 7 ? `${local.slice(0, 3)}****${local.slice(-4)}` : local;
}
