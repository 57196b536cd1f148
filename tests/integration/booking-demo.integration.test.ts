import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { listNotifications } from "~/modules/accounts/notifications.server";
import { findUserByPhone } from "~/modules/accounts/users.server";
import { listAllBookings } from "~/modules/booking/admin/list-all-bookings.server";
import { adminBookingFilterSchema } from "~/modules/booking/admin/schema";
import { seedDemoBookings } from "~/modules/booking/demo/seed-demo-bookings.server";
import { roomState } from "~/modules/booking/online-lesson/room";
import { listBookings } from "~/modules/booking/read-bookings.server";
import { verifyLedger } from "~/modules/payments/ledger/verify-ledger.server";
import { executeRefund } from "~/modules/payments/refunds/execute-refund.server";
import { seedDemoData } from "~/server/demo-data";
import { bookings, ledgerJournals, payments, refunds } from "../../db/schema";
import { settleDomainEvents } from "../support/events";

// What a fresh `npm start` loads: accounts, the coaches, then the bookings (the coaches take a while).
beforeAll(async () => {
	await seedDemoData();
});

describe("demo bookings", () => {
	it("give the demo player bookings of the demo coach in every state, with their notifications, once", async () => {
		const player = await findUserByPhone("+8613800000001");
		const rows = await db()
			.select()
			.from(bookings)
			.where(eq(bookings.playerId, player?.id as string));
		expect(new Set(rows.map((row) => row.status))).toEqual(
			new Set([
				"pending_payment",
				"pending_confirmation",
				"confirmed",
				"in_progress",
				"completed",
				"expired",
				"rejected",
				"cancelled",
				"no_show",
				"disputed",
			]),
		);
		// One lesson the coach finished waits for the player's confirmation; one disputed waits for the back office.
		expect(
			rows.some(
				(row) =>
					row.status === "in_progress" && row.finishedAt !== null && row.finishedAt > new Date(Date.now() - 24 * 3_600_000),
			),
		).toBe(true);
		const disputed = await listAllBookings(adminBookingFilterSchema.parse({ status: "disputed" }));
		expect(disputed.bookings.map((booking) => booking.player.id)).toContain(player?.id);
		expect(disputed.bookings[0]?.completion.dispute).toMatchObject({ openedBy: "player", resolution: null });
		expect((await listNotifications(player?.id as string)).length).toBeGreaterThan(5);
		// A second start adds nothing.
		expect(await seedDemoBookings()).toBe(0);
		expect(
			(
				await db()
					.select()
					.from(bookings)
					.where(eq(bookings.playerId, player?.id as string))
			).length,
		).toBe(rows.length);
	});

	it("give the demo player a confirmed online lesson whose video room is open now and still in an hour", async () => {
		const player = await findUserByPhone("+8613800000001");
		const online = (
			await db()
				.select()
				.from(bookings)
				.where(eq(bookings.playerId, player?.id as string))
		).filter((row) => row.locationKind === "online");
		expect(online.map((row) => row.status)).toEqual(["confirmed"]);
		const lesson = online[0] as (typeof online)[number];
		expect(roomState(lesson, new Date())).toBe("open");
		expect(roomState(lesson, new Date(Date.now() + 60 * 60_000))).toBe("open");
	});

	it("show the demo player the demo coach's adjustment of a booking, waiting for an answer", async () => {
		const player = await findUserByPhone("+8613800000001");
		const mine = await listBookings({ caller: { userId: player?.id as string, roles: ["player"] }, role: "player" });
		const adjusted = mine.filter((booking) => booking.pendingChange);
		expect(adjusted).toHaveLength(1);
		expect(adjusted[0]).toMatchObject({
			status: "pending_confirmation",
			pendingChange: { kind: "adjust", by: "coach", location: { kind: "address" } },
		});
		expect(adjusted[0]?.pendingChange?.startsAt).not.toBeNull();
	});

	it("are paid through the payments sandbox, so the ledger holds every demo payment and its refunds, and balances", async () => {
		const player = await findUserByPhone("+8613800000001");
		const paid = (
			await db()
				.select()
				.from(bookings)
				.where(eq(bookings.playerId, player?.id as string))
		).filter((row) => row.paidFen > 0);
		const received = await db()
			.select()
			.from(payments)
			.where(eq(payments.payerId, player?.id as string));
		expect(
			received
				.filter((payment) => payment.status === "succeeded")
				.map((payment) => payment.bookingId)
				.sort(),
		).toEqual(paid.map((row) => row.id).sort());
		// The cancelled and rejected bookings are refunded once their events are delivered (here without a worker).
		await settleDomainEvents();
		for (const refund of await db().select().from(refunds)) await executeRefund(refund.id);
		const ended = paid.filter((row) => row.status === "cancelled" || row.status === "rejected");
		for (const row of ended) {
			const [settled] = await db()
				.select()
				.from(ledgerJournals)
				.where(eq(ledgerJournals.idempotencyKey, `booking-ended:${row.id}`));
			expect(settled, `booking ${row.status} settled`).toBeDefined();
		}
		expect((await verifyLedger(db())).breaks).toEqual([]);
	});
});
