import { createHash } from "node:crypto";
import { AlipaySdk } from "alipay-sdk";
import { readAlipayKey } from "~/lib/alipay-keys";
import { settings } from "~/lib/config.server";
import { singleton } from "~/lib/singleton.server";

/**
 * The one Alipay open-platform client, shared by sign-in (accounts/social) and payments: the same
 * app id and RSA2 keys serve both, so the keys are read and checked in one place.
 */
export interface AlipayConfig {
	appId: string;
	/** The app's private key: signs every request. */
	privateKey: string;
	/** Alipay's public key: verifies answers and notifications. */
	alipayPublicKey: string;
	gateway: string;
}

export { readAlipayKey };

export const alipayProductionGateway = "https://openapi.alipay.com/gateway.do";

/** The configured app, or null while any of its three settings is missing. */
export function alipayConfig(): AlipayConfig | null {
	const { ALIPAY_APP_ID, ALIPAY_PRIVATE_KEY, ALIPAY_PUBLIC_KEY, ALIPAY_GATEWAY } = settings();
	if (!ALIPAY_APP_ID || !ALIPAY_PRIVATE_KEY || !ALIPAY_PUBLIC_KEY) return null;
	return {
		appId: ALIPAY_APP_ID,
		privateKey: ALIPAY_PRIVATE_KEY,
		alipayPublicKey: ALIPAY_PUBLIC_KEY,
		gateway: ALIPAY_GATEWAY ?? alipayProductionGateway,
	};
}

/** A client for these settings; keys normalised to the PEM encodings the SDK expects. */
export function createAlipaySdk(config: AlipayConfig): AlipaySdk {
	return new AlipaySdk({
		appId: config.appId,
		privateKey: readAlipayKey(config.privateKey, "private").export({ type: "pkcs1", format: "pem" }).toString(),
		keyType: "PKCS1",
		alipayPublicKey: readAlipayKey(config.alipayPublicKey, "public").export({ type: "spki", format: "pem" }).toString(),
		gateway: config.gateway,
		signType: "RSA2",
		timeout: 8000,
	});
}

/** The process's client for the configured app, or null when Alipay is not configured. */
export function alipaySdk(): AlipaySdk | null {
	const config = alipayConfig();
	if (!config) return null;
	// Keyed by the keys too: settings read again with a new key must not reuse the old client.
	const keys = createHash("sha256").update(`${config.privateKey}\n${config.alipayPublicKey}`).digest("hex").slice(0, 16);
	return singleton(`alipay:${config.appId}:${config.gateway}:${keys}`, () => createAlipaySdk(config));
}
