import { AppError, badRequest } from "~/lib/errors";
import { normalizeForMatching } from "~/modules/moderation/normalize";
import { forbiddenWordsIn } from "~/modules/moderation/word-matcher.server";

/**
 * Requests to pay or meet outside the app, the trade's known scam (a "partner" who asks for a deposit
 * by WeChat transfer and disappears). They are refused in messages whatever the editable word list
 * holds, with a warning instead of a plain refusal; the list's own words are refused too.
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

export async function screenMessage(body: string): Promise<void> {
	const normalized = normalizeForMatching(body);
	if (offPlatformPayment.some((phrase) => normalized.includes(phrase)) || mobileNumber.test(body)) {
		throw badRequest("social.messages.errors.offPlatform", { body: "social.messages.errors.offPlatform" });
	}
	const words = await forbiddenWordsIn([body]);
	if (words.length > 0) {
		throw new AppError(400, "validation_failed", "social.messages.errors.forbiddenWord", {
			params: { words: words.join("、") },
			fields: { body: "social.messages.errors.forbiddenWord" },
		});
	}
}
