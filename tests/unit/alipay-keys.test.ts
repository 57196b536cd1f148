import { createSign, createVerify, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createAlipaySdk, readAlipayKey } from "~/lib/alipay-client.server";
import { readSettings } from "~/lib/config.server";

const appKeys = generateKeyPairSync("rsa", { modulusLength: 2048 });
const alipayKeys = generateKeyPairSync("rsa", { modulusLength: 2048 });

const privateForms = {
	"PKCS#1 PEM": appKeys.privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
	"PKCS#8 PEM": appKeys.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
	"bare base64 (PKCS#8, as Alipay's key tool prints it)": appKeys.privateKey
		.export({ type: "pkcs8", format: "der" })
		.toString("base64"),
	"bare base64 (PKCS#1)": appKeys.privateKey.export({ type: "pkcs1", format: "der" }).toString("base64"),
	"PEM on one line with literal \\n": appKeys.privateKey
		.export({ type: "pkcs1", format: "pem" })
		.toString()
		.replaceAll("\n", "\\n"),
};
const publicForms = {
	"PKCS#1 PEM": alipayKeys.publicKey.export({ type: "pkcs1", format: "pem" }).toString(),
	"SPKI PEM": alipayKeys.publicKey.export({ type: "spki", format: "pem" }).toString(),
	"bare base64 (as the open platform shows Alipay's key)": alipayKeys.publicKey
		.export({ type: "spki", format: "der" })
		.toString("base64"),
};

/** The signature alipay-sdk put on a page-pay URL, checked as Alipay's gateway checks it. */
function urlSignedBy(url: string): boolean {
	const params = new URL(url).searchParams;
	const content = [...params.entries()]
		.filter(([name]) => name !== "sign")
		.sort(([a], [b]) => (a < b ? -1 : 1))
		.map(([name, value]) => `${name}=${value}`)
		.join("&");
	return createVerify("RSA-SHA256")
		.update(content, "utf8")
		.verify(appKeys.publicKey, params.get("sign") ?? "", "base64");
}

describe("Alipay keys in the forms people paste", () => {
	for (const [form, privateKey] of Object.entries(privateForms)) {
		it(`signs requests with an app key given as ${form}`, () => {
			const sdk = createAlipaySdk({
				appId: "2021000000000001",
				privateKey,
				alipayPublicKey: publicForms["SPKI PEM"],
				gateway: "http://127.0.0.1:9/gateway.do",
			});
			const url = sdk.pageExecute("alipay.trade.page.pay", "GET", {
				bizContent: { outTradeNo: "T1", totalAmount: "1.00", subject: "课", productCode: "FAST_INSTANT_TRADE_PAY" },
			});
			expect(urlSignedBy(url)).toBe(true);
		});
	}

	for (const [form, alipayPublicKey] of Object.entries(publicForms)) {
		it(`verifies Alipay's signatures with its key given as ${form}`, () => {
			const sdk = createAlipaySdk({
				appId: "2021000000000001",
				privateKey: privateForms["PKCS#8 PEM"],
				alipayPublicKey,
				gateway: "http://127.0.0.1:9/gateway.do",
			});
			const form: Record<string, string> = { out_trade_no: "T1", total_amount: "12.50", trade_status: "TRADE_SUCCESS" };
			const sign = createSign("RSA-SHA256")
				.update("out_trade_no=T1&total_amount=12.50&trade_status=TRADE_SUCCESS", "utf8")
				.sign(alipayKeys.privateKey, "base64");
			expect(sdk.checkNotifySignV2({ ...form, sign, sign_type: "RSA2" })).toBe(true);
			expect(sdk.checkNotifySignV2({ ...form, total_amount: "125.00", sign, sign_type: "RSA2" })).toBe(false);
		});
	}

	it("says which setting is wrong without echoing the key", () => {
		expect(() => readAlipayKey("not-a-key-at-all", "private")).toThrow(/^ALIPAY_PRIVATE_KEY is not an RSA private key/);
		expect(() => readAlipayKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "public")).toThrow(
			/^ALIPAY_PUBLIC_KEY is not an RSA public key/,
		);
		const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
		expect(() => readAlipayKey(ec.privateKey.export({ type: "pkcs8", format: "pem" }).toString(), "private")).toThrow(
			/ALIPAY_PRIVATE_KEY/,
		);
		try {
			readAlipayKey("secret-material-123", "private");
		} catch (error) {
			expect(String(error)).not.toContain("secret-material-123");
		}
	});
});

describe("Alipay settings at a production start", () => {
	const production = {
		APP_ENV: "production",
		DATABASE_URL: "postgres://app@db/cuepal",
		APP_URL: "https://cuepal.example",
		SESSION_SECRET: "s".repeat(43),
		SMS_PROVIDER: "aliyun",
		SMTP_URL: "smtp://mail.example",
		APP_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString("base64")}`,
		APP_BLIND_INDEX_KEY: Buffer.alloc(32, 2).toString("base64"),
	};
	const alipay = {
		ALIPAY_APP_ID: "2021000000000001",
		ALIPAY_PRIVATE_KEY: privateForms["bare base64 (PKCS#8, as Alipay's key tool prints it)"],
		ALIPAY_PUBLIC_KEY: publicForms["bare base64 (as the open platform shows Alipay's key)"],
	};

	it("starts without Alipay, or with all of it readable", () => {
		expect(readSettings(production).ALIPAY_APP_ID).toBeUndefined();
		expect(readSettings({ ...production, ...alipay }).ALIPAY_APP_ID).toBe("2021000000000001");
	});

	it("refuses to start with half of Alipay set, naming what is missing", () => {
		expect(() => readSettings({ ...production, ALIPAY_APP_ID: "2021000000000001" })).toThrow(
			/ALIPAY_PRIVATE_KEY: needed with ALIPAY_APP_ID[\s\S]*ALIPAY_PUBLIC_KEY: needed/,
		);
	});

	it("refuses to start with a key that is not one, without echoing it", () => {
		const env = { ...production, ...alipay, ALIPAY_PUBLIC_KEY: "CHANGE_ME_ALIPAY_PUBLIC_KEY" };
		expect(() => readSettings(env)).toThrow(/ALIPAY_PUBLIC_KEY is not an RSA public key/);
		expect(() => readSettings(env)).not.toThrow(/CHANGE_ME/);
		// A public key pasted where the private key belongs.
		expect(() => readSettings({ ...production, ...alipay, ALIPAY_PRIVATE_KEY: alipay.ALIPAY_PUBLIC_KEY })).toThrow(
			/ALIPAY_PRIVATE_KEY is not an RSA private key/,
		);
	});

	it("leaves development alone: Alipay is simply not used until it is complete", () => {
		expect(readSettings({ ALIPAY_APP_ID: "2021000000000001", ALIPAY_PRIVATE_KEY: "k" }).ALIPAY_APP_ID).toBe("2021000000000001");
	});
});
