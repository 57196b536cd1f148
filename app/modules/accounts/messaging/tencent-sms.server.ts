import { sms } from "tencentcloud-sdk-nodejs-sms";
import type { MessageProvider } from "./providers.server";
import { parseEndpoint, readSmsSettings, requiredSetting, settingWithDefault, verificationCode } from "./sms-settings.server";

const settingsShape = {
	TENCENT_SMS_SECRET_ID: requiredSetting,
	TENCENT_SMS_SECRET_KEY: requiredSetting,
	TENCENT_SMS_SDK_APP_ID: requiredSetting,
	TENCENT_SMS_SIGN_NAME: requiredSetting,
	TENCENT_SMS_TEMPLATE_ID: requiredSetting,
	TENCENT_SMS_REGION: settingWithDefault("ap-guangzhou"),
	TENCENT_SMS_ENDPOINT: settingWithDefault("sms.tencentcloudapi.com"),
};

/** Tencent wants E.164 (+8613800000001); a bare mainland mobile number gets its +86. */
export function tencentPhoneNumber(recipient: string): string {
	return /^1[3-9]\d{9}$/.test(recipient) ? `+86${recipient}` : recipient;
}

/**
 * Tencent Cloud SMS (sms 2021-01-11 SendSms), signed with TC3-HMAC-SHA256 by the SDK. A request
 * error or a send status other than "Ok" throws, naming Tencent's code, so the delivery job retries.
 */
export function tencentSms(env?: NodeJS.ProcessEnv): MessageProvider {
	const settings = readSmsSettings("Tencent", settingsShape, env);
	const endpoint = parseEndpoint("TENCENT_SMS_ENDPOINT", settings.TENCENT_SMS_ENDPOINT);
	const client = new sms.v20210111.Client({
		credential: { secretId: settings.TENCENT_SMS_SECRET_ID, secretKey: settings.TENCENT_SMS_SECRET_KEY },
		region: settings.TENCENT_SMS_REGION,
		profile: {
			signMethod: "TC3-HMAC-SHA256",
			httpProfile: { endpoint: endpoint.host, protocol: `${endpoint.protocol}://`, reqMethod: "POST", reqTimeout: 10 },
		},
	});

	return {
		name: "tencent",
		async send(message) {
			// SMS providers in China only send pre-approved templates, and our SMS templates are all verification codes for now.
			const code = verificationCode(message.body);
			let answer: Awaited<ReturnType<typeof client.SendSms>>;
			try {
				answer = await client.SendSms({
					PhoneNumberSet: [tencentPhoneNumber(message.recipient)],
					SmsSdkAppId: settings.TENCENT_SMS_SDK_APP_ID,
					SignName: settings.TENCENT_SMS_SIGN_NAME,
					TemplateId: settings.TENCENT_SMS_TEMPLATE_ID,
					TemplateParamSet: [code],
				});
			} catch (error) {
				throw providerError(error);
			}
			const statuses = answer.SendStatusSet ?? [];
			if (statuses.length === 0) throw new Error("Tencent SMS answered without a send status");
			for (const status of statuses) {
				if (status.Code !== "Ok") {
					throw new Error(`Tencent SMS refused the message: ${status.Code ?? "no code"} ${status.Message ?? ""}`.trim());
				}
			}
		},
	};
}

/** SDK errors carry Tencent's code (e.g. AuthFailure.SignatureFailure) apart from the message. */
function providerError(error: unknown): Error {
	if (error instanceof Error) {
		const code = (error as { code?: unknown }).code;
		return new Error(`Tencent SMS request failed: ${typeof code === "string" && code ? `${code} ` : ""}${error.message}`, {
			cause: error,
		});
	}
	return new Error("Tencent SMS request failed", { cause: error });
}
