import { createHash, createSign, createVerify, type KeyObject, randomBytes } from "node:crypto";
import { settings } from "~/lib/config.server";
import { logger } from "~/lib/logger.server";
import { singleton } from "~/lib/singleton.server";
import { readWechatMerchantKey, readWechatPlatformKey } from "~/lib/wechatpay-keys";

/**
 * WeChat Pay API v3 on the wire, with node:crypto and fetch (no SDK: the one with a settable host
 * adds little over these ~150 lines). Every request carries `Authorization: WECHATPAY2-SHA256-RSA2048`
 * signed with the merchant key over `METHOD\nPATH\nTS\nNONCE\nBODY\n`; every answer (and every
 * notification) must carry WeChat Pay's signature over `TS\nNONCE\nBODY\n`, checked with the
 * platform public key whose id (`PUB_KEY_ID_…`) it names.
 */
export interface WechatPayConfig {
	mchid: string;
	appid: string;
	/** The merchant API certificate's serial number, named in every request. */
	serial: string;
	merchantKey: KeyObject;
	platformKey: KeyObject;
	platformKeyId: string;
	/** Decrypts notification resources (AEAD_AES_256_GCM). */
	apiV3Key: Buffer;
	baseUrl: string;
}

export const wechatpayProductionBase = "https://api.mch.weixin.qq.com";

/** The configured merchant, or null while any of its settings is missing (or a key cannot be read outside production). */
export function wechatpayConfig(): WechatPayConfig | null {
	const current = settings();
	const {
		WECHATPAY_MCHID: mchid,
		WECHATPAY_APPID: appid,
		WECHATPAY_SERIAL: serial,
		WECHATPAY_PRIVATE_KEY: privateKey,
		WECHATPAY_PUBLIC_KEY: publicKey,
		WECHATPAY_PUBLIC_KEY_ID: platformKeyId,
		WECHATPAY_APIV3_KEY: apiV3Key,
	} = current;
	if (!mchid || !appid || !serial || !privateKey || !publicKey || !platformKeyId || !apiV3Key) return null;
	const baseUrl = (current.WECHATPAY_BASE_URL ?? wechatpayProductionBase).replace(/\/+$/, "");
	// Keyed by the key material: settings read again with other keys must not reuse the old ones.
	const fingerprint = createHash("sha256").update(`${privateKey}\n${publicKey}\n${apiV3Key}`).digest("hex").slice(0, 16);
	return singleton(`wechatpay:${mchid}:${appid}:${serial}:${platformKeyId}:${baseUrl}:${fingerprint}`, () => {
		try {
			return {
				mchid,
				appid,
				serial,
				merchantKey: readWechatMerchantKey(privateKey),
				platformKey: readWechatPlatformKey(publicKey),
				platformKeyId,
				apiV3Key: Buffer.from(apiV3Key, "utf8"),
				baseUrl,
			};
		} catch (error) {
			// Production refuses to start with such keys (config.server); elsewhere the method is not offered.
			logger.warn({ provider: "wechatpay", reason: error instanceof Error ? error.message : "unreadable" }, "wechatpay keys");
			return null;
		}
	});
}

export const nonce = () => randomBytes(16).toString("hex");

export function signWithMerchantKey(config: WechatPayConfig, message: string): string {
	return createSign("RSA-SHA256").update(message).sign(config.merchantKey, "base64");
}

/** The Authorization header of one request; `pathWithQuery` exactly as sent. */
export function authorization(config: WechatPayConfig, method: string, pathWithQuery: string, body: string): string {
	const timestamp = String(Math.floor(Date.now() / 1000));
	const nonceStr = nonce();
	const signature = signWithMerchantKey(config, `${method}\n${pathWithQuery}\n${timestamp}\n${nonceStr}\n${body}\n`);
	return `WECHATPAY2-SHA256-RSA2048 mchid="${config.mchid}",nonce_str="${nonceStr}",signature="${signature}",timestamp="${timestamp}",serial_no="${config.serial}"`;
}

/** WeChat Pay's advice: refuse a signed message more than five minutes away from now (a replay). */
const freshnessSeconds = 300;

export type SignatureCheck = "ok" | "missing_signature" | "unknown_serial" | "stale" | "bad_signature";

/** Checks WeChat Pay's signature headers over a body exactly as received. */
export function checkWechatSignature(
	config: WechatPayConfig,
	header: (name: string) => string | undefined,
	body: string,
	now = Date.now(),
): SignatureCheck {
	const signature = header("wechatpay-signature");
	const timestamp = header("wechatpay-timestamp");
	const nonceStr = header("wechatpay-nonce");
	const serial = header("wechatpay-serial");
	if (!signature || !timestamp || !nonceStr || !serial) return "missing_signature";
	// Only the platform public key we were given; a certificate serial or another key id is not ours.
	if (serial !== config.platformKeyId) return "unknown_serial";
	if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > freshnessSeconds) return "stale";
	try {
		const valid = createVerify("RSA-SHA256")
			.update(`${timestamp}\n${nonceStr}\n${body}\n`)
			.verify(config.platformKey, signature, "base64");
		return valid ? "ok" : "bad_signature";
	} catch {
		return "bad_signature";
	}
}

/**
 * WeChat Pay refused or could not be reached, or its answer was not signed by WeChat Pay. Carries
 * no response content (it can hold payer data): the operation, a short reason and WeChat's code.
 */
export class WechatPayError extends Error {
	constructor(
		readonly operation: string,
		readonly reason: "not_configured" | "unreachable" | "bad_answer" | "refused",
		readonly code?: string,
		readonly httpStatus?: number,
	) {
		super(`WeChat Pay ${operation}: ${reason}${code ? ` (${code})` : ""}`);
		this.name = "WechatPayError";
	}
}

export function requireWechatPay(operation: string): WechatPayConfig {
	const config = wechatpayConfig();
	if (!config) throw new WechatPayError(operation, "not_configured");
	return config;
}

export interface WechatAnswer {
	status: number;
	json: Record<string, unknown> | null;
	text: string;
}

/**
 * One signed request; the answer must be signed by WeChat Pay (checked before it is read).
 * A refusal (4xx with `{ code, message }`) is returned for the caller to judge; a server error,
 * no answer or an unsigned one throws.
 */
export async function wechatRequest(
	operation: string,
	method: "GET" | "POST",
	pathWithQuery: string,
	body?: Record<string, unknown>,
	// `headers`: e.g. Wechatpay-Serial, naming the platform key a field was encrypted with.
	options: { url?: string; signedAnswer?: boolean; headers?: Record<string, string> } = {},
): Promise<WechatAnswer> {
	const config = requireWechatPay(operation);
	const text = body === undefined ? "" : JSON.stringify(body);
	let response: Response;
	try {
		response = await fetch(options.url ?? `${config.baseUrl}${pathWithQuery}`, {
			method,
			headers: {
				authorization: authorization(config, method, pathWithQuery, text),
				accept: "application/json",
				"user-agent": "cuepal/1 (node)",
				...(body === undefined ? {} : { "content-type": "application/json" }),
				...options.headers,
			},
			body: body === undefined ? undefined : text,
			signal: AbortSignal.timeout(8000),
		});
	} catch {
		logger.warn({ provider: "wechatpay", operation, reason: "unreachable" }, "wechatpay call failed");
		throw new WechatPayError(operation, "unreachable");
	}
	const answer = await response.text();
	if (response.status >= 500) {
		logger.warn({ provider: "wechatpay", operation, status: response.status }, "wechatpay server error");
		throw new WechatPayError(operation, "unreachable", codeOf(answer), response.status);
	}
	if (options.signedAnswer !== false) {
		const check = checkWechatSignature(config, (name) => response.headers.get(name) ?? undefined, answer);
		if (check !== "ok") {
			logger.warn({ provider: "wechatpay", operation, reason: check }, "wechatpay answer not signed by WeChat Pay");
			throw new WechatPayError(operation, "bad_answer", check, response.status);
		}
	}
	let json: Record<string, unknown> | null = null;
	if (answer && options.signedAnswer !== false) {
		try {
			const parsed: unknown = JSON.parse(answer);
			json = typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : null;
		} catch {
			throw new WechatPayError(operation, "bad_answer", "not_json", response.status);
		}
	}
	return { status: response.status, json, text: answer };
}

function codeOf(text: string): string | undefined {
	try {
		const code = (JSON.parse(text) as { code?: unknown }).code;
		return typeof code === "string" ? code : undefined;
	} catch {
		return undefined;
	}
}

export function refusedBy(operation: string, answer: WechatAnswer): WechatPayError {
	const code = typeof answer.json?.code === "string" ? answer.json.code : undefined;
	logger.warn({ provider: "wechatpay", operation, status: answer.status, code }, "wechatpay refused");
	return new WechatPayError(operation, "refused", code, answer.status);
}
