import { createCipheriv, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getTableName, sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseKeyring } from "~/lib/crypto.server";
import { db } from "~/lib/db.server";
import { encryptedColumns } from "~/lib/encrypted-columns.server";
import { reencryptPersonalData } from "~/lib/reencrypt.server";
import { replaceSingleton } from "~/lib/singleton.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { seedDemoCoaches } from "~/modules/coaches/demo/seed-demo-coaches.server";
import { idNumberCheckCharacter } from "~/modules/coaches/id-number";
import { resealLocalUploads, setFileStorage, storageFromSettings } from "~/modules/files/storage.server";
import { sweepUnattachedFiles } from "~/modules/files/sweep-unattached.server";
import { signInBySms } from "../support/accounts";
import { apiCall } from "../support/api-client";
import { signInStaff } from "../support/staff";
import { startTestApp, type TestApp } from "../support/test-app";
import { testEnvironment } from "../support/test-env";

/**
 * Personal data at rest, as an operator and an attacker with database access would meet it:
 * every ciphertext column is known to rotation, a rotation (and the migration from the first
 * format) leaves no value behind under an old key or format, coaches' identities included, and
 * what the app shows afterwards is unchanged.
 */
// This file's uploads go to a folder of its own (the storage is created on first use).
const dataDir = mkdtempSync(join(tmpdir(), "cuepal-personal-"));
const previousDataDir = process.env.DATA_DIR;
process.env.DATA_DIR = dataDir;
const uploadsDir = join(dataDir, "uploads");

let app: TestApp;
let staff: string;
beforeAll(async () => {
	await seedDemoAccounts(db());
	app = await startTestApp();
	staff = (await signInStaff(app.url, "support@demo.cuepal.cn")).token;
});
afterAll(async () => {
	await app.close();
	if (previousDataDir === undefined) delete process.env.DATA_DIR;
	else process.env.DATA_DIR = previousDataDir;
	setFileStorage(storageFromSettings());
	rmSync(dataDir, { recursive: true, force: true });
});

const api = (path: string) => `${app.url}/api/v1${path}`;
const idNumber = (first17: string) => `${first17}${idNumberCheckCharacter(first17)}`;
const registered = () => new Set(encryptedColumns.map((entry) => `${getTableName(entry.table)}.${entry.column.name}`));
const ciphertextShape = "^v[0-9]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{16}\\.";

const call = (method: string, path: string, token: string, body?: unknown) => apiCall(app, method, path, token, body);

/** A coach applicant with a name and ID number saved through the API (and so a session, an SMS in the outbox). */
async function applicant(phone: string, realName: string, first17: string) {
	await db().execute("delete from rate_limits");
	const session = await signInBySms(app.url, phone);
	const saved = await call("PUT", "/coach/application", session.token, {
		identity: { realName, idNumber: idNumber(first17), gender: "female", idNumberConsent: true },
	});
	expect(saved.status).toBe(200);
	return { token: session.token, userId: session.user.id, coachId: saved.body.id as string };
}

/** A value as the first format wrote it (AES-GCM without associated data), as rows made before the migration hold. */
function sealedTheOldWay(plaintext: string, keyId: string, key: Buffer): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv("aes-256-gcm", key, iv);
	const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
	return ["v1", keyId, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

describe("the encrypted-column registry", () => {
	it("lists every *_enc column of the migrated database, and only existing ones", async () => {
		const result = await db().execute<{ name: string }>(
			sql`select table_name || '.' || column_name as name from information_schema.columns
				where table_schema = 'public' and column_name like '%\\_enc'`,
		);
		const inDatabase = new Set(result.rows.map((row) => row.name));
		expect(
			[...inDatabase].filter((name) => !registered().has(name)),
			"encrypted columns rotation would skip",
		).toEqual([]);
		expect(
			[...registered()].filter((name) => !inDatabase.has(name)),
			"registered columns that do not exist",
		).toEqual([]);
		expect(registered()).toContain("coaches.real_name_enc");
		expect(registered()).toContain("coaches.id_number_enc");
	});

	it("has every column that holds ciphertext, whatever it is called", async () => {
		await applicant("13900008001", "赵敏", "11010519910307452");
		const columns = await db().execute<{ table_name: string; column_name: string }>(
			sql`select table_name, column_name from information_schema.columns
				where table_schema = 'public' and data_type in ('text', 'character varying')`,
		);
		const holding: string[] = [];
		for (const { table_name, column_name } of columns.rows) {
			const found = await db().execute<{ n: number }>(
				sql`select count(*)::int as n from ${sql.identifier(table_name)} where ${sql.identifier(column_name)} ~ ${ciphertextShape}`,
			);
			if ((found.rows[0]?.n ?? 0) > 0) holding.push(`${table_name}.${column_name}`);
		}
		// The applicant's phone, session address, SMS and identity are all sealed somewhere.
		expect(holding).toEqual(expect.arrayContaining(["users.phone_enc", "sessions.ip_enc", "coaches.id_number_enc"]));
		expect(holding.filter((name) => !registered().has(name))).toEqual([]);
	});
});

describe("key rotation and the move to bound ciphertexts", () => {
	it("rewrites every value, coaches' name and ID number and rows of the first format included, and the app reads them with the new key alone", async () => {
		const coach = await applicant("13900008002", "钱多多", "31010119850101123");
		const oldKey = Buffer.alloc(32, 7); // the test environment's t1
		expect(testEnvironment.APP_ENCRYPTION_KEYS).toBe(`t1:${oldKey.toString("base64")}`);
		// A row written before ciphertexts were bound to their place.
		await db().execute(
			sql`update coaches set real_name_enc = ${sealedTheOldWay("钱多多", "t1", oldKey)} where id = ${coach.coachId}`,
		);

		const newKey = `t2:${Buffer.alloc(32, 3).toString("base64")}`;
		replaceSingleton(
			"keyring",
			parseKeyring(`${newKey},${testEnvironment.APP_ENCRYPTION_KEYS}`, testEnvironment.APP_BLIND_INDEX_KEY),
		);
		expect(await reencryptPersonalData("t2")).toBeGreaterThan(0);

		for (const entry of encryptedColumns) {
			const name = `${getTableName(entry.table)}.${entry.column.name}`;
			const left = await db().execute<{ n: number }>(
				sql`select count(*)::int as n from ${entry.table} where ${entry.column} is not null and ${entry.column} not like 'v2.t2.%'`,
			);
			expect(left.rows[0]?.n, `${name} values not under v2 and the new key`).toBe(0);
		}
		// Nothing left to do: a second run changes nothing.
		expect(await reencryptPersonalData("t2")).toBe(0);

		// The old key can go: the coach still reads their name and masked number, a reviewer the full one.
		replaceSingleton("keyring", parseKeyring(newKey, testEnvironment.APP_BLIND_INDEX_KEY));
		const mine = await call("GET", "/coach/application", coach.token);
		expect(mine.status).toBe(200);
		expect(mine.body.identity).toMatchObject({ realName: "钱多多", idNumberMasked: expect.stringMatching(/^310\*+\d{3}[\dX]$/) });
		const me = await call("GET", "/me", coach.token);
		expect(me.body.phone).toBe("+8613900008002");
	});

	it("refuses a ciphertext moved into another row instead of showing someone else's identity", async () => {
		const first = await applicant("13900008003", "孙悟空", "11010519920307452");
		const second = await applicant("13900008004", "猪八戒", "11010519930307452");
		await db().execute(
			sql`update coaches set real_name_enc = (select real_name_enc from coaches where id = ${first.coachId}) where id = ${second.coachId}`,
		);
		const read = await call("GET", "/coach/application", second.token);
		expect(read.status).toBe(500);
		expect(JSON.stringify(read.body)).not.toContain("孙悟空");
	});
});

const png = (red: number) =>
	sharp({ create: { width: 320, height: 240, channels: 3, background: { r: red, g: 90, b: 60 } } })
		.png()
		.toBuffer();
const pdf = Buffer.from("%PDF-1.4\n% 国家二级教练员证书 No. 440301 \ntrailer<</Root 1 0 R>>\n%%EOF\n");
const mp4 = (fill: number) =>
	Buffer.concat([
		Buffer.from([0x00, 0x00, 0x00, 0x18, ...Buffer.from("ftypisom"), 0x00, 0x00, 0x02, 0x00, ...Buffer.from("isommp42")]),
		Buffer.alloc(200_000, fill),
	]);

async function send(method: string, path: string, token: string, bytes: Buffer, contentType: string) {
	const response = await fetch(api(path), {
		method,
		headers: { authorization: `Bearer ${token}`, "content-type": contentType },
		body: new Uint8Array(bytes),
	});
	return { status: response.status, body: await response.json() };
}
const anonymous = async (path: string) => (await fetch(`${app.url}${path}`)).status;

function storedPaths(): string[] {
	const walk = (dir: string): string[] => {
		try {
			return readdirSync(dir).flatMap((name) => {
				const path = join(dir, name);
				return statSync(path).isDirectory() ? walk(path) : [path];
			});
		} catch {
			return [];
		}
	};
	return walk(uploadsDir);
}
const objectsOf = (fileId: string) => storedPaths().filter((path) => path.includes(fileId));

describe("uploads are private until a reviewer approves them", () => {
	it("publishes nothing through POST /api/v1/files: a photo uploaded there answers 404 at every public URL", async () => {
		const player = await applicant("13900008101", "周芷若", "11010519940307452");
		const uploaded = await send("POST", "/files?kind=coach_photo", player.token, await png(10), "image/png");
		expect(uploaded.status).toBe(201);
		expect(uploaded.body.visibility).toBe("private");
		const id = uploaded.body.id as string;
		for (const path of [`/files/${id}`, `/files/${id}/card.webp`, `/files/${id}/full.webp`, `/files/${id}/thumb.webp`]) {
			expect(await anonymous(path), path).toBe(404);
		}
		// Its owner sees it through the signed link it was given.
		expect(await anonymous(uploaded.body.url)).toBe(200);
	});

	it("still shows the demo coaches' approved photos to everyone", async () => {
		await db().transaction((tx) => seedDemoCoaches(tx));
		const search = await fetch(api("/coaches?city=shanghai"));
		const { items } = (await search.json()) as { items: Array<{ photoUrl: string | null }> };
		const photoUrl = items.find((item) => item.photoUrl)?.photoUrl;
		expect(photoUrl).toMatch(/^\/files\/[0-9a-f-]{36}\/card\.webp$/);
		expect(await anonymous(photoUrl as string)).toBe(200);
	});

	it("no longer takes the unused id_image kind", async () => {
		const player = await applicant("13900008102", "张无忌", "11010519950307452");
		const refused = await send("POST", "/files?kind=id_image", player.token, await png(20), "image/png");
		expect(refused.status).toBe(400);
	});
});

describe("staff read private files only through the review, and each reading is audited", () => {
	it("refuses staff a signed URL by file id, and gives them this coach's files in the review detail, on record", async () => {
		const coach = await applicant("13900008201", "殷素素", "11010519960307452");
		const photo = await send("POST", "/coach/photos", coach.token, await png(30), "image/png");
		const certificate = await send(
			"POST",
			`/coach/certificates?issuer=${encodeURIComponent("中国台球协会")}&level=${encodeURIComponent("国家二级教练员")}`,
			coach.token,
			pdf,
			"application/pdf",
		);
		expect([photo.status, certificate.status]).toEqual([201, 201]);
		for (const fileId of [photo.body.fileId, certificate.body.fileId]) {
			expect((await call("GET", `/files/${fileId}/signed-url`, staff)).status).toBe(404);
		}

		const detail = await call("GET", `/admin/coach-reviews/${coach.coachId}`, staff);
		expect(detail.status).toBe(200);
		expect(await anonymous(detail.body.application.photos[0].thumbUrl)).toBe(200);
		expect(await anonymous(detail.body.application.certificates[0].url)).toBe(200);
		const audit = await call("GET", `/admin/audit?targetId=${coach.userId}`, staff);
		const read = audit.body.entries.find((entry: { action: string }) => entry.action === "coach.files.viewed");
		expect(read?.detail).toMatchObject({ coachId: coach.coachId });
		expect(String(read?.detail.fileIds).split(",").sort()).toEqual([photo.body.fileId, certificate.body.fileId].sort());
	});
});

describe("files no longer used are deleted", () => {
	it("deletes a removed photo's and certificate's stored objects, and the links to them stop working", async () => {
		const coach = await applicant("13900008301", "小昭", "11010519970307452");
		const photo = await send("POST", "/coach/photos", coach.token, await png(40), "image/png");
		const certificate = await send(
			"POST",
			`/coach/certificates?issuer=${encodeURIComponent("中国台球协会")}&level=${encodeURIComponent("国家一级教练员")}`,
			coach.token,
			pdf,
			"application/pdf",
		);
		expect(objectsOf(photo.body.fileId)).toHaveLength(3);
		expect(objectsOf(certificate.body.fileId)).toHaveLength(1);

		expect((await call("DELETE", `/coach/photos/${photo.body.id}`, coach.token)).status).toBe(204);
		expect((await call("DELETE", `/coach/certificates/${certificate.body.id}`, coach.token)).status).toBe(204);
		expect(objectsOf(photo.body.fileId)).toEqual([]);
		expect(objectsOf(certificate.body.fileId)).toEqual([]);
		expect(await anonymous(photo.body.thumbUrl)).toBe(404);
		expect(await anonymous(certificate.body.url)).toBe(404);
	});

	it("deletes a video replaced before review, and the video the profile no longer uses", async () => {
		const coach = await applicant("13900008302", "杨不悔", "11010519980307452");
		const first = await send("PUT", "/coach/intro-video", coach.token, mp4(1), "video/mp4");
		expect(first.status).toBe(200);
		expect(objectsOf(first.body.fileId)).toHaveLength(1);
		const second = await send("PUT", "/coach/intro-video", coach.token, mp4(2), "video/mp4");
		expect(second.status).toBe(200);
		expect(objectsOf(first.body.fileId)).toEqual([]);
		expect(objectsOf(second.body.fileId)).toHaveLength(1);
		expect((await call("DELETE", "/coach/intro-video", coach.token)).status).toBeLessThan(300);
		expect(objectsOf(second.body.fileId)).toEqual([]);
	});

	it("sweeps uploads nothing attached within 24 hours, and keeps those in use", async () => {
		const coach = await applicant("13900008303", "纪晓芙", "11010519990307452");
		const loose = await send("POST", "/files?kind=coach_photo", coach.token, await png(50), "image/png");
		const used = await send("POST", "/files?kind=coach_photo", coach.token, await png(60), "image/png");
		const attached = await call("POST", "/coach/photos", coach.token, { fileId: used.body.id });
		expect(attached.status).toBe(201);

		// An hour later nothing is swept yet; a day later the loose upload goes.
		expect(await sweepUnattachedFiles(new Date(Date.now() + 3600_000))).toBe(0);
		expect(await sweepUnattachedFiles(new Date(Date.now() + 25 * 3600_000))).toBeGreaterThanOrEqual(1);
		expect(objectsOf(loose.body.id)).toEqual([]);
		expect(await anonymous(loose.body.url)).toBe(404);
		expect(objectsOf(used.body.id)).toHaveLength(3);
		expect(await anonymous(used.body.url)).toBe(200);
	});
});

describe("private uploads encrypted at rest in the local folder", () => {
	it("stores no readable byte of a certificate, serves it whole and by range, and rewrites old clear objects", async () => {
		const coach = await applicant("13900008401", "黛绮丝", "11010519800307452");
		const certificate = await send(
			"POST",
			`/coach/certificates?issuer=${encodeURIComponent("中国台球协会")}&level=${encodeURIComponent("国家三级教练员")}`,
			coach.token,
			pdf,
			"application/pdf",
		);
		const [path] = objectsOf(certificate.body.fileId);
		const onDisk = readFileSync(path as string);
		expect(onDisk.includes("%PDF")).toBe(false);
		expect(onDisk.includes(Buffer.from("440301"))).toBe(false);
		const served = await fetch(`${app.url}${certificate.body.url}`);
		expect(Buffer.from(await served.arrayBuffer()).equals(pdf)).toBe(true);
		const part = await fetch(`${app.url}${certificate.body.url}`, { headers: { range: "bytes=0-7" } });
		expect(part.status).toBe(206);
		expect(Buffer.from(await part.arrayBuffer()).toString()).toBe("%PDF-1.4");

		// An object written before encryption is still served, and rotation rewrites it sealed.
		writeFileSync(path as string, pdf);
		expect(Buffer.from(await (await fetch(`${app.url}${certificate.body.url}`)).arrayBuffer()).equals(pdf)).toBe(true);
		expect(await resealLocalUploads()).toBeGreaterThanOrEqual(1);
		expect(readFileSync(path as string).includes("%PDF")).toBe(false);
		expect(Buffer.from(await (await fetch(`${app.url}${certificate.body.url}`)).arrayBuffer()).equals(pdf)).toBe(true);

		// A video spans many chunks: a range across a chunk boundary comes back exact.
		const video = mp4(3);
		video.fill(9, 65_530, 65_545);
		const uploaded = await send("PUT", "/coach/intro-video", coach.token, video, "video/mp4");
		const mine = await call("GET", "/coach/application", coach.token);
		const range = await fetch(`${app.url}${mine.body.introVideo.url}`, { headers: { range: "bytes=65530-65544" } });
		expect(Buffer.from(await range.arrayBuffer()).equals(video.subarray(65_530, 65_545))).toBe(true);
		expect(objectsOf(uploaded.body.fileId)).toHaveLength(1);
	});
});
