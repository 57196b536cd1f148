import { db } from "~/lib/db.server";
import { consume } from "~/lib/rate-limit.server";
import { recordAudit } from "~/modules/accounts/admin/audit-log.server";
import { exportAccountPart } from "~/modules/accounts/export-account.server";
import type { UserRow } from "~/modules/accounts/users.server";
import { exportPlayerBookings } from "~/modules/booking/export-bookings.server";
import { coachIdOfUser, coachPublicNames, exportReviewsWritten } from "~/modules/coaches/export-coach-part.server";
import { exportLearningPart } from "~/modules/learning/export-learning.server";
import { termsVersion } from "~/modules/legal/documents";
import { exportPaymentsPart } from "~/modules/payments/export-payments.server";

/** One export per user in this window: each reads every table of theirs, and a copy a few minutes old is still current. */
export const exportWindowSeconds = 300;

/**
 * A user's own data in one JSON document (PIPL's right to access and copy, decision 020). Each
 * module gives its part through its own function; the only other people named are the coaches of
 * the user's lessons, by their public name. Rate-limited and audited.
 */
export async function exportMyData(user: UserRow) {
	await consume({ key: `data-export:user:${user.id}`, points: 1, windowSeconds: exportWindowSeconds });
	const coachId = await coachIdOfUser(user.id);
	const [account, bookings, money, reviews, learning] = await Promise.all([
		exportAccountPart(user),
		exportPlayerBookings(user.id),
		exportPaymentsPart({ userId: user.id, coachId }),
		exportReviewsWritten(user.id),
		exportLearningPart(user.id),
	]);
	const names = await coachPublicNames([
		...bookings.map((booking) => booking.coachId),
		...reviews.map((review) => review.coachId),
		...learning.lessonRecords.map((record) => record.coachId),
	]);
	const coachName = (id: string) => names.get(id) ?? null;
	await recordAudit(db(), { actorId: user.id, action: "account.data_exported", targetType: "user", targetId: user.id });
	return {
		exportedAt: new Date().toISOString(),
		format: "cuepal-personal-data/1",
		moneyUnit: "fen",
		currentTermsVersion: termsVersion,
		...account,
		bookings: bookings.map((booking) => ({ ...booking, coachName: coachName(booking.coachId) })),
		payments: money.payments,
		payoutAccounts: money.payoutAccounts,
		reviewsWritten: reviews.map((review) => ({ ...review, coachName: coachName(review.coachId) })),
		lessonRecords: learning.lessonRecords.map((record) => ({ ...record, coachName: coachName(record.coachId) })),
		practiceLog: learning.practiceLog,
	};
}

/** The download's file name: the day, never the person's name or number. */
export const exportFileName = () => `cuepal-my-data-${new Date().toISOString().slice(0, 10)}.json`;
