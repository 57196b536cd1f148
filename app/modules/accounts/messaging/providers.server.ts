import { isProduction, settings } from "~/lib/config.server";
import { logger } from "~/lib/logger.server";
import { singleton } from "~/lib/singleton.server";

/** The port every SMS and email provider implements; a failure throws so the job retries. */
export interface MessageProvider {
	name: string;
	send(message: { recipient: string; subject: string | null; body: string; template: string }): Promise<void>;
}

/**
 * Development and test delivery: the message stays in the outbox table, readable at /dev/outbox.
 * Refused in production, where a real provider must be configured.
 */
const developmentOutbox: MessageProvider = {
	name: "outbox",
	async send(message) {
		if (isProduction()) throw new Error("no message provider is configured");
		logger.debug({ template: message.template }, "message kept in the development outbox");
	},
};

async function smtpProvider(url: string, from: string): Promise<MessageProvider> {
	const { createTransport } = await import("nodemailer");
	const transport = createTransport(url);
	return {
		name: "smtp",
		async send(message) {
			await transport.sendMail({ from, to: message.recipient, subject: message.subject ?? "", text: message.body });
		},
	};
}

async function smsProvider(): Promise<MessageProvider> {
	switch (settings().SMS_PROVIDER) {
		case "aliyun":
			return (await import("./aliyun-sms.server")).aliyunSms();
		case "tencent":
			return (await import("./tencent-sms.server")).tencentSms();
		default:
			return developmentOutbox;
	}
}

export function providerFor(channel: "sms" | "email"): Promise<MessageProvider> {
	return singleton(`provider:${channel}`, () => {
		if (channel === "sms") return smsProvider();
		const { SMTP_URL: url, MAIL_FROM: from } = settings();
		return url ? smtpProvider(url, from ?? "CuePal <no-reply@cuepal.cn>") : Promise.resolve(developmentOutbox);
	});
}
