import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { createSession } from "~/modules/accounts/sessions.server";
import { createUser, findUserById } from "~/modules/accounts/users.server";
import { outboxMessages, sessions, users } from "../../db/schema";
import { boss, enqueue, stopQueues } from "../../jobs/boss";
import { deadLetterQueue, queues } from "../../jobs/queues";
import { startWorker } from "../../jobs/worker";

async function until<T>(check: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error("timed out waiting");
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

beforeAll(async () => {
	await startWorker();
});
afterAll(async () => {
	await stopQueues();
});

describe("jobs", () => {
	it("creates every queue with retries, backoff and the dead-letter queue", async () => {
		for (const name of Object.keys(queues)) {
			const queue = await boss().getQueue(name);
			expect(queue?.retryLimit).toBeGreaterThan(0);
			expect(queue?.retryBackoff).toBe(true);
			expect(queue?.deadLetter).toBe(deadLetterQueue);
		}
	});

	it("schedules the maintenance job, which prunes expired sessions when it runs", async () => {
		const schedules = await boss().getSchedules();
		expect(schedules.map((schedule) => schedule.name)).toContain("maintenance.prune-expired");

		const user = await createUser({ displayName: "过期会话" });
		const stale = await createSession(user.id, { ip: "127.0.0.1", userAgent: null });
		const live = await createSession(user.id, { ip: "127.0.0.1", userAgent: null });
		await db()
			.update(sessions)
			.set({ expiresAt: new Date(Date.now() - 1000) })
			.where(eq(sessions.id, stale.id));
		await enqueue("maintenance.prune-expired", {});
		await until(async () => (await db().select().from(sessions).where(eq(sessions.id, stale.id))).length === 0);
		expect(await db().select().from(sessions).where(eq(sessions.id, live.id))).toHaveLength(1);
	});

	it("delivers queued messages through the outbox job", async () => {
		const response = await import("~/modules/accounts/codes.server");
		await response.sendCode({
			purpose: "login",
			target: { kind: "phone", phone: "+8613922220001" },
			ip: "10.0.0.9",
			locale: "zh-CN",
		});
		const [row] = await db().select().from(outboxMessages);
		expect(row?.channel).toBe("sms");
		const sent = await until(async () => {
			const [current] = await db()
				.select()
				.from(outboxMessages)
				.where(eq(outboxMessages.id, row?.id as string));
			return current?.status === "sent" ? current : undefined;
		});
		expect(sent.provider).toBe("outbox");
		expect(sent.attempts).toBe(1);
	});

	it("re-encrypts personal data under a new key so the old key can be retired", async () => {
		const user = await createUser({ displayName: "轮换", phone: "+8613922220002", email: "rotate@example.com" });
		const oldKeys = process.env.APP_ENCRYPTION_KEYS as string;
		const { replaceSingleton } = await import("~/lib/singleton.server");
		const { parseKeyring, decrypt } = await import("~/lib/crypto.server");
		const { sealedIn } = await import("~/lib/encrypted-columns.server");
		const newKeys = `t2:${Buffer.alloc(32, 3).toString("base64")},${oldKeys}`;
		replaceSingleton("keyring", parseKeyring(newKeys, process.env.APP_BLIND_INDEX_KEY as string));
		try {
			await enqueue("platform.reencrypt", { keyId: "t2" });
			const row = await until(async () => {
				const current = await findUserById(user.id);
				return current?.phoneEnc?.startsWith("v2.t2.") && current.emailEnc?.startsWith("v2.t2.") ? current : undefined;
			});
			// Readable with the new key alone: the old one can go.
			replaceSingleton(
				"keyring",
				parseKeyring(`t2:${Buffer.alloc(32, 3).toString("base64")}`, process.env.APP_BLIND_INDEX_KEY as string),
			);
			expect(decrypt(row.phoneEnc as string, sealedIn(users.phoneEnc, row.id))).toBe("+8613922220002");
			expect(decrypt(row.emailEnc as string, sealedIn(users.emailEnc, row.id))).toBe("rotate@example.com");
		} finally {
			replaceSingleton("keyring", parseKeyring(oldKeys, process.env.APP_BLIND_INDEX_KEY as string));
			await db().delete(users).where(eq(users.id, user.id));
		}
	});
});
