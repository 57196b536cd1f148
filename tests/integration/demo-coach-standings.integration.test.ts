import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { refreshDemoCoachStandings } from "~/modules/booking/demo/refresh-demo-standings.server";
import { demoCoachIds, seedDemoCoaches } from "~/modules/coaches/demo/seed-demo-coaches.server";
import { coaches } from "../../db/schema";
import { bookableCoach } from "../support/bookings";

/**
 * The demo data runs at every development start (and the bench's), on databases that may hold far
 * more coaches than the demo's own: its standings step gives the demo coaches their reliability
 * figures, and leaves every other coach to the daily recomputation, so a start does not walk
 * 100,000 coaches one by one (it took minutes on the bench's database). The step runs as
 * `seedDemoData` runs it, after the demo accounts and coaches.
 */
let otherCoachId: string;

beforeAll(async () => {
	await db().transaction(async (tx) => (await seedDemoAccounts(tx)) + (await seedDemoCoaches(tx)));
	otherCoachId = (await bookableCoach("非演示教练")).coachId;
});

describe("the demo data's coach standings", () => {
	it("give every demo coach reliability figures", async () => {
		await refreshDemoCoachStandings();
		const ids = await demoCoachIds(db());
		expect(ids.length).toBeGreaterThan(10);
		const demo = await db().select({ reliability: coaches.reliability }).from(coaches).where(inArray(coaches.id, ids));
		expect(demo).toHaveLength(ids.length);
		expect(demo.every((row) => row.reliability !== null)).toBe(true);
	});

	it("leave a coach who is not a demo coach to the daily recomputation", async () => {
		await refreshDemoCoachStandings();
		const [other] = await db().select({ reliability: coaches.reliability }).from(coaches).where(eq(coaches.id, otherCoachId));
		expect(other?.reliability).toBeNull();
	});
});
