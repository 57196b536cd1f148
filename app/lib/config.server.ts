import { isIP } from "node:net";
import { z } from "zod";
import { alipaySettingProblems } from "./alipay-keys";
import { wechatpaySettingProblems } from "./wechatpay-keys";

/**
 * Every setting the app reads, validated once at start. Nothing else reads `process.env`, except
 * the start itself (app/server/start.ts and dev-secrets.ts), which completes the environment
 * before it is read: development secrets, the embedded database's URL. `APP_ENV` says what kind of deployment
 * this is; `NODE_ENV` only selects the optimised build.
 */
const settingsSchema = z.object({
	APP_ENV: z.enum(["development", "test", "production"]).default("development"),
	PORT: z.coerce.number().int().min(0).max(65535).default(3000),
	HOST: z.string().default("0.0.0.0"),
	ROLE: z.enum(["all", "web", "worker"]).default("all"),
	DATABASE_URL: z.string().optional(),
	APP_URL: z.string().url().optional(),
	SESSION_SECRET: z.string().min(32).optional(),
	APP_ENCRYPTION_KEYS: z.string().optional(),
	APP_BLIND_INDEX_KEY: z.string().optional(),
	/** Unset: `info`, or `silent` under APP_ENV=test. */
	LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
	/** Where local state lives: the embedded database, uploads, development secrets. */
	DATA_DIR: z.string().min(1).default(".data"),
	/** Where `npm start` finds the build. */
	BUILD_DIR: z.string().min(1).default("build"),
	/** Production migrates in its own step; `1` migrates on start as well. */
	MIGRATE_ON_START: z.enum(["0", "1"]).default("0"),
	/** `0` skips the demo data of a development start. */
	SEED: z.enum(["0", "1"]).default("1"),
	DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
	/** A query running longer is cancelled by PostgreSQL, so a hung database fails requests (503) instead of holding them. */
	DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
	/** How long a request waits for a free pool connection before it fails (503). */
	DB_POOL_WAIT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
	/**
	 * The proxies whose X-Forwarded-For is believed (comma-separated IPs or CIDRs, or `loopback`):
	 * anyone else's is ignored, so a client cannot choose its own address for rate limits and logs.
	 */
	TRUSTED_PROXIES: z
		.string()
		.default("")
		.refine((value) => splitList(value).every(isProxyAddress), "each entry must be an IP address, a CIDR range or loopback"),
	/** `Authorization: Bearer …` for /metrics and the detailed /healthz; required for them in production. */
	METRICS_TOKEN: z.string().min(16).optional(),
	/**
	 * `app`: the app compresses answers (gzip 6, not brotli: decision 024); `off`: it
	 * leaves that to the ingress in front of it, which then must compress.
	 */
	HTTP_COMPRESSION: z.enum(["app", "off"]).default("app"),
	SEARCH_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(3_000),
	/** The ICP licence (ICP备案/许可证号) shown in every page's footer, e.g. `沪ICP备2026000001号-1`; unset: not shown. */
	ICP_LICENSE: z.string().trim().min(1).max(60).optional(),
	/** The public-security filing, e.g. `京公网安备11010502030001号` (linked to beian.mps.gov.cn); unset: not shown. */
	PSB_FILING: z
		.string()
		.trim()
		.regex(/^\p{Script=Han}公网安备\s?\d{14}号$/u, "must read like 京公网安备11010502030001号")
		.optional(),
	/** Reviews: the prior a coach's Bayesian rating is shrunk toward (the platform's typical star average). */
	REVIEW_PRIOR_MEAN: z.coerce.number().min(1).max(5).default(4.5),
	/** Reviews: how many reviews' worth of weight the prior carries (m in (m·C + Σ) / (m + n)). */
	REVIEW_PRIOR_WEIGHT: z.coerce.number().int().min(0).max(1000).default(5),
	/** Reliability: below this many booking requests in 90 days a profile says 数据不足 rather than a rate. */
	RELIABILITY_MIN_BOOKINGS: z.coerce.number().int().min(1).max(1000).default(5),
	/** Moderation: how often (ms) an instance reads the forbidden-word list's version to learn of another instance's change. */
	MODERATION_WORDS_RECHECK_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
	/** Community: minutes after posting during which the author may edit a post or comment. */
	COMMUNITY_EDIT_WINDOW_MINUTES: z.coerce.number().int().min(0).max(10_080).default(60),
	/** Community: the summed weight of open flags (new 1, member 2, trusted 4) that hides a post or comment for a moderator. */
	COMMUNITY_FLAG_HIDE_WEIGHT: z.coerce.number().int().min(1).max(1000).default(8),
	/** Community: posts and comments a user may write per hour (an IP five times as many). */
	COMMUNITY_POSTS_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(10),
	COMMUNITY_COMMENTS_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(60),
	/** Booking: minutes to pay before an unpaid booking expires and frees its time. */
	BOOKING_PAYMENT_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
	/** Booking: the deposit, as a percentage of the price, when the player pays a deposit. */
	BOOKING_DEPOSIT_PERCENT: z.coerce.number().int().min(1).max(100).default(30),
	/** Booking: hours a coach has to answer a paid booking before it is cancelled with a full refund. */
	BOOKING_ANSWER_HOURS: z.coerce.number().int().min(1).max(168).default(12),
	/** Booking: hours after the coach's finish (or a started lesson's end) before it completes by itself. */
	BOOKING_AUTO_COMPLETE_HOURS: z.coerce.number().int().min(1).max(720).default(24),
	/** Booking: hours after completion during which the player or the coach can still report a problem. */
	BOOKING_DISPUTE_WINDOW_HOURS: z.coerce.number().int().min(1).max(720).default(72),
	/** The platform's commission on a coach's income, in basis points (1500 = 15%). */
	PLATFORM_COMMISSION_BPS: z.coerce.number().int().min(0).max(5000).default(1500),
	/** A venue's share of a lesson held at it, in basis points; 0 while there are no venues. */
	VENUE_SHARE_BPS: z.coerce.number().int().min(0).max(5000).default(0),
	PAYMENTS_SANDBOX: z.enum(["0", "1"]).optional(),
	SMS_PROVIDER: z.enum(["aliyun", "tencent", "outbox"]).optional(),
	SMTP_URL: z.string().optional(),
	MAIL_FROM: z.string().optional(),
	WECHAT_OAUTH_APPID: z.string().optional(),
	WECHAT_OAUTH_SECRET: z.string().optional(),
	WECHAT_OAUTH_BASE: z.string().url().optional(),
	WECHAT_OAUTH_API_BASE: z.string().url().optional(),
	ALIPAY_OAUTH_BASE: z.string().url().optional(),
	ALIPAY_APP_ID: z.string().optional(),
	ALIPAY_PRIVATE_KEY: z.string().optional(),
	ALIPAY_PUBLIC_KEY: z.string().optional(),
	ALIPAY_GATEWAY: z.string().url().optional(),
	/**
	 * Alipay transfers to coaches (alipay.fund.trans.uni.transfer) need public-key certificate mode:
	 * the app's certificate, Alipay's public-key certificate and Alipay's root certificate (PEM
	 * contents). Without all three, withdrawals to Alipay are not offered.
	 */
	ALIPAY_APP_CERT: z.string().optional(),
	ALIPAY_PUBLIC_CERT: z.string().optional(),
	ALIPAY_ROOT_CERT: z.string().optional(),
	/** Withdrawals: the smallest amount (fen, default ¥100), what one coach may take out per Beijing day, and above what staff approve first. */
	WITHDRAWAL_MIN_FEN: z.coerce.number().int().min(1).default(10_000),
	WITHDRAWAL_DAILY_LIMIT_FEN: z.coerce.number().int().min(1).max(2_147_483_647).default(5_000_000),
	WITHDRAWAL_APPROVAL_THRESHOLD_FEN: z.coerce.number().int().min(0).default(200_000),
	/** WeChat Pay API v3 (all of the first seven, or none): merchant, app, merchant key and certificate serial, platform public key and its id, APIv3 key. */
	WECHATPAY_MCHID: z.string().optional(),
	WECHATPAY_APPID: z.string().optional(),
	WECHATPAY_SERIAL: z.string().optional(),
	WECHATPAY_PRIVATE_KEY: z.string().optional(),
	WECHATPAY_PUBLIC_KEY: z.string().optional(),
	WECHATPAY_PUBLIC_KEY_ID: z.string().optional(),
	WECHATPAY_APIV3_KEY: z.string().optional(),
	WECHATPAY_BASE_URL: z.string().url().optional(),
	/** The transfer scene (转账场景) the merchant has opened for WeChat Pay transfer bills: 1005 is 佣金报酬. */
	WECHATPAY_TRANSFER_SCENE_ID: z
		.string()
		.regex(/^\d{4}$/)
		.default("1005"),
	/** Stripe, for overseas cards (Checkout Sessions): offered only with both the secret key and the webhook secret. */
	STRIPE_SECRET_KEY: z.string().optional(),
	STRIPE_WEBHOOK_SECRET: z.string().optional(),
	STRIPE_API_BASE: z.string().url().optional(),
	/** The official account's AppSecret (公众号, AppID = WECHATPAY_APPID): exchanges the snsapi_base code for the payer's openid. */
	WECHAT_MP_APP_SECRET: z.string().optional(),
	/** Files: an S3-compatible bucket (AWS S3, Aliyun OSS, MinIO) when S3_BUCKET is set, else `${DATA_DIR}/uploads`. */
	S3_BUCKET: z.string().optional(),
	S3_ENDPOINT: z.string().url().optional(),
	S3_REGION: z.string().optional(),
	S3_ACCESS_KEY_ID: z.string().optional(),
	S3_SECRET_ACCESS_KEY: z.string().optional(),
	S3_FORCE_PATH_STYLE: z.enum(["0", "1"]).optional(),
	/** Encryption at rest asked of the bucket for every object; `none` only for a store that refuses the header. */
	S3_SERVER_SIDE_ENCRYPTION: z.enum(["AES256", "aws:kms", "none"]).default("AES256"),
	/** Where public files are read from directly (a CDN or the bucket's public `public/` prefix); else the app serves them. */
	S3_PUBLIC_URL: z.string().url().optional(),
	/** Place search (高德 Web服务 key); without one, coaches pick from the bundled district list. */
	AMAP_KEY: z.string().min(1).optional(),
	/** The key's 数字签名 secret: when set, every AMap request is signed (`sig`). */
	AMAP_SECRET: z.string().min(1).optional(),
	AMAP_API_BASE: z.string().url().default("https://restapi.amap.com"),
	/** How long a place search waits for AMap before showing the district list instead. */
	AMAP_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3_000),
	/** Online lessons: a LiveKit server or LiveKit Cloud project (wss://…); video is off unless all three are set. */
	LIVEKIT_URL: z.string().url().optional(),
	LIVEKIT_API_KEY: z.string().min(1).optional(),
	LIVEKIT_API_SECRET: z.string().min(1).optional(),
	/** Lesson recordings (LiveKit Egress into the S3_* bucket): days a recording is kept before the daily job deletes it. */
	RECORDING_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
	/** Where in the bucket Egress writes lesson recordings (`<prefix>/<booking>/<recording>.mp4`). */
	RECORDING_S3_PREFIX: z
		.string()
		.regex(/^[a-z0-9][a-z0-9-]{0,40}$/)
		.default("lesson-recordings"),
});

export type Settings = z.infer<typeof settingsSchema>;

export function splitList(value: string): string[] {
	return value
		.split(",")
		.map((entry) => entry.trim())
		.filter(Boolean);
}

function isProxyAddress(entry: string): boolean {
	if (entry === "loopback") return true;
	const [address = "", bits, ...rest] = entry.split("/");
	const family = isIP(address);
	if (family === 0 || rest.length > 0) return false;
	if (bits === undefined) return true;
	return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/** Settings a production deployment cannot run without. */
const requiredInProduction = ["DATABASE_URL", "APP_URL", "SESSION_SECRET", "APP_ENCRYPTION_KEYS", "APP_BLIND_INDEX_KEY"] as const;

export class ConfigError extends Error {}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
	const parsed = settingsSchema.safeParse(env);
	if (!parsed.success) {
		const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
		throw new ConfigError(`Invalid settings:\n${lines.join("\n")}`);
	}
	const settings = parsed.data;
	if (settings.APP_ENV === "production") {
		const missing: string[] = requiredInProduction.filter((name) => !settings[name]);
		// Codes must really leave: production needs an SMS provider and a mail server.
		if (!settings.SMS_PROVIDER || settings.SMS_PROVIDER === "outbox") missing.push("SMS_PROVIDER (aliyun or tencent)");
		if (!settings.SMTP_URL) missing.push("SMTP_URL");
		if (missing.length > 0) {
			throw new ConfigError(
				`APP_ENV=production needs these settings, which are not set: ${missing.join(", ")} (see .env.example)`,
			);
		}
	}
	// A malformed key would let the server start and then fail every sign-in and every read of
	// personal data: refuse to start instead, naming the setting (never echoing the key).
	const keyProblems = encryptionKeyProblems(settings);
	if (keyProblems.length > 0) throw new ConfigError(`Invalid keys:\n${keyProblems.map((line) => `  ${line}`).join("\n")}`);
	// Likewise Alipay's: in production a half-set or unreadable Alipay setting stops the start.
	const alipayProblems = settings.APP_ENV === "production" ? alipaySettingProblems(settings) : [];
	if (alipayProblems.length > 0) {
		throw new ConfigError(`Invalid Alipay settings:\n${alipayProblems.map((line) => `  ${line}`).join("\n")}`);
	}
	const wechatpayProblems = settings.APP_ENV === "production" ? wechatpaySettingProblems(settings) : [];
	if (wechatpayProblems.length > 0) {
		throw new ConfigError(`Invalid WeChat Pay settings:\n${wechatpayProblems.map((line) => `  ${line}`).join("\n")}`);
	}
	return settings;
}

/** Base64 (standard or URL-safe, padding optional) that decodes to exactly `bytes` bytes. */
export function isBase64OfLength(value: string, bytes: number): boolean {
	if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return false;
	const decoded = Buffer.from(value, value.includes("-") || value.includes("_") ? "base64url" : "base64");
	// Node skips characters it cannot read instead of failing: re-encoding shows whether every one counted.
	const again = decoded.toString(value.includes("-") || value.includes("_") ? "base64url" : "base64").replace(/=+$/, "");
	return decoded.length === bytes && again === value.replace(/=+$/, "");
}

/** What is wrong with APP_ENCRYPTION_KEYS and APP_BLIND_INDEX_KEY, one line each (empty when fine or unset). */
export function encryptionKeyProblems(settings: Pick<Settings, "APP_ENCRYPTION_KEYS" | "APP_BLIND_INDEX_KEY">): string[] {
	const problems: string[] = [];
	if (settings.APP_ENCRYPTION_KEYS !== undefined) {
		const entries = settings.APP_ENCRYPTION_KEYS.split(",").map((part) => part.trim());
		const ids = new Set<string>();
		entries.forEach((entry, position) => {
			const [id = "", material = "", ...rest] = entry.split(":");
			if (!/^[A-Za-z0-9_-]{1,32}$/.test(id) || rest.length > 0 || !isBase64OfLength(material, 32)) {
				problems.push(
					`APP_ENCRYPTION_KEYS: entry ${position + 1} is not 'id:base64-of-32-bytes' (generate one with: openssl rand -base64 32)`,
				);
			} else if (ids.has(id)) {
				problems.push(`APP_ENCRYPTION_KEYS: key id '${id}' appears twice`);
			}
			ids.add(id);
		});
	}
	if (settings.APP_BLIND_INDEX_KEY !== undefined && !isBase64OfLength(settings.APP_BLIND_INDEX_KEY.trim(), 32)) {
		problems.push("APP_BLIND_INDEX_KEY: not base64 of 32 bytes (generate one with: openssl rand -base64 32)");
	}
	return problems;
}

let cached: Settings | undefined;

/** The settings of this process, read on first use. */
export function settings(): Settings {
	cached ??= readSettings();
	return cached;
}

/**
 * Reads the settings again: for the start, which learns the embedded database's URL only once it
 * runs and puts it in the environment like any other setting.
 */
export function rereadSettings(): Settings {
	cached = readSettings();
	return cached;
}

/**
 * A provider's own settings (each SMS provider has its keys), validated by the provider's schema
 * when the provider is created; read here, like every other setting.
 */
export function providerSettings<Shape extends z.ZodRawShape>(shape: Shape, env: NodeJS.ProcessEnv = process.env) {
	return z.object(shape).safeParse(env);
}

/** The level the logs are written at. */
export const logLevel = (current: Settings) => current.LOG_LEVEL ?? (current.APP_ENV === "test" ? "silent" : "info");

export const isProduction = () => settings().APP_ENV === "production";
