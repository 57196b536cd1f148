import { decryptOrNull } from "~/lib/crypto.server";
import type { Transaction } from "~/lib/db.server";
import { sealedIn } from "~/lib/encrypted-columns.server";
import { isLocale, type Locale, translate } from "~/lib/i18n";
import { queueMessage } from "~/modules/accounts/messaging/queue-message.server";
import { notify } from "~/modules/accounts/notifications.server";
import { findUserById } from "~/modules/accounts/users.server";
import { users } from "../../../../db/schema";
import { sendJobIn } from "../../../../jobs/send-in";

/** What happens to a coach's payouts that they hear about, in-app and by text. */
export type PayoutNews =
	| "accountChanged"
	| "accountReplaced"
	| "accountRemoved"
	| "withdrawalAwaitsConfirm"
	| "withdrawalPaid"
	| "withdrawalFailed"
	| "withdrawalRejected";

/**
 * Tells the coach, in the transaction of the change: an in-app notification
 * (`accounts.notifications.kinds.payout<News>`) and an SMS (or an e-mail without a phone) through the
 * accounts outbox (`messages.payouts.<news>`), as bookings tell their people.
 */
export async function tellCoach(
	tx: Transaction,
	input: {
		userId: string;
		news: PayoutNews;
		params: Record<string, string>;
		link: string;
		/** An i18n key of why (a failure or a rejection's reason kind), read in the coach's language. */
		reasonKey?: string;
	},
): Promise<void> {
	const person = await findUserById(input.userId, tx);
	if (!person || person.status !== "active") return;
	const locale: Locale = isLocale(person.locale) ? person.locale : "zh-CN";
	const params = input.reasonKey ? { reason: translate(locale, input.reasonKey), ...input.params } : input.params;
	const kind = `payout${input.news[0]?.toUpperCase()}${input.news.slice(1)}`;
	await notify({ userId: input.userId, kind, params, link: input.link }, tx);
	const phone = decryptOrNull(person.phoneEnc, sealedIn(users.phoneEnc, person.id));
	const email = person.emailVerifiedAt ? decryptOrNull(person.emailEnc, sealedIn(users.emailEnc, person.id)) : null;
	if (!phone && !email) return;
	const messageId = await queueMessage(
		{
			channel: phone ? "sms" : "email",
			recipient: (phone ?? email) as string,
			userId: input.userId,
			template: `payouts.${input.news}`,
			params,
			locale,
		},
		tx,
	);
	await sendJobIn(tx, "messaging.deliver", { messageId });
}
