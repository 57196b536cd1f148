import { readRsaKey } from "./rsa-keys";

/** The WeChat Pay settings that make the provider: all of them or none (WECHATPAY_BASE_URL has a default). */
export const wechatpaySettingNames = [
	"WECHATPAY_MCHID",
	"WECHATPAY_APPID",
	"WECHATPAY_SERIAL",
	"WECHATPAY_PRIVATE_KEY",
	"WECHATPAY_PUBLIC_KEY",
	"WECHATPAY_PUBLIC_KEY_ID",
	"WECHATPAY_APIV3_KEY",
] as const;

type WechatpaySettings = Partial<Record<(typeof wechatpaySettingNames)[number], string>>;

/** The merchant's API private key: signs every request and the JSAPI paySign. */
export const readWechatMerchantKey = (material: string) =>
	readRsaKey(material, "private", "WECHATPAY_PRIVATE_KEY", "PEM of apiclient_key.pem, or its base64");
/** WeChat Pay's platform public key (the PUB_KEY_ID_… mode): verifies answers and notifications. */
export const readWechatPlatformKey = (material: string) =>
	readRsaKey(material, "public", "WECHATPAY_PUBLIC_KEY", "PEM of pub_key.pem, or its base64");

/**
 * What is wrong with the WeChat Pay settings, one line each: all of them or none, keys that read
 * as RSA keys, an APIv3 key of exactly 32 bytes (AES-256) and a public key id as the merchant
 * platform shows it. Checked at start in production, where it would otherwise surface only when a
 * payer pays or a notification cannot be read. Never echoes a value.
 */
export function wechatpaySettingProblems(settings: WechatpaySettings): string[] {
	const given = wechatpaySettingNames.filter((name) => settings[name]);
	if (given.length === 0) return [];
	const problems = wechatpaySettingNames
		.filter((name) => !settings[name])
		.map((name) => `${name}: needed with ${given.join(", ")}`);
	for (const [name, read] of [
		["WECHATPAY_PRIVATE_KEY", readWechatMerchantKey],
		["WECHATPAY_PUBLIC_KEY", readWechatPlatformKey],
	] as const) {
		const material = settings[name];
		if (!material) continue;
		try {
			read(material);
		} catch (error) {
			problems.push(error instanceof Error ? error.message : `${name}: unreadable`);
		}
	}
	if (settings.WECHATPAY_APIV3_KEY && Buffer.byteLength(settings.WECHATPAY_APIV3_KEY, "utf8") !== 32) {
		problems.push("WECHATPAY_APIV3_KEY: must be the 32 characters set as APIv3 key in the merchant platform");
	}
	if (settings.WECHATPAY_PUBLIC_KEY_ID && !/^PUB_KEY_ID_[0-9A-Za-z_]+$/.test(settings.WECHATPAY_PUBLIC_KEY_ID)) {
		problems.push("WECHATPAY_PUBLIC_KEY_ID: must look like PUB_KEY_ID_… (the platform public key's id)");
	}
	if (settings.WECHATPAY_SERIAL && !/^[0-9A-Fa-f]{8,64}$/.test(settings.WECHATPAY_SERIAL)) {
		problems.push("WECHATPAY_SERIAL: must be the merchant API certificate's serial number (hexadecimal)");
	}
	return problems;
}
