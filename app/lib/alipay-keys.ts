import type { KeyObject } from "node:crypto";
import { readRsaKey } from "./rsa-keys";

/**
 * Keys as PEM (PKCS#1 or PKCS#8 / SPKI) or as the bare base64 Alipay's key tool prints; a `\n`
 * written literally (one-line environment files) counts as a line break. The error names only
 * which setting is wrong, never its content.
 */
export function readAlipayKey(material: string, kind: "private" | "public"): KeyObject {
	const setting = kind === "private" ? "ALIPAY_PRIVATE_KEY" : "ALIPAY_PUBLIC_KEY";
	return readRsaKey(material, kind, setting, "PEM, or the base64 of Alipay's key tool");
}

/**
 * What is wrong with the Alipay settings, one line each: all three of app id and keys or none,
 * and keys that read as RSA keys. Checked at start in production, where a bad key would otherwise
 * surface only when a buyer pays.
 */
export function alipaySettingProblems(settings: {
	ALIPAY_APP_ID?: string;
	ALIPAY_PRIVATE_KEY?: string;
	ALIPAY_PUBLIC_KEY?: string;
}): string[] {
	const names = ["ALIPAY_APP_ID", "ALIPAY_PRIVATE_KEY", "ALIPAY_PUBLIC_KEY"] as const;
	const given = names.filter((name) => settings[name]);
	if (given.length === 0) return [];
	const problems = names.filter((name) => !settings[name]).map((name) => `${name}: needed with ${given.join(", ")}`);
	for (const [name, kind] of [
		["ALIPAY_PRIVATE_KEY", "private"],
		["ALIPAY_PUBLIC_KEY", "public"],
	] as const) {
		const material = settings[name];
		if (!material) continue;
		try {
			readAlipayKey(material, kind);
		} catch (error) {
			problems.push(error instanceof Error ? error.message : `${name}: unreadable`);
		}
	}
	return problems;
}
