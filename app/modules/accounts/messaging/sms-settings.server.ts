import { z } from "zod";
import { providerSettings } from "~/lib/config.server";

/** A setting that must be present (an empty value counts as missing). */
export const requiredSetting = z.string().trim().min(1);

/** A setting with a default, also used when the variable is set but empty. */
export function settingWithDefault(fallback: string) {
	return z.preprocess(
		(value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
		z.string().trim().default(fallback),
	);
}

/**
 * Reads one SMS provider's settings from the environment when the provider is created, so a
 * missing key stops the start (or the first delivery) with the variable's name instead of failing
 * later inside the SDK.
 */
export function readSmsSettings<Shape extends z.ZodRawShape>(
	provider: string,
	shape: Shape,
	env?: NodeJS.ProcessEnv,
): z.infer<z.ZodObject<Shape>> {
	const result = providerSettings(shape, env);
	if (result.success) return result.data;
	const names = [...new Set(result.error.issues.map((issue) => String(issue.path[0])))];
	throw new Error(`${provider} SMS is not configured: missing or invalid ${names.join(", ")}`);
}

const loopbackHosts = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * An endpoint setting is a host ("dysmsapi.aliyuncs.com", spoken to over https) or a URL. Plain
 * http is accepted for loopback hosts only: that is the test fakes, never a real provider.
 */
export function parseEndpoint(variable: string, value: string): { protocol: "http" | "https"; host: string } {
	if (!/^[a-z]+:\/\//i.test(value)) return { protocol: "https", host: value.replace(/\/+$/, "") };
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new Error(`${variable} is not a host or URL: ${value}`);
	}
	if (url.protocol === "https:") return { protocol: "https", host: url.host };
	if (url.protocol === "http:" && loopbackHosts.has(url.hostname)) return { protocol: "http", host: url.host };
	throw new Error(`${variable} must use https (plain http is only accepted for a loopback test fake)`);
}

/**
 * The verification code in a message body: six digits standing on their own.
 * SMS providers in China only send pre-approved templates, and our SMS templates are all verification codes for now.
 */
export function verificationCode(body: string): string {
	const code = body.match(/(?<!\d)\d{6}(?!\d)/)?.[0];
	if (!code) throw new Error("the SMS body has no 6-digit verification code to fill the provider's template with");
	return code;
}
