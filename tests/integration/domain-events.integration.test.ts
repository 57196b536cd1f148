import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { recordEvent } from "~/lib/events.server";
import { reinstateUser } from "~/modules/accounts/admin/reinstate-user.server";
import { suspendUser } from "~/modules/accounts/admin/suspend-user.server";
import { deleteAccount } from "~/modules/accounts/delete-account.server";
import { fileStorage } from "~/modules/files/storage.server";
import { auditLog, coachCertificates, coaches, coachPhotos, coachPlaces, domainEvents, storedFiles } from "../../db/schema";
import { stopQueues } from "../../jobs/boss";
import { deliverEvent } from "../../jobs/dispatcher";
import { startWorker } from "../../jobs/worker";
import { createApprovedCoach, createReviewer } from "../support/coach-journey";
import { offset } from "../support/coaches";
import { startTestApp, type TestApp } from "../support/test-app";

/** Waits for what the worker does in the background; fails with what it last saw. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await read();
		if (done(value)) return value;
		if (Date.now() > deadline) throw new Error(`not reached in time; last: ${JSON.stringify(value)}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

let app: TestApp;
const origin = { latitude: 30.2741, longitude: 120.1551 };

beforeAll(async () => {
	app = await startTestApp();
	await startWorker();
});
afterAll(async () => {
	await stopQueues();
	await app?.close();
});

const searchIds = async (point: { latitude: number; longitude: number }) => {
	const response = await fetch(`${app.url}/api/v1/coaches?lat=${point.latitude}&lng=${point.longitude}&radiusKm=5`);
	expect(response.status).toBe(200);
	const body = (await response.json()) as { items: Array<{ id: string }> };
	return body.items.map((item) => item.id);
};
const profileStatuses = async (coachId: string) => ({
	api: (await fetch(`${app.url}/api/v1/coaches/${coachId}`)).status,
	page: (await fetch(`${app.url}/coaches/${coachId}`)).status,
});

describe("the outbox", () => {
	it("records an event only when the change it announces commits", async () => {
		const userId = crypto.randomUUID();
		await expect(
			db().transaction(async (tx) => {
				await recordEvent(tx, "user.suspended", { userId });
				throw new Error("the change failed");
			}),
		).rejects.toThrow("the change failed");
		const afterRollback = await db().select().from(domainEvents).where(sql`${domainEvents.payload}->>'userId' = ${userId}`);
		expect(afterRollback).toHaveLength(0);

		await db().transaction((tx) => recordEvent(tx, "user.suspended", { userId }));
		const committed = await db().select().from(domainEvents).where(sql`${domainEvents.payload}->>'userId' = ${userId}`);
		expect(committed.map((event) => event.name)).toEqual(["user.suspended"]);
	});

	it("refuses an event whose payload does not match the registry", async () => {
		await expect(db().transaction((tx) => recordEvent(tx, "user.deleted", { userId: "not-a-uuid" } as never))).rejects.toThrow();
	});
});

describe("suspension reaches coaching", () => {
	it("takes a suspended coach out of search and answers the profile with 404 within a dispatch; reinstating brings it back", async () => {
		const reviewer = await createReviewer();
		const admin = { ...reviewer, roles: ["admin" as const] };
		const point = offset(origin, 1, 1);
		const coach = await createApprovedCoach({ displayName: "停用测试教练", point, reviewer });
		expect(await searchIds(point)).toContain(coach.coachId);
		expect(await profileStatuses(coach.coachId)).toEqual({ api: 200, page: 200 });

		await suspendUser({ actor: admin, userId: coach.userId, reason: "违规接单" });
		await eventually(
			() => searchIds(point),
			(ids) => !ids.includes(coach.coachId),
		);
		expect(await profileStatuses(coach.coachId)).toEqual({ api: 404, page: 404 });

		await reinstateUser({ actor: admin, userId: coach.userId, reason: "申诉通过" });
		await eventually(
			() => searchIds(point),
			(ids) => ids.includes(coach.coachId),
		);
		expect(await profileStatuses(coach.coachId)).toEqual({ api: 200, page: 200 });
	});

	it("changes nothing when an event is delivered twice or arrives after the state it announced has passed", async () => {
		const reviewer = await createReviewer();
		const point = offset(origin, -3, 2);
		const coach = await createApprovedCoach({ displayName: "重复投递教练", point, reviewer });
		// A stale suspension notice for an account that is active: the coach follows the account, not the notice.
		await db().transaction((tx) => recordEvent(tx, "user.suspended", { userId: coach.userId }));
		const [event] = await db()
			.select()
			.from(domainEvents)
			.where(and(sql`${domainEvents.payload}->>'userId' = ${coach.userId}`, eq(domainEvents.name, "user.suspended")));
		const eventId = event?.id as string;
		const first = await deliverEvent("coaches", eventId);
		const second = await deliverEvent("coaches", eventId);
		// The worker may have delivered it already; either way exactly one delivery did the work.
		expect([first, second].filter((outcome) => outcome === "done").length).toBeLessThanOrEqual(1);
		expect(second).toBe("duplicate");
		const [row] = await db().select().from(coaches).where(eq(coaches.id, coach.coachId));
		expect(row?.status).toBe("approved");
		expect(await searchIds(point)).toContain(coach.coachId);
	});
});

describe("account deletion reaches coaching and files", () => {
	it("erases the coach identity, removes photos, certificates and their stored objects, and keeps an anonymous audit trail", async () => {
		const reviewer = await createReviewer();
		const point = offset(origin, 4, -4);
		const coach = await createApprovedCoach({ displayName: "注销测试教练", point, reviewer, realName: "王注销" });
		const files = await db().select().from(storedFiles).where(eq(storedFiles.ownerId, coach.userId));
		expect(files.length).toBeGreaterThanOrEqual(2);
		const keys = files.flatMap((file) => [file.storageKey, ...Object.values(file.variants)]);
		for (const key of keys) expect(await fileStorage().get(key), key).not.toBeNull();

		await deleteAccount(coach.userId);

		const erased = await eventually(
			async () => (await db().select().from(coaches).where(eq(coaches.id, coach.coachId)))[0],
			(row) => row?.erasedAt != null,
		);
		expect(erased).toMatchObject({ realNameEnc: null, idNumberEnc: null, bio: null, latitude: null, status: "suspended" });
		expect(erased?.displayName).not.toBe("注销测试教练");
		expect(await db().select().from(coachPhotos).where(eq(coachPhotos.coachId, coach.coachId))).toHaveLength(0);
		expect(await db().select().from(coachCertificates).where(eq(coachCertificates.coachId, coach.coachId))).toHaveLength(0);
		expect(await db().select().from(coachPlaces).where(eq(coachPlaces.coachId, coach.coachId))).toHaveLength(0);
		await eventually(
			() => db().select().from(storedFiles).where(eq(storedFiles.ownerId, coach.userId)),
			(rows) => rows.length === 0,
		);
		for (const key of keys) expect(await fileStorage().get(key), key).toBeNull();
		expect(await profileStatuses(coach.coachId)).toEqual({ api: 404, page: 404 });
		expect(await searchIds(point)).not.toContain(coach.coachId);

		// The review trail stays, by id: who approved the coach is still on record.
		const trail = await db()
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.targetId, coach.userId), eq(auditLog.action, "coach.approved")));
		expect(trail).toHaveLength(1);
		expect(JSON.stringify(trail)).not.toContain("王注销");
		const undelivered = await db().select().from(domainEvents).where(isNull(domainEvents.dispatchedAt));
		expect(undelivered).toHaveLength(0);
	});
});
