import DysmsapiModule, { SendSmsRequest } from "@alicloud/dysmsapi20170525";
import type { MessageProvider } from "./providers.server";
import { parseEndpoint, readSmsSettings, requiredSetting, settingWithDefault, verificationCode } from "./sms-settings.server";

// The SDK is CommonJS with `exports.default`: Node hands an ESM importer the whole module object as
// the default export, a bundler hands over `exports.default`. Accept both.
const Dysmsapi =
	(DysmsapiModule as unknown as { default?: typeof DysmsapiModule }).default ?? (DysmsapiModule as typeof DysmsapiModule);
type DysmsapiConfig = ConstructorParameters<typeof DysmsapiModule>[0];

const settingsShape = {
	ALIYUN_SMS_ACCESS_KEY_ID: requiredSetting,
	ALIYUN_SMS_ACCESS_KEY_SECRET: requiredSetting,
	ALIYUN_SMS_SIGN_NAME: requiredSetting,
	ALIYUN_SMS_TEMPLATE_CODE: requiredSetting,
	ALIYUN_SMS_ENDPOINT: settingWithDefault("dysmsapi.aliyuncs.com"),
};

/** Aliyun wants mainland numbers without +86; numbers elsewhere are passed on as stored. */
export function aliyunPhoneNumber(recipient: string): string {
	const mainland = recipient.match(/^\+86(1\d{10})$/);
	return mainland ? mainland[1]! : recipient;
}

/**
 * Aliyun SMS (dysmsapi 2017-05-25 SendSms). The SDK signs with ACS3-HMAC-SHA256; an answer other
 * than Code "OK" throws, naming Aliyun's code, so the delivery job retries.
 */
export function aliyunSms(env?: NodeJS.ProcessEnv): MessageProvider {
	const settings = readSmsSettings("Aliyun", settingsShape, env);
	const endpoint = parseEndpoint("ALIYUN_SMS_ENDPOINT", settings.ALIYUN_SMS_ENDPOINT);
	// The client only reads these fields from its config (openapi-core's Config model).
	const config = {
		accessKeyId: settings.ALIYUN_SMS_ACCESS_KEY_ID,
		accessKeySecret: settings.ALIYUN_SMS_ACCESS_KEY_SECRET,
		endpoint: endpoint.host,
		protocol: endpoint.protocol,
		connectTimeout: 5_000,
		readTimeout: 10_000,
	} as DysmsapiConfig;
	const client = new Dysmsapi(config);

	return {
		name: "aliyun",
		async send(message) {
			// SMS providers in China only send pre-approved templates, and our SMS templates are all verification codes for now.
			const code = verificationCode(message.body);
			const request = new SendSmsRequest({
				phoneNumbers: aliyunPhoneNumber(message.recipient),
				signName: settings.ALIYUN_SMS_SIGN_NAME,
				templateCode: settings.ALIYUN_SMS_TEMPLATE_CODE,
				templateParam: JSON.stringify({ code }),
			});
			let answer: Awaited<ReturnType<typeof client.sendSms>>;
			try {
				answer = await client.sendSms(request);
			} catch (error) {
				throw providerError(error);
			}
			const body = answer.body;
			if (body?.code !== "OK") {
				throw new Error(`Aliyun SMS refused the message: ${body?.code ?? "no code"} ${body?.message ?? ""}`.trim());
			}
		},
	};
}

/** SDK errors carry Aliyun's code apart from the message; keep both in what the outbox records. */
function providerError(error: unknown): Error {
	if (error instanceof Error) {
		const code = (error as { code?: unknown }).code;
		return new Error(`Aliyun SMS request failed: ${typeof code === "string" ? `${code} ` : ""}${error.message}`, {
			cause: error,
		});
	}
	return new Error("Aliyun SMS request failed", { cause: error });
}
