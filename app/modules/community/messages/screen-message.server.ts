import { AppError, badRequest } from "~/lib/errors";
import { normalizeForMatching } from "~/modules/moderation/normalize";
import { screenText } from "~/modules/moderation/screen-text.server";

/**
 * Requests to pay or meet outside the app, the trade's known scam (a "partner" who asks for a deposit
 * by WeChat transfer and disappears). They are refused in messages whatever the editable word list
 * holds, with a warning instead of a plain refusal.
 */
const offPlatformPayment = [
	"加微信转账",
	"微信转账",
	"支付宝转账",
	"私下交易",
	"私下转账",
	"私下付款",
	"线下付款",
	"先付定金",
	"转账给我",
	"加我微信",
	"加微信",
	"vx转账",
].map(normalizeForMatching);

// A mainland mobile number, even with spaces or dashes between its digits: phone numbers never pass.
const mobileNumber = /(?<!\d)1[3-9](?:[\s-]?\d){9}(?!\d)/;

/**
 * A message's text as it may be stored, or a refusal (nothing is stored): the scam warning for
 * off-platform payment and phone numbers; the listed words by their category's action, where hold
 * refuses too (a private message has no moderator queue to wait in) and replace stars the word out.
 */
export async function screenMessage(body: string): Promise<string> {
	const normalized = normalizeForMatching(body);
	if (offPlatformPayment.some((phrase) => normalized.includes(phrase)) || mobileNumber.test(body)) {
		throw badRequest("social.messages.errors.offPlatform", { body: "social.messages.errors.offPlatform" });
	}
	const screening = await screenText([body]);
	if (screening.action === "block" || screening.action === "hold") {
		const words = screening.action === "block" ? screening.blockedWords : screening.words;
		throw new AppError(400, "validation_failed", "social.messages.errors.forbiddenWord", {
			params: { words: words.join("、") },
			fields: { body: "social.messages.errors.forbiddenWord" },
		});
	}
	return screening.texts[0] ?? body;
}
