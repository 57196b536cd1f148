import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { createSession } from "~/modules/accounts/sessions.server";
import { findUserByPhone } from "~/modules/accounts/users.server";
import { seedDemoCoaches } from "~/modules/coaches/demo/seed-demo-coaches.server";
import { seedDemoReviewHistory } from "~/modules/coaches/demo/seed-demo-review-history.server";
import { apiCall } from "../support/api-client";
import { staffSessionToken } from "../support/staff";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * A fresh development start looks like a real service to someone trying it: the demo coach has a
 * real-looking name on the ID (the display name stays 李教练), halls have street addresses, and the
 * back office's audit log already holds a review the demo admin did through the reviewer's services.
 */
let app: TestApp;
let admin = "";
let coachToken = "";
let coachId = "";
// The first steps of app/server/demo-data.ts, in its order (the bookings after them are not needed here).
beforeAll(async () => {
	await db().transaction(async (tx) => (await seedDemoAccounts(tx)) + (await seedDemoCoaches(tx)));
});
beforeAll(async () => {
	expect(await seedDemoReviewHistory()).toBe(1);
	// A second start adds nothing.
	expect(await seedDemoReviewHistory()).toBe(0);
	app = await startTestApp();
	admin = await staffSessionToken("13800000005");
	const coachUser = await findUserByPhone("+8613800000002");
	coachToken = (await createSession(coachUser?.id as string, { ip: "127.0.0.1", userAgent: "tests" })).token;
	coachId = (await apiCall(app, "GET", "/coach/application", coachToken)).body.id;
});
afterAll(async () => {
	await app?.close();
});

describe("the demo data of a fresh start", () => {
	it("has an audit log with the demo admin's review of the demo coach's certificate", async () => {
		const audit = await apiCall(app, "GET", "/admin/audit", admin);
		expect(audit.status).toBe(200);
		const actions = audit.body.entries.map((entry: { action: string; actor: { displayName: string } }) => [
			entry.action,
			entry.actor.displayName,
		]);
		expect(actions).toEqual(
			expect.arrayContaining([
				["coach.change.approved", "管理员"],
				["coach.files.viewed", "管理员"],
			]),
		);
		const approval = audit.body.entries.find((entry: { action: string }) => entry.action === "coach.change.approved");
		expect(approval).toMatchObject({ targetName: "李教练", reason: "证书编号已与协会名录核对", detail: { item: "certificate" } });
	});

	it("gives the demo coach a real-looking name on the ID and keeps the display name", async () => {
		const review = await apiCall(app, "GET", `/admin/coach-reviews/${coachId}`, admin);
		expect(review.status).toBe(200);
		expect(review.body.application.identity.realName).toBe("李建国");
		const profile = (await apiCall(app, "GET", `/coaches/${coachId}`, null)).body;
		expect(profile.displayName).toBe("李教练");
		expect(profile.badges).toEqual(expect.arrayContaining(["real_name", "certificate"]));
		const notices = (await apiCall(app, "GET", "/me/notifications", coachToken)).body.items;
		expect(notices[0]).toMatchObject({ kind: "coachChangeApproved", params: { item: "certificate" } });
	});

	it("gives halls a street address, not their name again", async () => {
		const found = (await apiCall(app, "GET", "/coaches?city=shanghai&limit=10", null)).body.items as Array<{ id: string }>;
		expect(found.length).toBeGreaterThan(3);
		for (const { id } of [{ id: coachId }, ...found]) {
			const profile = (await apiCall(app, "GET", `/coaches/${id}`, null)).body;
			for (const place of profile.places as Array<{ name: string; address: string }>) {
				expect(place.address, place.name).not.toContain(place.name);
				expect(place.address, place.name).toMatch(/[区县].+[路街道].*\d+ 号/);
			}
		}
	});
});
