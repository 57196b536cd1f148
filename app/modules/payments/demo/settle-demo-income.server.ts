import { and, eq, isNotNull } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { findUserByPhone } from "~/modules/accounts/users.server";
import { findCoachOfUser } from "~/modules/coaches/application/coach-record.server";
import { bookings, payments } from "../../../../db/schema";
import { applyProviderResult } from "../apply-provider-result.server";
import { releaseDueSettlements } from "../income/release-settlement.server";
import { settleBooking } from "../income/settle-booking.server";
import { newProviderNumber } from "../out-trade-no";

/**
 * The demo coach's income on a fresh start, through the real paths with the clock moved: each
 * completed demo lesson settles as its completion's reaction would have at the time (pending),
 * the player tips the oldest one a day later, and the release job runs now, so what is past its
 * dispute window is available to withdraw. Idempotent: every posting is keyed, so a restart adds nothing.
 */
export async function settleDemoIncome(now = new Date()): Promise<number> {
	const coachUser = await findUserByPhone("+8613800000002");
	const coach = coachUser ? await findCoachOfUser(coachUser.id, db()) : undefined;
	if (!coach) return 0;
	const completed = await db()
		.select({ id: bookings.id, playerId: bookings.playerId, completedAt: bookings.completedAt })
		.from(bookings)
		.where(and(eq(bookings.coachId, coach.id), eq(bookings.status, "completed"), isNotNull(bookings.completedAt)))
		.orderBy(bookings.completedAt);
	for (const lesson of completed) {
		await db().transaction((tx) => settleBooking(tx, lesson.id, { now: lesson.completedAt as Date }));
	}
	const oldest = completed[0];
	if (oldest) await tipOnce(oldest.id, oldest.playerId, new Date((oldest.completedAt as Date).getTime() + 24 * 3_600_000));
	return releaseDueSettlements(now);
}

/** A ¥20 sandbox tip, paid through the one payment path (which settles it), unless the lesson has one already. */
async function tipOnce(bookingId: string, playerId: string, paidAt: Date): Promise<void> {
	const [tipped] = await db()
		.select({ id: payments.id })
		.from(payments)
		.where(and(eq(payments.bookingId, bookingId), eq(payments.purpose, "tip")))
		.limit(1);
	if (tipped) return;
	const outTradeNo = newProviderNumber("P", paidAt);
	await db()
		.insert(payments)
		.values({
			bookingId,
			payerId: playerId,
			purpose: "tip",
			method: "sandbox",
			channel: "sandbox",
			outTradeNo,
			amountFen: 2_000,
			expiresAt: new Date(paidAt.getTime() + 15 * 60_000),
			createdAt: paidAt,
		});
	await applyProviderResult({
		method: "sandbox",
		eventId: `demo:${outTradeNo}`,
		kind: "sandbox",
		outTradeNo,
		providerTradeNo: `SANDBOX-${outTradeNo}`,
		amountFen: 2_000,
		merchantMatches: true,
		outcome: "succeeded",
		paidAt,
	});
}
