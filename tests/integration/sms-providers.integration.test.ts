import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { rereadSettings } from "~/lib/config.server";
import { aliyunSms } from "~/modules/accounts/messaging/aliyun-sms.server";
import { providerFor } from "~/modules/accounts/messaging/providers.server";
import { tencentSms } from "~/modules/accounts/messaging/tencent-sms.server";
import { type FakeAliyunSms, startFakeAliyunSms } from "../fakes/aliyun-sms";
import { type FakeTencentSms, startFakeTencentSms } from "../fakes/tencent-sms";

/**
 * The real Aliyun and Tencent SDKs, signing real requests, against loopback fakes that verify
 * those signatures with the known secrets. No database is used here.
 */
const message = (recipient: string, code = "482913") => ({
	recipient,
	subject: null,
	body: `【球伴】您的验证码是 ${code}，10 分钟内有效。`,
	template: "accounts.verification_code",
});

/** providerFor keeps one provider per process; forget it so SMS_PROVIDER is read again. */
function forgetSmsProvider(): void {
	(globalThis as { __cuepal?: Map<string, unknown> }).__cuepal?.delete("provider:sms");
}

afterEach(() => {
	vi.unstubAllEnvs();
	rereadSettings();
	forgetSmsProvider();
});

describe("Aliyun SMS", () => {
	const keys = { accessKeyId: "LTAI5tFakeAccessKey0001", secret: "fake-aliyun-access-key-secret-0001" };
	let fake: FakeAliyunSms;
	const settings = (overrides: Record<string, string | undefined> = {}) => ({
		ALIYUN_SMS_ACCESS_KEY_ID: keys.accessKeyId,
		ALIYUN_SMS_ACCESS_KEY_SECRET: keys.secret,
		ALIYUN_SMS_SIGN_NAME: "球伴",
		ALIYUN_SMS_TEMPLATE_CODE: "SMS_480120001",
		ALIYUN_SMS_ENDPOINT: fake.url,
		...overrides,
	});

	beforeAll(async () => {
		fake = await startFakeAliyunSms(keys);
	});
	afterAll(() => fake.close());

	it("delivers the code to a mainland number, sent without +86", async () => {
		await aliyunSms(settings()).send(message("+8613800000001"));
		expect(fake.sent.at(-1)).toMatchObject({
			accessKeyId: keys.accessKeyId,
			phoneNumbers: "13800000001",
			signName: "球伴",
			templateCode: "SMS_480120001",
			templateParam: { code: "482913" },
		});
	});

	it("passes a number outside the mainland on as stored", async () => {
		await aliyunSms(settings()).send(message("+85291234567", "100200"));
		expect(fake.sent.at(-1)).toMatchObject({ phoneNumbers: "+85291234567", templateParam: { code: "100200" } });
	});

	it("reads process.env and is chosen by SMS_PROVIDER=aliyun", async () => {
		for (const [name, value] of Object.entries(settings())) vi.stubEnv(name, value);
		vi.stubEnv("SMS_PROVIDER", "aliyun");
		// Settings are read once per process; this test changes them, so it reads them again.
		rereadSettings();
		const provider = await providerFor("sms");
		expect(provider.name).toBe("aliyun");
		await provider.send(message("13800000002", "654321"));
		expect(fake.sent.at(-1)).toMatchObject({ phoneNumbers: "13800000002", templateParam: { code: "654321" } });
	});

	it("throws when the fake rejects a request signed with the wrong secret", async () => {
		const before = fake.sent.length;
		const provider = aliyunSms(settings({ ALIYUN_SMS_ACCESS_KEY_SECRET: "not-the-secret" }));
		await expect(provider.send(message("+8613800000001"))).rejects.toThrow(/SignatureDoesNotMatch/);
		expect(fake.rejected.at(-1)).toBe("SignatureDoesNotMatch");
		expect(fake.sent.length).toBe(before);
	});

	it("throws when the access key is unknown", async () => {
		const provider = aliyunSms(settings({ ALIYUN_SMS_ACCESS_KEY_ID: "LTAI5tSomeoneElse" }));
		await expect(provider.send(message("+8613800000001"))).rejects.toThrow(/InvalidAccessKeyId\.NotFound/);
	});

	it("throws with Aliyun's code when the answer is not OK", async () => {
		fake.failNextWith("isv.BUSINESS_LIMIT_CONTROL", "触发号码天级流控");
		await expect(aliyunSms(settings()).send(message("+8613800000001"))).rejects.toThrow(/isv\.BUSINESS_LIMIT_CONTROL/);
	});

	it("throws when the body carries no verification code", async () => {
		const before = fake.sent.length;
		await expect(aliyunSms(settings()).send({ ...message("+8613800000001"), body: "欢迎来到球伴" })).rejects.toThrow(
			/6-digit verification code/,
		);
		expect(fake.sent.length).toBe(before);
	});

	it.each(["ALIYUN_SMS_ACCESS_KEY_ID", "ALIYUN_SMS_ACCESS_KEY_SECRET", "ALIYUN_SMS_SIGN_NAME", "ALIYUN_SMS_TEMPLATE_CODE"])(
		"refuses to start without %s, naming it",
		(name) => {
			expect(() => aliyunSms(settings({ [name]: undefined }))).toThrow(name);
			expect(() => aliyunSms(settings({ [name]: "" }))).toThrow(name);
		},
	);

	it("refuses plain http to a host that is not loopback", () => {
		expect(() => aliyunSms(settings({ ALIYUN_SMS_ENDPOINT: "http://dysmsapi.aliyuncs.com" }))).toThrow(/ALIYUN_SMS_ENDPOINT/);
	});
});

describe("Tencent Cloud SMS", () => {
	const keys = { secretId: "AKIDFakeSecretId0000000000000001", secret: "fake-tencent-secret-key-0001" };
	let fake: FakeTencentSms;
	const settings = (overrides: Record<string, string | undefined> = {}) => ({
		TENCENT_SMS_SECRET_ID: keys.secretId,
		TENCENT_SMS_SECRET_KEY: keys.secret,
		TENCENT_SMS_SDK_APP_ID: "1400000001",
		TENCENT_SMS_SIGN_NAME: "球伴",
		TENCENT_SMS_TEMPLATE_ID: "2000001",
		TENCENT_SMS_ENDPOINT: fake.url,
		...overrides,
	});

	beforeAll(async () => {
		fake = await startFakeTencentSms(keys);
	});
	afterAll(() => fake.close());

	it("delivers the code to a mainland number in E.164 with +86", async () => {
		await tencentSms(settings()).send(message("+8613800000001"));
		expect(fake.sent.at(-1)).toMatchObject({
			secretId: keys.secretId,
			region: "ap-guangzhou",
			phoneNumber: "+8613800000001",
			smsSdkAppId: "1400000001",
			signName: "球伴",
			templateId: "2000001",
			templateParamSet: ["482913"],
		});
	});

	it("adds +86 to a bare mainland number and honours TENCENT_SMS_REGION", async () => {
		await tencentSms(settings({ TENCENT_SMS_REGION: "ap-beijing" })).send(message("13800000003", "777888"));
		expect(fake.sent.at(-1)).toMatchObject({ phoneNumber: "+8613800000003", region: "ap-beijing", templateParamSet: ["777888"] });
	});

	it("reads process.env and is chosen by SMS_PROVIDER=tencent", async () => {
		for (const [name, value] of Object.entries(settings())) vi.stubEnv(name, value);
		vi.stubEnv("SMS_PROVIDER", "tencent");
		// Settings are read once per process; this test changes them, so it reads them again.
		rereadSettings();
		const provider = await providerFor("sms");
		expect(provider.name).toBe("tencent");
		await provider.send(message("+8613800000004", "135790"));
		expect(fake.sent.at(-1)).toMatchObject({ phoneNumber: "+8613800000004", templateParamSet: ["135790"] });
	});

	it("throws when the fake rejects a request signed with the wrong secret key", async () => {
		const before = fake.sent.length;
		const provider = tencentSms(settings({ TENCENT_SMS_SECRET_KEY: "not-the-secret-key" }));
		await expect(provider.send(message("+8613800000001"))).rejects.toThrow(/AuthFailure\.SignatureFailure/);
		expect(fake.rejected.at(-1)).toBe("AuthFailure.SignatureFailure");
		expect(fake.sent.length).toBe(before);
	});

	it("throws when the SecretId is unknown", async () => {
		const provider = tencentSms(settings({ TENCENT_SMS_SECRET_ID: "AKIDSomeoneElse" }));
		await expect(provider.send(message("+8613800000001"))).rejects.toThrow(/AuthFailure\.SecretIdNotFound/);
	});

	it("throws with Tencent's code when a send status is not Ok", async () => {
		fake.failNextWith("LimitExceeded.PhoneNumberDailyLimit", "单个手机号日下发条数超过设定的上限");
		await expect(tencentSms(settings()).send(message("+8613800000001"))).rejects.toThrow(/LimitExceeded\.PhoneNumberDailyLimit/);
	});

	it.each([
		"TENCENT_SMS_SECRET_ID",
		"TENCENT_SMS_SECRET_KEY",
		"TENCENT_SMS_SDK_APP_ID",
		"TENCENT_SMS_SIGN_NAME",
		"TENCENT_SMS_TEMPLATE_ID",
	])("refuses to start without %s, naming it", (name) => {
		expect(() => tencentSms(settings({ [name]: undefined }))).toThrow(name);
		expect(() => tencentSms(settings({ [name]: " " }))).toThrow(name);
	});
});
