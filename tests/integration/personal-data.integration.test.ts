import { createCipheriv, randomBytes } from "node:crypto";
import { getTableName, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseKeyring } from "~/lib/crypto.server";
import { db } from "~/lib/db.server";
import { encryptedColumns } from "~/lib/encrypted-columns.server";
import { reencryptPersonalData } from "~/lib/reencrypt.server";
import { replaceSingleton } from "~/lib/singleton.server";
import { idNumberCheckCharacter } from "~/modules/coaches/id-number";
import { seedDemoAccounts } from "../../db/seed/demo-accounts";
import { signInBySms } from "../support/accounts";
import { startTestApp, type TestApp } from "../support/test-app";
import { testEnvironment } from "../support/test-env";

/**
 * Personal data at rest, as an operator and an attacker with database access would meet it:
 * every ciphertext column is known to rotation, a rotation (and the migration from the first
 * format) leaves no value behind under an old key or format, coaches' identities included, and
 * what the app shows afterwards is unchanged.
 */
let app: TestApp;
beforeAll(async () => {
	await seedDemoAccounts(db());
	app = await startTestApp();
});
afterAll(async () => {
	await app.close();
});

const api = (path: string) => `${app.url}/api/v1${path}`;
const idNumber = (first17: string) => `${first17}${idNumberCheckCharacter(first17)}`;
const registered = () => new Set(encryptedColumns.map((entry) => `${getTableName(entry.table)}.${entry.column.name}`));
const ciphertextShape = "^v[0-9]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{16}\\.";

async function call(method: string, path: string, token: string, body?: unknown) {
	const response = await fetch(api(path), {
		method,
		headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** A coach applicant with a name and ID number saved through the API (and so a session, an SMS in the outbox). */
async function applicant(phone: string, realName: string, first17: string) {
	await db().execute("delete from rate_limits");
	const session = await signInBySms(app.url, phone);
	const saved = await call("PUT", "/coach/application", session.token, {
		identity: { realName, idNumber: idNumber(first17), gender: "female" },
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
