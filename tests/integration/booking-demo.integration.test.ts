import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { listNotifications } from "~/modules/accounts/notifications.server";
import { findUserByPhone } from "~/modules/accounts/users.server";
import { listAllBookings } from "~/modules/booking/admin/list-all-bookings.server";
import { adminBookingFilterSchema } from "~/modules/booking/admin/schema";
import { seedDemoBookings } from "~/modules/booking/demo/seed-demo-bookings.server";
import { seedDemoData } from "~/server/demo-data";
import { bookings } from "../../db/schema";

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
});
