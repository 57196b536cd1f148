import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";

/**
 * An RSA key from a setting, as PEM (PKCS#1 or PKCS#8 / SPKI) or as bare base64 of the DER (what
 * Alipay's key tool prints, and what some WeChat Pay consoles copy); a `\n` written literally
 * (one-line environment files) counts as a line break. Shared by every provider whose keys come
 * from settings. The error names only the setting, never its content.
 */
export function readRsaKey(material: string, kind: "private" | "public", setting: string, hint = "PEM or base64 DER"): KeyObject {
	const text = material.replace(/\\n/g, "\n").trim();
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
	throw new Error(`${setting} is not an RSA ${kind} key (${hint})`);
}
