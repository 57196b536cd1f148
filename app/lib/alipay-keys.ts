import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";

/**
 * Keys as PEM (PKCS#1 or PKCS#8 / SPKI) or as the bare base64 Alipay's key tool prints; a `\n`
 * written literally (one-line environment files) counts as a line break. The error names only
 * which setting is wrong, never its content.
 */
export function readAlipayKey(material: string, kind: "private" | "public"): KeyObject {
	const text = material.replace(/\\n/g, "\n").trim();
	const setting = kind === "private" ? "ALIPAY_PRIVATE_KEY" : "ALIPAY_PUBLIC_KEY";
	try {
		if (text.startsWith("-----BEGIN")) {
			const key = kind === "private" ? createPrivateKey(text) : createPublicKey(text);
			if (key.asymmetricKeyType === "rsa") return key;
		}
	} catch {
		// reported below
	}
	if (!text.startsWith("-----BEGIN")) {
		const der = Buffer.from(text.replace(/\s+/g, ""), "base64");
		const types = kind === "private" ? (["pkcs8", "pkcs1"] as const) : (["spki", "pkcs1"] as const);
		for (const type of types) {
			try {
				const key =
					kind === "private"
						? createPrivateKey({ key: der, format: "der", type: type as "pkcs8" | "pkcs1" })
						: createPublicKey({ key: der, format: "der", type: type as "spki" | "pkcs1" });
				if (key.asymmetricKeyType === "rsa") return key;
			} catch {
				// try the other encoding
			}
		}
	}
	throw new Error(`${setting} is not an RSA ${kind} key (PEM, or the base64 of Alipay's key tool)`);
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
