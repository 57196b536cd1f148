import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateTOTP } from "@oslojs/otp";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endpoints } from "~/api/v1";
import { rereadSettings } from "~/lib/config.server";
import { db } from "~/lib/db.server";
import { demoPassword } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { findUserByPhone } from "~/modules/accounts/users.server";
import { createBooking } from "~/modules/booking/create-booking.server";
import { markBookingPaid } from "~/modules/booking/mark-booking-paid.server";
import { secondCameraKey } from "~/modules/booking/online-lesson/second-camera.server";
import { idNumberCheckCharacter } from "~/modules/coaches/id-number";
import { coachPayoutIdentity } from "~/modules/coaches/payout-identity.server";
import { setFileStorage, storageFromSettings } from "~/modules/files/storage.server";
import { termsVersion } from "~/modules/legal/documents";
import { entries } from "~/modules/payments/ledger/accounts";
import { postJournal } from "~/modules/payments/ledger/post-journal.server";
import { executeWithdrawal } from "~/modules/payments/payouts/execute-withdrawal.server";
import { executeRefund, RefundPending } from "~/modules/payments/refunds/execute-refund.server";
import { seedDemoData } from "~/server/demo-data";
import { bookings, reconciliationDifferences, reconciliationRuns, refunds } from "../../db/schema";
import { type FakeAlipayOAuth, startFakeAlipayOAuth } from "../fakes/alipay-oauth";
import { type FakeLivekit, startFakeLivekit } from "../fakes/livekit";
import { startFakeS3 } from "../fakes/s3";
import { type FakeStripe, startFakeStripe } from "../fakes/stripe";
import { type FakeWechatOAuth, startFakeWechatOAuth } from "../fakes/wechat-oauth";
import { type FakeWechatPay, startFakeWechatPay } from "../fakes/wechatpay-pay";
import { latestCode, signInBySms } from "../support/accounts";
import { bookableCoach, completedLesson, signedInUser } from "../support/bookings";
import { communityMember } from "../support/community";
import { confirmedLesson, currentHalfHour, onlineCoach } from "../support/online-lessons";
import { demoStaff, freshTotpCode } from "../support/staff";
import { strokeWebm } from "../support/stroke-video";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * The OpenAPI document is what app and mini-program developers code against. Every operation of
 * the registry is called over HTTP here, and each answer is checked against the document the
 * server publishes: the status must be listed, and the JSON body must match its schema with no
 * field the document does not name. An operation nobody calls here fails the last test, so a new
 * endpoint cannot join the registry without its answers being checked.
 */
type Method = "get" | "post" | "put" | "patch" | "delete";
interface Request {
	params?: Record<string, string>;
	query?: Record<string, string>;
	body?: unknown;
	token?: string;
	raw?: { bytes: Buffer; contentType: string };
	/** Further request headers (a provider's signature headers). */
	headers?: Record<string, string>;
}

const dataDir = mkdtempSync(join(tmpdir(), "cuepal-contract-"));
const previousDataDir = process.env.DATA_DIR;
let app: TestApp;
let wechat: FakeWechatOAuth;
let alipay: FakeAlipayOAuth;
let wechatPay: FakeWechatPay;
let stripe: FakeStripe;
let livekit: FakeLivekit;
let document: { paths: Record<string, Record<string, { responses: Record<string, DocumentedResponse> }>> };
interface DocumentedResponse {
	content?: { "application/json"?: { schema: Record<string, unknown> } } & Record<string, { schema: Record<string, unknown> }>;
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>();
/** Every status each operation answered here, by "METHOD /path" as the registry writes it. */
const answered = new Map<string, Set<number>>();

const rsa = () => generateKeyPairSync("rsa", { modulusLength: 2048 });
const appKeys = rsa();
const alipayKeys = rsa();

beforeAll(async () => {
	wechat = await startFakeWechatOAuth({ appid: "wx-contract", secret: "wx-contract-secret" });
	alipay = await startFakeAlipayOAuth({
		appId: "2021000000000009",
		appPublicKey: appKeys.publicKey,
		alipayPrivateKey: alipayKeys.privateKey,
		forgerPrivateKey: rsa().privateKey,
	});
	wechatPay = await startFakeWechatPay();
	stripe = await startFakeStripe();
	livekit = await startFakeLivekit();
	// Settings are read once per process, on first use: set before the app starts.
	Object.assign(process.env, {
		DATA_DIR: dataDir,
		WECHAT_OAUTH_APPID: "wx-contract",
		WECHAT_OAUTH_SECRET: "wx-contract-secret",
		WECHAT_OAUTH_BASE: wechat.url,
		WECHAT_OAUTH_API_BASE: wechat.url,
		ALIPAY_APP_ID: "2021000000000009",
		ALIPAY_PRIVATE_KEY: appKeys.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
		ALIPAY_PUBLIC_KEY: alipayKeys.publicKey.export({ type: "spki", format: "der" }).toString("base64"),
		ALIPAY_GATEWAY: alipay.gateway,
		ALIPAY_OAUTH_BASE: alipay.url,
		...wechatPay.settings,
		...stripe.settings,
		...livekit.settings,
		// Alipay is configured (for sign-in), so the sandbox cashier must be asked for.
		PAYMENTS_SANDBOX: "1",
	});
	await seedDemoData();
	app = await startTestApp();
	document = await (await fetch(`${app.url}/api/v1/openapi.json`)).json();
});

afterAll(async () => {
	await app?.close();
	await wechat?.close();
	await alipay?.close();
	await wechatPay?.close();
	await stripe?.close();
	await livekit?.close();
	rmSync(dataDir, { recursive: true, force: true });
	if (previousDataDir === undefined) delete process.env.DATA_DIR;
	else process.env.DATA_DIR = previousDataDir;
});

/**
 * The check over the published schema: an object that names its properties names all of them.
 * (Free-form maps, which the document gives a value schema, stay open.)
 */
function closed(schema: unknown): unknown {
	if (Array.isArray(schema)) return schema.map(closed);
	if (typeof schema !== "object" || schema === null) return schema;
	const copy = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, closed(value)])) as Record<string, unknown>;
	const open = copy.additionalProperties;
	const openEnded = open === undefined || open === true || (typeof open === "object" && Object.keys(open as object).length === 0);
	if (copy.properties && openEnded) copy.additionalProperties = false;
	return copy;
}

function validatorFor(operation: string, status: number, schema: Record<string, unknown>): ValidateFunction {
	const key = `${operation} ${status}`;
	let validate = validators.get(key);
	if (!validate) {
		const { $schema: _ignored, ...body } = closed(schema) as Record<string, unknown>;
		validate = ajv.compile(body);
		validators.set(key, validate);
	}
	return validate;
}

const operationOf = (endpoint: { method: string; path: string }) => `${endpoint.method.toUpperCase()} ${endpoint.path}`;
const registered = (operation: string) => endpoints.some((endpoint) => operationOf(endpoint) === operation);
const clearLimits = () => db().execute("delete from rate_limits");

/** Calls one registry operation (`path` as the registry writes it) and checks the answer against the document. */
async function call(method: Method, path: string, request: Request = {}): Promise<{ status: number; body: any }> {
	const operation = `${method.toUpperCase()} ${path}`;
	const filled = path.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
		const value = request.params?.[name];
		if (value === undefined) throw new Error(`${operation}: no value for :${name}`);
		return encodeURIComponent(value);
	});
	const url = new URL(`/api/v1${filled}`, app.url);
	for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
	const headers: Record<string, string> = { ...request.headers };
	if (request.token) headers.authorization = `Bearer ${request.token}`;
	let body: BodyInit | undefined;
	if (request.raw) {
		headers["content-type"] = request.raw.contentType;
		body = new Uint8Array(request.raw.bytes);
	} else if (request.body !== undefined) {
		headers["content-type"] = "application/json";
		body = JSON.stringify(request.body);
	}
	const response = await fetch(url, { method: method.toUpperCase(), headers, body });
	const text = await response.text();

	const documented = document.paths[`/api/v1${path.replace(/:([A-Za-z]+)/g, "{$1}")}`]?.[method];
	expect(documented, `${operation} is in the OpenAPI document`).toBeDefined();
	const answer = documented?.responses[String(response.status)];
	expect(answer, `${operation} answered ${response.status}, which the document does not list: ${text}`).toBeDefined();
	const schema = answer?.content?.["application/json"]?.schema;
	// A documented answer that is not JSON (a calendar file): its media type, and a body.
	const textType = Object.keys(answer?.content ?? {}).find((type) => type !== "application/json");
	let json: unknown;
	if (textType) {
		expect(response.headers.get("content-type"), `${operation} ${response.status}`).toContain(textType);
		expect(text.length, `${operation} ${response.status} has a body`).toBeGreaterThan(0);
	} else if (schema) {
		expect(response.headers.get("content-type"), `${operation} ${response.status}`).toContain("application/json");
		json = JSON.parse(text);
		const validate = validatorFor(operation, response.status, schema);
		const problems = validate(json)
			? []
			: (validate.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message} ${JSON.stringify(error.params)}`);
		expect(problems, `${operation} ${response.status} against its documented schema: ${text.slice(0, 600)}`).toEqual([]);
	} else {
		expect(text, `${operation} ${response.status} documents no body`).toBe("");
	}
	if (!answered.has(operation)) answered.set(operation, new Set());
	answered.get(operation)?.add(response.status);
	return { status: response.status, body: json };
}

async function passwordToken(identifier: string, password = demoPassword): Promise<string> {
	const login = await call("post", "/auth/password-login", { body: { identifier, password } });
	expect(login.status, `sign-in of ${identifier}`).toBe(200);
	return login.body.token;
}

/** Demo staff reach the back office after the password and their TOTP code (the README's keys). */
async function staffToken(identifier: string): Promise<string> {
	const token = await passwordToken(identifier);
	const code = freshTotpCode(demoStaff(identifier).totpSecret);
	expect((await call("post", "/auth/two-factor", { token, body: { code } })).status, `second factor of ${identifier}`).toBe(204);
	return token;
}

const png = (red: number) =>
	sharp({ create: { width: 480, height: 360, channels: 3, background: { r: red, g: 120, b: 80 } } })
		.png()
		.toBuffer();
/** A tiny MP4: an `ftyp` box the upload check recognises, then filler. */
const mp4 = Buffer.concat([
	Buffer.from([0x00, 0x00, 0x00, 0x18, ...Buffer.from("ftypisom"), 0x00, 0x00, 0x02, 0x00, ...Buffer.from("isommp42")]),
	Buffer.alloc(2000, 7),
]);
const idNumber = (first17: string) => `${first17}${idNumberCheckCharacter(first17)}`;
const unknownId = "00000000-0000-4000-8000-000000000000";

describe("every answer of /api/v1 matches its OpenAPI document", () => {
	let player: string;
	let staff: string;
	let admin: string;
	let demoCoach: string;

	beforeAll(async () => {
		player = await passwordToken("13800000001");
		demoCoach = await passwordToken("13800000002");
		staff = await staffToken("13800000004");
		admin = await staffToken("13800000005");
	});

	it("public catalogue: meta, coach search and profiles", async () => {
		expect((await call("get", "/meta")).status).toBe(200);
		const page = await call("get", "/coaches", { query: { city: "shanghai", limit: "5" } });
		expect(page.status).toBe(200);
		expect(page.body.items.length).toBeGreaterThan(0);
		expect((await call("get", "/coaches", { query: { lat: "31.2", lng: "121.4", sort: "distance" } })).status).toBe(200);
		expect((await call("get", "/coaches", { query: { sort: "distance" } })).status).toBe(400);
		const profile = await call("get", "/coaches/:coachId", { params: { coachId: page.body.items[0].id } });
		expect(profile.status).toBe(200);
		expect(
			(
				await call("get", "/coaches/:coachId", {
					params: { coachId: page.body.items[0].id },
					query: { lat: "31.2", lng: "121.4" },
				})
			).status,
		).toBe(200);
		expect((await call("get", "/coaches/:coachId", { params: { coachId: unknownId } })).status).toBe(404);
	});

	it("place search: the bundled districts without an AMap key, an unknown city refused", async () => {
		const found = await call("get", "/places", { query: { q: "浦东", city: "shanghai" } });
		expect(found.status).toBe(200);
		expect(found.body.items[0].name).toBe("浦东新区");
		expect((await call("get", "/places", { query: { q: "台球", city: "atlantis" } })).status).toBe(400);
	});

	it("SMS and password sign-in, the signed-in user, sessions and sign-out", async () => {
		await clearLimits();
		// The human check before texts is being added alongside; called once it is registered.
		if (registered("GET /auth/challenge")) expect((await call("get", "/auth/challenge")).status).toBe(200);
		expect((await call("post", "/auth/sms-codes", { body: { phone: "12345", purpose: "login" } })).status).toBe(400);
		expect((await call("post", "/auth/sms-codes", { body: { phone: "13912000001", purpose: "login" } })).status).toBe(202);
		const code = await latestCode(app.url, "+8613912000001");
		expect(
			(
				await call("post", "/auth/sms-login", {
					body: { phone: "13912000001", code: code === "000000" ? "111111" : "000000", termsVersion },
				})
			).status,
		).toBe(401);
		const signedIn = await call("post", "/auth/sms-login", { body: { phone: "13912000001", code, termsVersion } });
		expect(signedIn.status).toBe(200);
		const token = signedIn.body.token as string;
		expect(
			(await call("post", "/auth/password-login", { body: { identifier: "13800000001", password: "wrong-password-1" } })).status,
		).toBe(401);

		expect((await call("get", "/me", { token })).status).toBe(200);
		expect((await call("get", "/me")).status).toBe(401);
		expect((await call("post", "/me/consent", { token, body: { version: "2020-01-01" } })).status).toBe(403);
		expect((await call("post", "/me/consent", { token, body: {} })).status).toBe(400);
		expect((await call("post", "/me/consent", { token, body: { version: termsVersion } })).status).toBe(200);
		expect((await call("get", "/me/export", { token })).status).toBe(200);
		expect((await call("get", "/me/export", { token })).status).toBe(429);
		expect((await call("get", "/me/export")).status).toBe(401);
		await clearLimits();
		const other = await signInBySms(app.url, "13912000001");
		const sessions = await call("get", "/me/sessions", { token });
		expect(sessions.status).toBe(200);
		const otherHandle = sessions.body.items.find((item: { current: boolean }) => !item.current).id;
		expect((await call("delete", "/me/sessions/:sessionId", { token, params: { sessionId: "0123456789abcdef" } })).status).toBe(
			404,
		);
		expect((await call("delete", "/me/sessions/:sessionId", { token, params: { sessionId: otherHandle } })).status).toBe(204);
		expect((await call("get", "/me/sessions", { token: other.token })).status).toBe(401);
		expect((await call("delete", "/me/sessions/:sessionId", { token, params: { sessionId: "others" } })).status).toBe(204);

		// Setting a password needs a fresh proof: an SMS code to the account's phone.
		expect((await call("post", "/me/password", { token, body: { newPassword: "Contract147x" } })).status).toBe(400);
		await clearLimits();
		expect((await call("post", "/me/proof-codes", { token })).status).toBe(202);
		const smsCode = await latestCode(app.url, "+8613912000001");
		expect((await call("post", "/me/password", { token, body: { newPassword: "Contract147x", smsCode } })).status).toBe(200);
		expect(
			(await call("post", "/me/password", { token, body: { currentPassword: "not-it-at-all", newPassword: "Contract148x" } }))
				.status,
		).toBe(400);
		expect((await call("post", "/auth/logout", { token })).status).toBe(204);
		expect((await call("post", "/auth/logout", { token })).status).toBe(401);
	});

	it("email sign-up, password reset, two-step verification and account deletion", async () => {
		await clearLimits();
		const email = "contract@example.com";
		expect(
			(await call("post", "/auth/email-signup", { body: { displayName: "契约", email, password: "Contract147x", termsVersion } }))
				.status,
		).toBe(202);
		expect(
			(await call("post", "/auth/email-signup", { body: { displayName: "契约", email: "not-an-email", password: "x" } })).status,
		).toBe(400);
		expect((await call("post", "/auth/email-confirm", { body: { email, code: "000000" } })).status).toBe(401);
		const confirmed = await call("post", "/auth/email-confirm", { body: { email, code: await latestCode(app.url, email) } });
		expect(confirmed.status).toBe(200);

		await clearLimits();
		expect((await call("post", "/auth/password-reset-codes", { body: { identifier: email } })).status).toBe(202);
		const resetCode = await latestCode(app.url, email);
		expect(
			(await call("post", "/auth/password-reset", { body: { identifier: email, code: "000000", password: "Contract148x" } }))
				.status,
		).toBe(401);
		expect(
			(await call("post", "/auth/password-reset", { body: { identifier: email, code: resetCode, password: "Contract148x" } }))
				.status,
		).toBe(204);

		const token = await passwordToken(email, "Contract148x");
		const setup = await call("post", "/me/two-factor/setup", { token });
		expect(setup.status).toBe(200);
		const key = decodeBase32IgnorePadding(setup.body.secret);
		expect((await call("post", "/me/two-factor/enable", { token, body: { code: "abc" } })).status).toBe(400);
		const enabled = await call("post", "/me/two-factor/enable", { token, body: { code: generateTOTP(key, 30, 6) } });
		expect(enabled.status).toBe(200);
		expect((await call("post", "/me/two-factor/setup", { token })).status).toBe(409);
		const [firstRecovery, secondRecovery] = enabled.body.recoveryCodes as string[];

		const pending = await call("post", "/auth/password-login", { body: { identifier: email, password: "Contract148x" } });
		expect(pending.body.secondFactorRequired).toBe(true);
		expect((await call("post", "/auth/two-factor", { token: pending.body.token, body: { code: "99999999" } })).status).toBe(400);
		expect((await call("post", "/auth/two-factor", { token: pending.body.token, body: { code: firstRecovery } })).status).toBe(
			204,
		);
		expect((await call("post", "/auth/two-factor", { body: { code: "123456" } })).status).toBe(401);
		expect((await call("post", "/me/two-factor/disable", { token, body: { code: "00000000" } })).status).toBe(400);
		expect((await call("post", "/me/two-factor/disable", { token, body: { code: secondRecovery } })).status).toBe(204);

		expect((await call("delete", "/me", { token, body: {} })).status).toBe(400);
		expect((await call("delete", "/me", { token, body: { currentPassword: "Contract148x" } })).status).toBe(204);
		expect((await call("delete", "/me", { token, body: {} })).status).toBe(401);
	});

	it("WeChat and Alipay sign-in, binding a phone on the first one", async () => {
		await clearLimits();
		const first = await call("post", "/auth/wechat-login", {
			body: { code: wechat.issueCode({ openid: "o-contract", nickname: "微信球友" }) },
		});
		expect(first.status).toBe(409);
		expect((await call("post", "/auth/wechat-login", { body: { code: "forged" } })).status).toBe(401);
		expect((await call("post", "/auth/sms-codes", { body: { phone: "13912000002", purpose: "bind" } })).status).toBe(202);
		const code = await latestCode(app.url, "+8613912000002");
		expect((await call("post", "/auth/bind-phone", { body: { bindToken: "expired", phone: "13912000002", code } })).status).toBe(
			401,
		);
		const bound = await call("post", "/auth/bind-phone", {
			body: { bindToken: first.body.bindToken, phone: "13912000002", code, termsVersion },
		});
		expect(bound.status).toBe(200);
		const again = await call("post", "/auth/wechat-login", {
			body: { code: wechat.issueCode({ openid: "o-contract", nickname: "微信球友" }) },
		});
		expect(again.status).toBe(200);

		expect((await call("post", "/auth/alipay-login", { body: { authCode: alipay.issueAuthCode() } })).status).toBe(409);
		expect((await call("post", "/auth/alipay-login", { body: {} })).status).toBe(400);
		const alipayUser = await call("post", "/auth/alipay-login", { body: { authCode: alipay.issueAuthCode() } });
		expect((await call("post", "/auth/sms-codes", { body: { phone: "13912000003", purpose: "bind" } })).status).toBe(202);
		const alipayCode = await latestCode(app.url, "+8613912000003");
		const alipayBound = await call("post", "/auth/bind-phone", {
			body: { bindToken: alipayUser.body.bindToken, phone: "13912000003", code: alipayCode, termsVersion },
		});
		expect(alipayBound.status).toBe(200);
		expect((await call("post", "/auth/alipay-login", { body: { authCode: alipay.issueAuthCode() } })).status).toBe(200);
	});

	it("files, a coach application from draft to approval, and the review", async () => {
		await clearLimits();
		const { token } = await signInBySms(app.url, "13912000004");
		expect((await call("get", "/coach/application", { token })).status).toBe(404);
		expect((await call("get", "/coach/offerings", { token })).status).toBe(404);
		expect((await call("get", "/coach/availability", { token })).status).toBe(404);

		const upload = await call("post", "/files", {
			token,
			query: { kind: "coach_photo" },
			raw: { bytes: await png(10), contentType: "image/png" },
		});
		expect(upload.status).toBe(201);
		expect(
			(
				await call("post", "/files", {
					token,
					query: { kind: "coach_photo" },
					raw: { bytes: Buffer.from("not an image"), contentType: "image/png" },
				})
			).status,
		).toBe(415);
		expect((await call("get", "/files/:id/signed-url", { token, params: { id: upload.body.id } })).status).toBe(200);
		expect((await call("get", "/files/:id/signed-url", { token: player, params: { id: upload.body.id } })).status).toBe(404);

		const draft = await call("put", "/coach/application", {
			token,
			body: {
				identity: { realName: "周明", idNumber: idNumber("11010519900307452"), gender: "male", idNumberConsent: true },
				profile: {
					displayName: "周教练",
					disciplines: ["snooker"],
					level: "advanced",
					yearsExperience: 9,
					styleTags: ["patient"],
					bio: "前省队斯诺克选手，擅长走位和长台进攻，教学耐心细致。",
				},
				area: { cityCode: "shanghai", serviceRadiusKm: 15 },
				places: [{ name: "星牌台球俱乐部", address: "徐汇区漕溪北路 88 号", latitude: 31.19, longitude: 121.44 }],
			},
		});
		expect(draft.status).toBe(200);
		expect(
			(await call("put", "/coach/application", { token, body: { area: { cityCode: "atlantis", serviceRadiusKm: 15 } } })).status,
		).toBe(400);
		const coachId = draft.body.id as string;
		expect((await call("get", "/coach/application", { token })).status).toBe(200);

		const photo = await call("post", "/coach/photos", { token, raw: { bytes: await png(20), contentType: "image/png" } });
		expect(photo.status).toBe(201);
		const spare = await call("post", "/coach/photos", { token, body: { fileId: upload.body.id } });
		expect(spare.status).toBe(201);
		expect((await call("delete", "/coach/photos/:photoId", { token, params: { photoId: spare.body.id } })).status).toBe(204);
		expect((await call("delete", "/coach/photos/:photoId", { token, params: { photoId: unknownId } })).status).toBe(404);
		const certificate = await call("post", "/coach/certificates", {
			token,
			query: { issuer: "中国台球协会", level: "二级" },
			raw: { bytes: await png(30), contentType: "image/png" },
		});
		expect(certificate.status).toBe(201);
		const second = await call("post", "/coach/certificates", {
			token,
			query: { issuer: "中国台球协会", level: "三级" },
			raw: { bytes: await png(40), contentType: "image/png" },
		});
		expect(
			(await call("delete", "/coach/certificates/:certificateId", { token, params: { certificateId: second.body.id } })).status,
		).toBe(204);
		expect(
			(await call("put", "/coach/intro-video", { token, raw: { bytes: await png(50), contentType: "video/mp4" } })).status,
		).toBe(415);
		const video = await call("put", "/coach/intro-video", { token, raw: { bytes: mp4, contentType: "video/mp4" } });
		expect(video.status).toBe(200);

		expect((await call("post", "/coach/application/withdraw", { token })).status).toBe(409);
		expect((await call("post", "/coach/application/submit", { token })).status).toBe(200);
		expect((await call("post", "/coach/application/submit", { token })).status).toBe(409);
		expect((await call("post", "/coach/application/withdraw", { token })).status).toBe(200);
		expect((await call("post", "/coach/application/submit", { token })).status).toBe(200);

		expect((await call("get", "/admin/coach-reviews", { token: player })).status).toBe(403);
		const queue = await call("get", "/admin/coach-reviews", { token: staff, query: { kind: "application" } });
		expect(queue.status).toBe(200);
		expect((await call("get", "/admin/coach-reviews/:coachId", { token: staff, params: { coachId } })).status).toBe(200);
		expect((await call("get", "/admin/coach-reviews/:coachId", { token: staff, params: { coachId: unknownId } })).status).toBe(
			404,
		);
		const decide = (path: string, params: Record<string, string>, reason?: string) =>
			call("post", path, { token: staff, params: { coachId, decision: "approve", ...params }, body: reason ? { reason } : {} });
		expect(
			(await decide("/admin/coach-reviews/:coachId/photos/:photoId/:decision", { photoId: photo.body.id, decision: "reject" }))
				.status,
		).toBe(400);
		expect((await decide("/admin/coach-reviews/:coachId/photos/:photoId/:decision", { photoId: photo.body.id })).status).toBe(
			200,
		);
		expect(
			(
				await decide("/admin/coach-reviews/:coachId/certificates/:certificateId/:decision", {
					certificateId: certificate.body.id,
				})
			).status,
		).toBe(200);
		expect((await decide("/admin/coach-reviews/:coachId/video/:fileId/:decision", { fileId: video.body.fileId })).status).toBe(
			200,
		);
		expect((await decide("/admin/coach-reviews/:coachId/:decision", {})).status).toBe(200);
		expect((await decide("/admin/coach-reviews/:coachId/:decision", {})).status).toBe(409);

		// Approved: a new display name waits for its own review.
		const renamed = await call("put", "/coach/application", {
			token,
			body: { profile: { ...draft.body.profile, displayName: "周明教练" } },
		});
		expect(renamed.status).toBe(200);
		expect((await decide("/admin/coach-reviews/:coachId/name/:decision", { decision: "reject" }, "名称不符合规范")).status).toBe(
			200,
		);
		expect((await decide("/admin/coach-reviews/:coachId/name/:decision", {})).status).toBe(409);
		expect((await call("delete", "/coach/intro-video", { token })).status).toBe(204);

		const notifications = await call("get", "/me/notifications", { token });
		expect(notifications.status).toBe(200);
		expect(notifications.body.items.length).toBeGreaterThan(0);
		expect((await call("post", "/me/notifications/read", { token, body: { id: notifications.body.items[0].id } })).status).toBe(
			204,
		);
		expect((await call("post", "/me/notifications/read", { token, body: {} })).status).toBe(204);
		expect((await call("post", "/me/notifications/read", { token, body: { id: "nope" } })).status).toBe(400);
	});

	it("the coach's offerings and availability", async () => {
		const offerings = await call("get", "/coach/offerings", { token: demoCoach });
		expect(offerings.status).toBe(200);
		const saved = await call("put", "/coach/offerings", {
			token: demoCoach,
			body: {
				offerings: [
					{ courseType: "basic", durationMinutes: 60, priceFen: 20_000, online: false },
					{ courseType: "sparring", durationMinutes: 90, priceFen: 16_000, online: true },
				],
				cancellationPolicy: "moderate",
			},
		});
		expect(saved.status).toBe(200);
		expect(
			(await call("put", "/coach/offerings", { token: demoCoach, body: { offerings: [], cancellationPolicy: "lenient-ish" } }))
				.status,
		).toBe(400);

		const availability = await call("get", "/coach/availability", { token: demoCoach });
		expect(availability.status).toBe(200);
		const rules = { bufferMinutes: 15, minNoticeHours: 2, maxAdvanceDays: 30, acceptingBookings: true };
		const week = await call("put", "/coach/availability", {
			token: demoCoach,
			body: { ...rules, weeklyHours: [{ weekday: 1, start: "09:00", end: "12:00" }], exceptions: [] },
		});
		expect(week.status).toBe(200);
		expect(
			(
				await call("put", "/coach/availability", {
					token: demoCoach,
					body: { ...rules, weeklyHours: [{ weekday: 1, start: "12:00", end: "09:00" }], exceptions: [] },
				})
			).status,
		).toBe(400);
		expect((await call("get", "/coach/availability")).status).toBe(401);
	});

	it("the back office: users, suspension, roles and the audit log", async () => {
		expect((await call("get", "/admin/users", { token: player })).status).toBe(403);
		const found = await call("get", "/admin/users", { token: admin, query: { q: "13800000001" } });
		expect(found.status).toBe(200);
		const userId = found.body.items?.[0]?.id ?? found.body.users?.[0]?.id;
		expect(userId).toBeTruthy();
		expect((await call("get", "/admin/users/:userId", { token: admin, params: { userId } })).status).toBe(200);
		expect((await call("get", "/admin/users/:userId", { token: admin, params: { userId: unknownId } })).status).toBe(404);
		expect((await call("post", "/admin/users/:userId/suspend", { token: admin, params: { userId }, body: {} })).status).toBe(400);
		expect(
			(await call("post", "/admin/users/:userId/suspend", { token: admin, params: { userId }, body: { reason: "多次爽约" } }))
				.status,
		).toBe(200);
		expect(
			(await call("post", "/admin/users/:userId/reinstate", { token: admin, params: { userId }, body: { reason: "核实后恢复" } }))
				.status,
		).toBe(200);
		expect(
			(await call("post", "/admin/users/:userId/reinstate", { token: admin, params: { userId }, body: { reason: "再恢复一次" } }))
				.status,
		).toBe(409);
		expect(
			(await call("post", "/admin/users/:userId/roles", { token: admin, params: { userId }, body: { role: "support" } })).status,
		).toBe(201);
		expect(
			(await call("post", "/admin/users/:userId/roles", { token: admin, params: { userId }, body: { role: "support" } })).status,
		).toBe(409);
		expect(
			(await call("delete", "/admin/users/:userId/roles/:role", { token: admin, params: { userId, role: "support" } })).status,
		).toBe(204);
		expect(
			(await call("delete", "/admin/users/:userId/roles/:role", { token: admin, params: { userId, role: "wizard" } })).status,
		).toBe(400);
		const audit = await call("get", "/admin/audit", { token: admin, query: { targetId: userId } });
		expect(audit.status).toBe(200);
		expect(audit.body.entries.length).toBeGreaterThan(0);
		expect((await call("get", "/admin/audit", { token: admin, query: { from: "yesterday" } })).status).toBe(400);
	});

	it("the back office's bookings: list, one booking, a cancellation with a reason", async () => {
		// The demo coach, not the player: the suspension above ended the demo player's sessions.
		expect((await call("get", "/admin/bookings", { token: demoCoach })).status).toBe(403);
		expect((await call("get", "/admin/bookings", { token: admin, query: { status: "lost" } })).status).toBe(400);
		// The demo data has a booking in every state.
		const listed = await call("get", "/admin/bookings", { token: admin, query: { status: "confirmed" } });
		expect(listed.status).toBe(200);
		const params = { bookingId: listed.body.bookings[0].id as string };
		expect((await call("get", "/admin/bookings/:bookingId", { token: admin, params })).status).toBe(200);
		expect((await call("get", "/admin/bookings/:bookingId", { token: admin, params: { bookingId: unknownId } })).status).toBe(
			404,
		);
		expect((await call("post", "/admin/bookings/:bookingId/cancel", { token: admin, params, body: {} })).status).toBe(400);
		const cancelled = await call("post", "/admin/bookings/:bookingId/cancel", {
			token: admin,
			params,
			body: { reason: "契约测试取消" },
		});
		expect(cancelled.status).toBe(200);
		expect(
			(await call("post", "/admin/bookings/:bookingId/cancel", { token: admin, params, body: { reason: "再取消" } })).status,
		).toBe(409);
	});

	it("proposed changes of a booking: the coach's adjustment, a reschedule, and their answers", async () => {
		const player = await signedInUser("契约改期学员");
		const stranger = (await signedInUser("契约改期路人")).token;
		const coach = await bookableCoach("契约改期教练");
		const free = await call("get", "/coaches/:coachId/slots", {
			params: { coachId: coach.coachId },
			query: { offeringId: coach.offeringId },
		});
		const at = (index: number) => (free.body.slots as Array<{ startsAt: string }>)[index]?.startsAt as string;
		const paid = async (startsAt: string) => {
			const made = await call("post", "/bookings", {
				token: player.token,
				body: {
					coachId: coach.coachId,
					offeringId: coach.offeringId,
					startsAt,
					location: { kind: "venue", placeId: coach.placeId },
					paymentPlan: "deposit",
				},
			});
			const bookingId = made.body.booking.id as string;
			await markBookingPaid({ bookingId, paidFen: made.body.booking.depositFen, paymentId: `contract-change-${bookingId}` });
			return { bookingId };
		};
		const params = await paid(at(0));
		const other = await paid(at(3));
		const adjust = (token: string | undefined, body: unknown) =>
			call("post", "/bookings/:bookingId/adjustments", { token, params, body });
		expect((await adjust(coach.token, {})).status).toBe(400);
		expect((await adjust(undefined, { startsAt: at(6) })).status).toBe(401);
		expect((await adjust(player.token, { startsAt: at(6) })).status).toBe(403);
		expect((await adjust(stranger, { startsAt: at(6) })).status).toBe(404);
		expect((await adjust(coach.token, { startsAt: new Date(Date.now() - 3_600_000).toISOString() })).status).toBe(422);
		expect((await adjust(coach.token, { startsAt: at(3) })).status).toBe(409);
		const first = await adjust(coach.token, { startsAt: at(6), message: "下午可以吗" });
		expect(first.status).toBe(201);
		expect((await adjust(coach.token, { startsAt: at(9) })).status).toBe(409);

		const answer = (verb: string, token: string | undefined, changeId: string) =>
			call("post", `/bookings/:bookingId/changes/:changeId/${verb}`, { token, params: { ...params, changeId } });
		const firstId = first.body.booking.pendingChange.id as string;
		expect((await answer("decline", coach.token, firstId)).status).toBe(403);
		expect((await answer("decline", stranger, firstId)).status).toBe(404);
		expect((await answer("decline", undefined, firstId)).status).toBe(401);
		expect((await answer("decline", player.token, firstId)).status).toBe(200);
		expect((await answer("decline", player.token, firstId)).status).toBe(409);
		const second = await adjust(coach.token, { startsAt: at(6), location: { kind: "address", address: "徐汇区漕溪北路 88 号" } });
		const secondId = second.body.booking.pendingChange.id as string;
		expect((await answer("accept", coach.token, secondId)).status).toBe(403);
		expect((await answer("accept", stranger, secondId)).status).toBe(404);
		expect((await answer("accept", undefined, secondId)).status).toBe(401);
		expect((await answer("accept", player.token, secondId)).status).toBe(200);
		expect((await answer("accept", player.token, secondId)).status).toBe(409);
		expect((await answer("accept", player.token, unknownId)).status).toBe(404);

		const reschedule = (token: string | undefined, body: unknown, where = params) =>
			call("post", "/bookings/:bookingId/reschedule-requests", { token, params: where, body });
		expect((await reschedule(player.token, {})).status).toBe(400);
		expect((await reschedule(undefined, { startsAt: at(12) })).status).toBe(401);
		expect((await reschedule(stranger, { startsAt: at(12) })).status).toBe(404);
		expect((await reschedule(player.token, { startsAt: new Date(Date.now() - 3_600_000).toISOString() })).status).toBe(422);
		expect((await reschedule(player.token, { startsAt: at(3) })).status).toBe(409);
		expect((await reschedule(player.token, { startsAt: at(12) }, other)).status).toBe(409);
		const asked = await reschedule(player.token, { startsAt: at(12), message: "那天加班" });
		expect(asked.status).toBe(201);
		const askedId = asked.body.booking.pendingChange.id as string;
		expect((await answer("withdraw", coach.token, askedId)).status).toBe(403);
		expect((await answer("withdraw", stranger, askedId)).status).toBe(404);
		expect((await answer("withdraw", undefined, askedId)).status).toBe(401);
		expect((await answer("withdraw", player.token, askedId)).status).toBe(200);
		expect((await answer("withdraw", player.token, askedId)).status).toBe(409);
	});

	it("free times and bookings, from booking to the end of the lesson", async () => {
		// People of their own: earlier steps sign the demo accounts out.
		const booker = await signedInUser("契约学员");
		const [playerToken, otherPlayer] = [booker.token, (await signedInUser("契约路人")).token];
		const coach = await bookableCoach("契约测试教练");
		const free = await call("get", "/coaches/:coachId/slots", {
			params: { coachId: coach.coachId },
			query: { offeringId: coach.offeringId },
		});
		expect(free.status).toBe(200);
		const [first, second, third] = free.body.slots as Array<{ startsAt: string }>;
		expect(
			(await call("get", "/coaches/:coachId/slots", { params: { coachId: unknownId }, query: { offeringId: coach.offeringId } }))
				.status,
		).toBe(404);
		expect(
			(await call("get", "/coaches/:coachId/slots", { params: { coachId: coach.coachId }, query: { offeringId: unknownId } }))
				.status,
		).toBe(400);

		const booking = (startsAt: string) => ({
			coachId: coach.coachId,
			offeringId: coach.offeringId,
			startsAt,
			location: { kind: "venue", placeId: coach.placeId },
			paymentPlan: "deposit",
		});
		const created = await call("post", "/bookings", { token: playerToken, body: booking(first?.startsAt as string) });
		expect(created.status).toBe(201);
		const id = created.body.booking.id as string;
		expect((await call("post", "/bookings", { token: otherPlayer, body: booking(first?.startsAt as string) })).status).toBe(409);
		expect(
			(await call("post", "/bookings", { token: playerToken, body: booking(new Date(Date.now() - 3_600_000).toISOString()) }))
				.status,
		).toBe(422);
		expect((await call("post", "/bookings", { token: playerToken, body: { coachId: coach.coachId } })).status).toBe(400);
		expect((await call("post", "/bookings", { body: booking(second?.startsAt as string) })).status).toBe(401);
		expect((await call("get", "/bookings", { token: playerToken })).status).toBe(200);
		expect((await call("get", "/bookings", { token: coach.token, query: { role: "coach" } })).status).toBe(200);
		expect((await call("get", "/bookings/:bookingId", { token: playerToken, params: { bookingId: id } })).status).toBe(200);
		expect((await call("get", "/bookings/:bookingId", { token: otherPlayer, params: { bookingId: id } })).status).toBe(404);
		expect(
			(await call("get", "/bookings/:bookingId/cancellation", { token: playerToken, params: { bookingId: id } })).status,
		).toBe(200);

		await markBookingPaid({ bookingId: id, paidFen: created.body.booking.depositFen, paymentId: "contract-1" });
		expect((await call("post", "/bookings/:bookingId/confirm", { token: playerToken, params: { bookingId: id } })).status).toBe(
			403,
		);
		expect((await call("post", "/bookings/:bookingId/confirm", { token: coach.token, params: { bookingId: id } })).status).toBe(
			200,
		);
		expect((await call("post", "/bookings/:bookingId/confirm", { token: coach.token, params: { bookingId: id } })).status).toBe(
			409,
		);
		expect((await call("post", "/bookings/:bookingId/start", { token: coach.token, params: { bookingId: id } })).status).toBe(
			409,
		);
		expect(
			(await call("post", "/bookings/:bookingId/cancel", { token: playerToken, params: { bookingId: id }, body: {} })).status,
		).toBe(200);

		const declined = await call("post", "/bookings", { token: playerToken, body: booking(third?.startsAt as string) });
		await markBookingPaid({
			bookingId: declined.body.booking.id,
			paidFen: declined.body.booking.depositFen,
			paymentId: "contract-2",
		});
		const declinedId = { bookingId: declined.body.booking.id as string };
		expect((await call("post", "/bookings/:bookingId/reject", { token: coach.token, params: declinedId, body: {} })).status).toBe(
			400,
		);
		expect(
			(
				await call("post", "/bookings/:bookingId/reject", {
					token: coach.token,
					params: declinedId,
					body: { reason: "那天要比赛" },
				})
			).status,
		).toBe(200);

		// Lessons near the present: booked as if an hour had been chosen three hours ago.
		const halfHour = 30 * 60_000;
		const earlier = new Date(Date.now() - 3 * 3_600_000);
		const caller = { userId: booker.userId, roles: ["player" as const] };
		const lesson = async (startsAt: Date, paymentId: string) => {
			const allDay = await bookableCoach(`契约上课教练${paymentId}`, undefined, { allDay: true });
			const made = await createBooking({
				caller,
				now: earlier,
				request: {
					...booking(startsAt.toISOString()),
					coachId: allDay.coachId,
					offeringId: allDay.offeringId,
					location: { kind: "venue", placeId: allDay.placeId },
				} as never,
			});
			await markBookingPaid({ bookingId: made.booking.id, paidFen: made.booking.depositFen, paymentId });
			const params = { bookingId: made.booking.id };
			expect((await call("post", "/bookings/:bookingId/confirm", { token: allDay.token, params })).status).toBe(200);
			return { token: allDay.token, params };
		};
		const soon = await lesson(new Date(Math.ceil(Date.now() / halfHour) * halfHour), "contract-3");
		expect((await call("post", "/bookings/:bookingId/start", { token: soon.token, params: soon.params })).status).toBe(200);
		expect((await call("post", "/bookings/:bookingId/complete", { token: soon.token, params: soon.params })).status).toBe(200);
		// The finished lesson waits for its player; then a problem reported in the window, decided by the back office.
		const completion = (token: string) => call("post", "/bookings/:bookingId/confirm-completion", { token, params: soon.params });
		expect((await completion(soon.token)).status).toBe(403);
		expect((await completion(otherPlayer)).status).toBe(404);
		expect((await completion(playerToken)).status).toBe(200);
		expect((await completion(playerToken)).status).toBe(409);
		const dispute = (token: string, body: unknown) =>
			call("post", "/bookings/:bookingId/disputes", { token, params: soon.params, body });
		const problem = { category: "late_or_short", text: "教练迟到了四十分钟" };
		expect((await dispute(playerToken, { category: "late" })).status).toBe(400);
		expect((await dispute(otherPlayer, problem)).status).toBe(404);
		expect((await dispute(playerToken, problem)).status).toBe(201);
		expect((await dispute(soon.token, problem)).status).toBe(409);
		const decide = (token: string, body: unknown) =>
			call("post", "/admin/bookings/:bookingId/dispute-resolution", { token, params: soon.params, body });
		const decision = { decision: "for_player", refundFen: 100, note: "核实后退一元" };
		expect((await decide(playerToken, decision)).status).toBe(403);
		expect((await decide(admin, { decision: "for_player" })).status).toBe(400);
		expect((await decide(admin, decision)).status).toBe(200);
		expect((await decide(admin, decision)).status).toBe(409);
		const calendar = (token?: string) => call("get", "/bookings/:bookingId/calendar.ics", { token, params: soon.params });
		expect((await calendar(playerToken)).status).toBe(200);
		expect((await calendar(otherPlayer)).status).toBe(404);
		expect((await calendar()).status).toBe(401);
		const missed = await lesson(new Date(Math.floor(Date.now() / halfHour) * halfHour - halfHour), "contract-4");
		expect((await call("post", "/bookings/:bookingId/no-show", { token: missed.token, params: missed.params })).status).toBe(200);
	});

	it("payments: a sandbox deposit, the balance, a tip, the payer's view, and Alipay's notification", async () => {
		const payer = await signedInUser("契约付款学员");
		const stranger = (await signedInUser("契约付款路人")).token;
		const coach = await bookableCoach("契约收款教练", undefined, { allDay: true });
		// A lesson starting now, booked as if chosen three hours ago, so it can be held and tipped at once.
		const halfHour = 30 * 60_000;
		const made = await createBooking({
			caller: { userId: payer.userId, roles: ["player"] },
			now: new Date(Date.now() - 3 * 3_600_000),
			request: {
				coachId: coach.coachId,
				offeringId: coach.offeringId,
				startsAt: new Date(Math.ceil(Date.now() / halfHour) * halfHour).toISOString(),
				location: { kind: "venue", placeId: coach.placeId },
				paymentPlan: "deposit",
			} as never,
		});
		// Its payment deadline as if it had been booked just now, so it can still be paid.
		await db()
			.update(bookings)
			.set({ payBy: new Date(Date.now() + 15 * 60_000) })
			.where(eq(bookings.id, made.booking.id));
		const params = { bookingId: made.booking.id };
		const pay = (token: string | undefined, body: unknown) =>
			call("post", "/bookings/:bookingId/payments", { token, params, body });
		expect((await pay(payer.token, { kind: "deposit", method: "paypal" })).status).toBe(400);
		expect((await pay(stranger, { kind: "deposit", method: "sandbox" })).status).toBe(404);
		expect((await pay(undefined, { kind: "deposit", method: "sandbox" })).status).toBe(401);
		const deposit = await pay(payer.token, { kind: "deposit", method: "sandbox" });
		expect(deposit.status).toBe(201);
		const payment = { paymentId: deposit.body.paymentId as string };
		expect((await call("get", "/payments/:paymentId", { token: payer.token, params: payment })).status).toBe(200);
		expect((await call("get", "/payments/:paymentId", { token: stranger, params: payment })).status).toBe(404);
		const sandbox = (token: string, body: unknown, ids = payment) =>
			call("post", "/payments/:paymentId/sandbox", { token, params: ids, body });
		expect((await sandbox(payer.token, { outcome: "maybe" })).status).toBe(400);
		expect((await sandbox(stranger, { outcome: "success" })).status).toBe(404);
		expect((await sandbox(payer.token, { outcome: "success" })).status).toBe(200);
		expect((await pay(payer.token, { kind: "deposit", method: "sandbox" })).status).toBe(409);

		expect((await call("post", "/bookings/:bookingId/confirm", { token: coach.token, params })).status).toBe(200);
		const balance = await pay(payer.token, { kind: "balance", method: "sandbox" });
		expect(balance.status).toBe(201);
		expect((await sandbox(payer.token, { outcome: "success" }, { paymentId: balance.body.paymentId })).status).toBe(200);
		const tip = (body: unknown) => call("post", "/bookings/:bookingId/tips", { token: payer.token, params, body });
		expect((await tip({ amountFen: 1_000, method: "sandbox" })).status).toBe(409);
		expect((await call("post", "/bookings/:bookingId/start", { token: coach.token, params })).status).toBe(200);
		expect((await call("post", "/bookings/:bookingId/complete", { token: coach.token, params })).status).toBe(200);
		expect((await call("post", "/bookings/:bookingId/confirm-completion", { token: payer.token, params })).status).toBe(200);
		expect((await tip({ amountFen: 0, method: "sandbox" })).status).toBe(400);
		expect((await tip({ amountFen: 1_000, method: "sandbox" })).status).toBe(201);

		// A notification that is not signed by Alipay is answered "fail", so Alipay would send it again.
		const forged = new URLSearchParams({ notify_id: "n1", out_trade_no: deposit.body.outTradeNo, total_amount: "1.00" });
		const notified = await call("post", "/payments/notify/alipay", {
			raw: { contentType: "application/x-www-form-urlencoded", bytes: Buffer.from(forged.toString()) },
		});
		expect(notified.status).toBe(200);

		// WeChat Pay: a Native tip, its signed notification acknowledged with 204, a forged one refused with FAIL.
		const wechatTip = await tip({ amountFen: 500, method: "wechatpay", channel: "native" });
		expect(wechatTip.status).toBe(201);
		const forger = rsa().privateKey;
		const wechatNotify = (notification: { headers: Record<string, string>; body: string }) =>
			call("post", "/payments/notify/wechatpay", {
				headers: notification.headers,
				raw: { contentType: "application/json", bytes: Buffer.from(notification.body) },
			});
		const forgedWechat = await wechatNotify(wechatPay.notificationFor(wechatTip.body.outTradeNo, { signingKey: forger }));
		expect(forgedWechat.status).toBe(401);
		expect((await wechatNotify(wechatPay.pay(wechatTip.body.outTradeNo))).status).toBe(204);

		// Stripe: a signed event is acknowledged (one we do not use, too); one not signed with our secret is refused.
		const stripeNotify = (webhook: { headers: Record<string, string>; body: string }) =>
			call("post", "/payments/notify/stripe", {
				headers: { "stripe-signature": webhook.headers["stripe-signature"] ?? "" },
				raw: { contentType: "application/json", bytes: Buffer.from(webhook.body) },
			});
		const customer = { id: "cus_contract", object: "customer" };
		expect((await stripeNotify(stripe.webhookFor("customer.created", customer))).status).toBe(200);
		expect((await stripeNotify(stripe.webhookFor("customer.created", customer, { secret: "whsec_other" }))).status).toBe(401);
	});

	it("the back office's reconciliation differences: list and resolve with a note", async () => {
		// A day's run as the reconciliation job leaves it (its bill comes from the Alipay pay fake in
		// reconciliation.integration.test.ts; this file's Alipay fake only signs people in).
		const [run] = await db()
			.insert(reconciliationRuns)
			.values({ provider: "alipay", billDate: "2026-01-01", status: "completed", billLines: 1, differences: 1 })
			.returning();
		const [difference] = await db()
			.insert(reconciliationDifferences)
			.values({ runId: run?.id as string, kind: "missing_here", lineKey: "payment:CPX1", outTradeNo: "CPX1", billFen: 100 })
			.returning();
		expect((await call("get", "/admin/payments/differences", { token: staff })).status).toBe(403);
		expect((await call("get", "/admin/payments/differences", { token: admin, query: { status: "some" } })).status).toBe(400);
		const listed = await call("get", "/admin/payments/differences", { token: admin, query: { status: "all" } });
		expect(listed.status).toBe(200);
		const params = { differenceId: difference?.id as string };
		const resolve = (body: unknown, ids = params) =>
			call("post", "/admin/payments/differences/:differenceId/resolve", { token: admin, params: ids, body });
		expect((await resolve({})).status).toBe(400);
		expect((await resolve({ note: "已核实" }, { differenceId: unknownId })).status).toBe(404);
		expect((await resolve({ note: "契约测试：已核实" })).status).toBe(200);
		expect((await resolve({ note: "再处理" })).status).toBe(409);
	});

	it("the back office's payments: list, one payment's history, a refund, a failed refund retried, the trial balance", async () => {
		// A WeChat Pay tip paid and notified, so its refund can be refused by WeChat (ABNORMAL) and retried.
		const coach = await bookableCoach("契约后台收款教练", undefined, { allDay: true });
		const payer = await signedInUser("契约后台付款学员");
		const made = await createBooking({
			caller: { userId: payer.userId, roles: ["player"] },
			request: {
				coachId: coach.coachId,
				offeringId: coach.offeringId,
				startsAt: new Date(Math.ceil((Date.now() + 2 * 86_400_000) / 1_800_000) * 1_800_000).toISOString(),
				location: { kind: "venue", placeId: coach.placeId },
				paymentPlan: "deposit",
			} as never,
		});
		const started = await call("post", "/bookings/:bookingId/payments", {
			token: payer.token,
			params: { bookingId: made.booking.id },
			body: { kind: "deposit", method: "wechatpay", channel: "native" },
		});
		expect(started.status).toBe(201);
		const wechatNotify = (notification: { headers: Record<string, string>; body: string }) =>
			call("post", "/payments/notify/wechatpay", {
				headers: notification.headers,
				raw: { contentType: "application/json", bytes: Buffer.from(notification.body) },
			});
		expect((await wechatNotify(wechatPay.pay(started.body.outTradeNo))).status).toBe(204);
		const payment = { paymentId: started.body.paymentId as string };

		expect((await call("get", "/admin/payments", { token: payer.token })).status).toBe(403);
		expect((await call("get", "/admin/payments", { token: admin, query: { status: "lost" } })).status).toBe(400);
		expect((await call("get", "/admin/payments", { token: staff, query: { q: made.booking.id } })).status).toBe(200);
		expect((await call("get", "/admin/payments/:paymentId", { token: admin, params: { paymentId: unknownId } })).status).toBe(
			404,
		);
		expect((await call("get", "/admin/payments/:paymentId", { token: staff, params: payment })).status).toBe(200);
		const refund = (token: string, body: unknown) =>
			call("post", "/admin/payments/:paymentId/refunds", { token, params: payment, body });
		expect((await refund(staff, { amount: "1", reason: "客服不能退款" })).status).toBe(403);
		expect((await refund(admin, { amount: "1", reason: "" })).status).toBe(400);
		expect((await refund(admin, { amount: "1", reason: "契约退款" })).status).toBe(201);
		const [promised] = await db().select().from(refunds).where(eq(refunds.paymentId, payment.paymentId));
		await expect(executeRefund(promised?.id as string)).rejects.toBeInstanceOf(RefundPending);
		expect((await wechatNotify(wechatPay.settleRefund(promised?.outRequestNo as string, "ABNORMAL"))).status).toBe(204);
		const retry = (refundId: string) =>
			call("post", "/admin/payments/:paymentId/refunds/:refundId/retry", { token: admin, params: { ...payment, refundId } });
		expect((await retry(unknownId)).status).toBe(404);
		expect((await retry(promised?.id as string)).status).toBe(201);
		expect((await retry(promised?.id as string)).status).toBe(409);
		expect((await call("get", "/admin/ledger/trial-balance", { token: staff })).status).toBe(403);
		expect((await call("get", "/admin/ledger/trial-balance", { token: admin, query: { account: "cash" } })).status).toBe(400);
		const balance = await call("get", "/admin/ledger/trial-balance", { token: admin, query: { account: "booking_escrow" } });
		expect(balance.status).toBe(200);
		expect(balance.body.totalFen).toBe(0);
	});

	it("payouts: the coach's accounts and withdrawals, the back office's approval, rejection and bank batch", async () => {
		await clearLimits();
		const coachUser = await findUserByPhone("+8613800000002");
		const identity = await coachPayoutIdentity(coachUser?.id as string);
		await db().transaction((tx) =>
			postJournal(tx, {
				idempotencyKey: `contract-income:${identity?.coachId}`,
				kind: "test_income",
				lines: entries(800_000, {
					debit: { account: "provider_clearing", ref: "sandbox" },
					credit: { account: "coach_payable", ref: identity?.coachId as string },
				}),
			}),
		);
		const accounts = await call("get", "/coach/payout-accounts", { token: demoCoach });
		expect(accounts.status).toBe(200);
		const alipayAccount = accounts.body.items.find((item: { kind: string }) => item.kind === "alipay").id as string;
		expect((await call("post", "/me/proof-codes", { token: demoCoach })).status).toBe(202);
		const smsCode = await latestCode(app.url, "+8613800000002");
		const card = {
			kind: "bank_card",
			bankName: "招商银行",
			bankBranch: "上海分行",
			holderName: identity?.verifiedRealName,
			smsCode,
		};
		expect((await call("post", "/coach/payout-accounts", { token: demoCoach, body: { ...card, cardNumber: "12" } })).status).toBe(
			400,
		);
		const added = await call("post", "/coach/payout-accounts", {
			token: demoCoach,
			body: { ...card, cardNumber: "6225881234561234" },
		});
		expect(added.status).toBe(201);
		const withdraw = (amountFen: number, payoutAccountId = alipayAccount) =>
			call("post", "/coach/withdrawals", { token: demoCoach, body: { amountFen, payoutAccountId } });
		expect((await withdraw(90_000_000)).status).toBe(422);
		expect((await withdraw(10_000)).body.withdrawal.status).toBe("processing");
		const approve = (await withdraw(250_000)).body.withdrawal.id as string;
		const reject = (await withdraw(250_000)).body.withdrawal.id as string;
		const bank = (await withdraw(20_000, added.body.account.id)).body.withdrawal.id as string;
		expect(await executeWithdrawal(bank)).toBe("in_bank_batch");
		expect((await call("get", "/coach/withdrawals", { token: demoCoach })).status).toBe(200);
		const one = await call("get", "/coach/withdrawals/:id", { token: demoCoach, params: { id: bank } });
		expect(one.body).toMatchObject({ withdrawal: { id: bank, status: "in_bank_batch" }, confirm: null });
		expect((await call("get", "/coach/withdrawals/:id", { token: demoCoach, params: { id: unknownId } })).status).toBe(404);
		// Not on its way by WeChat: answered as it is, nothing asked.
		expect((await call("post", "/coach/withdrawals/:id/recheck", { token: demoCoach, params: { id: bank } })).status).toBe(200);

		expect((await call("get", "/admin/withdrawals", { token: demoCoach })).status).toBe(403);
		expect((await call("get", "/admin/withdrawals", { token: admin, query: { status: "pending_approval" } })).status).toBe(200);
		expect(
			(await call("post", "/admin/withdrawals/:withdrawalId/approve", { token: admin, params: { withdrawalId: approve } }))
				.status,
		).toBe(200);
		expect(
			(await call("post", "/admin/withdrawals/:withdrawalId/approve", { token: admin, params: { withdrawalId: unknownId } }))
				.status,
		).toBe(404);
		const rejected = await call("post", "/admin/withdrawals/:withdrawalId/reject", {
			token: admin,
			params: { withdrawalId: reject },
			body: { reason: "请先核实收款账户" },
		});
		expect(rejected.status).toBe(200);
		const batch = await call("post", "/admin/withdrawals/batches", { token: admin });
		expect(batch.status).toBe(201);
		expect((await call("post", "/admin/withdrawals/batches", { token: admin })).status).toBe(409);
		expect((await call("get", "/admin/withdrawals/batches", { token: admin })).status).toBe(200);
		const file = await call("get", "/admin/withdrawals/batches/:batchId/file", {
			token: admin,
			params: { batchId: batch.body.batchId },
		});
		expect(file.status).toBe(200);
		const marked = await call("post", "/admin/withdrawals/:withdrawalId/bank-result", {
			token: admin,
			params: { withdrawalId: bank },
			body: { outcome: "paid" },
		});
		expect(marked.status).toBe(200);

		// The card, its withdrawal paid, is changed and then removed, each with a fresh code.
		const freshCode = async () => {
			await clearLimits();
			expect((await call("post", "/me/proof-codes", { token: demoCoach })).status).toBe(202);
			return latestCode(app.url, "+8613800000002");
		};
		const changed = await call("patch", "/coach/payout-accounts/:id", {
			token: demoCoach,
			params: { id: added.body.account.id },
			body: { ...card, cardNumber: "6225881234565678", smsCode: await freshCode() },
		});
		expect(changed.status).toBe(200);
		// Above the approval threshold: it waits for the back office, on its way to the card.
		const inFlight = (await withdraw(250_000, changed.body.account.id)).body.withdrawal.id as string;
		const refusedRemoval = await call("delete", "/coach/payout-accounts/:id", {
			token: demoCoach,
			params: { id: changed.body.account.id },
			body: { smsCode: "000000" },
		});
		expect(refusedRemoval.status).toBe(409);
		expect(
			(
				await call("post", "/admin/withdrawals/:withdrawalId/reject", {
					token: admin,
					params: { withdrawalId: inFlight },
					body: { reason: "换卡" },
				})
			).status,
		).toBe(200);
		const removed = await call("delete", "/coach/payout-accounts/:id", {
			token: demoCoach,
			params: { id: changed.body.account.id },
			body: { smsCode: await freshCode() },
		});
		expect(removed.status).toBe(204);
		const player = (await signedInUser("契约提现路人")).token;
		expect((await call("get", "/coach/payout-accounts", { token: player })).status).toBe(403);
	});

	it("reviews: the player's review and its edit, a coach's reviews, the coach's reply", async () => {
		const reviewer = await signedInUser("契约评价学员");
		const stranger = (await signedInUser("契约评价路人")).token;
		const coach = await bookableCoach("契约评价教练", undefined, { allDay: true });
		const halfHour = 30 * 60_000;
		const made = await createBooking({
			caller: { userId: reviewer.userId, roles: ["player"] },
			now: new Date(Date.now() - 3 * 3_600_000),
			request: {
				coachId: coach.coachId,
				offeringId: coach.offeringId,
				startsAt: new Date(Math.ceil(Date.now() / halfHour) * halfHour).toISOString(),
				location: { kind: "venue", placeId: coach.placeId },
				paymentPlan: "full",
			},
		});
		const params = { bookingId: made.booking.id };
		await markBookingPaid({ bookingId: made.booking.id, paidFen: made.booking.depositFen, paymentId: "contract-review" });
		const body = {
			overall: 5,
			aspects: { attitude: 5, skill: 4, service: 5 },
			tags: ["patient"],
			text: "讲解清楚",
			anonymous: true,
		};
		const review = (token: string | undefined, payload: unknown = body) =>
			call("post", "/bookings/:bookingId/review", { token, params, body: payload });
		expect((await call("post", "/bookings/:bookingId/confirm", { token: coach.token, params })).status).toBe(200);
		expect((await review(reviewer.token)).status).toBe(422);
		expect((await call("post", "/bookings/:bookingId/start", { token: coach.token, params })).status).toBe(200);
		expect((await call("post", "/bookings/:bookingId/complete", { token: coach.token, params })).status).toBe(200);
		expect((await call("post", "/bookings/:bookingId/confirm-completion", { token: reviewer.token, params })).status).toBe(200);
		expect((await review(reviewer.token, { ...body, overall: 6 })).status).toBe(400);
		expect((await review(stranger)).status).toBe(404);
		expect((await review(undefined)).status).toBe(401);
		const photo = await call("post", "/files", {
			token: reviewer.token,
			query: { kind: "review_photo" },
			raw: { bytes: await png(12), contentType: "image/png" },
		});
		expect(photo.status).toBe(201);
		expect((await review(reviewer.token, { ...body, photoFileIds: [unknownId] })).status).toBe(422);
		const written = await review(reviewer.token, { ...body, photoFileIds: [photo.body.id] });
		expect(written.status).toBe(201);
		expect((await review(reviewer.token)).status).toBe(409);
		const edit = (payload: unknown) =>
			call("put", "/bookings/:bookingId/review", { token: reviewer.token, params, body: payload });
		expect((await edit({ ...body, text: "<script>x</script>" })).status).toBe(400);
		expect((await edit({ ...body, overall: 4 })).status).toBe(200);
		expect((await edit(body)).status).toBe(409);
		expect((await call("put", "/bookings/:bookingId/review", { token: stranger, params, body })).status).toBe(404);

		const coachParams = { coachId: coach.coachId };
		expect((await call("get", "/coaches/:coachId/reviews", { params: coachParams, query: { sort: "lowest" } })).status).toBe(200);
		expect((await call("get", "/coaches/:coachId/reviews", { params: coachParams, query: { sort: "loud" } })).status).toBe(400);
		expect((await call("get", "/coaches/:coachId/reviews", { params: { coachId: unknownId } })).status).toBe(404);

		const reply = (token: string | undefined, text: string) =>
			call("post", "/reviews/:reviewId/reply", { token, params: { reviewId: written.body.review.id }, body: { text } });
		expect((await reply(reviewer.token, "我来回复")).status).toBe(404);
		expect((await reply(coach.token, "")).status).toBe(400);
		expect((await reply(coach.token, "谢谢！")).status).toBe(201);
		expect((await reply(coach.token, "谢谢，下次见！")).status).toBe(200);
		expect(
			(
				await call("post", "/reviews/:reviewId/reply", {
					token: coach.token,
					params: { reviewId: unknownId },
					body: { text: "x" },
				})
			).status,
		).toBe(404);
		expect((await reply(undefined, "x")).status).toBe(401);
		const profile = await call("get", "/coaches/:coachId", { params: coachParams });
		expect(profile.body.rating).toMatchObject({ average: 4, count: 1 });

		const reviewId = { reviewId: written.body.review.id };
		expect((await call("get", "/admin/reviews", { token: staff, query: { status: "published" } })).status).toBe(200);
		expect((await call("get", "/admin/reviews", { token: reviewer.token })).status).toBe(403);
		const moderate = (token: string, body: unknown, ids = reviewId) =>
			call("post", "/admin/reviews/:reviewId/moderation", { token, params: ids, body });
		expect((await moderate(reviewer.token, { action: "hide", reason: "测试" })).status).toBe(403);
		expect((await moderate(staff, { action: "hide", reason: "" })).status).toBe(400);
		expect((await moderate(staff, { action: "restore", reason: "测试" })).status).toBe(409);
		expect((await moderate(staff, { action: "hide", reason: "测试" }, { reviewId: unknownId })).status).toBe(404);
		const queued = await call("get", "/admin/reviews", { token: staff, query: { status: "photos" } });
		const photoId = queued.body.items.find((item: { id: string }) => item.id === written.body.review.id).allPhotos[0].id;
		const decidePhoto = (token: string, body: unknown, ids = { ...reviewId, photoId }) =>
			call("post", "/admin/reviews/:reviewId/photos/:photoId/moderation", { token, params: ids, body });
		expect((await decidePhoto(reviewer.token, { decision: "approve" })).status).toBe(403);
		expect((await decidePhoto(staff, { decision: "reject" })).status).toBe(400);
		expect((await decidePhoto(staff, { decision: "approve" }, { ...reviewId, photoId: unknownId })).status).toBe(404);
		expect((await decidePhoto(staff, { decision: "approve" })).status).toBe(200);
		expect((await decidePhoto(staff, { decision: "approve" })).status).toBe(409);
		expect((await moderate(staff, { action: "hide", reason: "契约测试" })).status).toBe(200);
	});

	it("the coach's income: balances and a month's movements", async () => {
		// A player of their own: the suspension above ended the demo player's sessions.
		const player = (await signedInUser("契约收入学员")).token;
		const income = await call("get", "/coach/income", { token: demoCoach });
		expect(income.status).toBe(200);
		expect(income.body.availableFen).toBeGreaterThan(0);
		expect((await call("get", "/coach/income", { token: player })).status).toBe(403);
		expect((await call("get", "/coach/income", {})).status).toBe(401);
		const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
		const movements = await call("get", "/coach/income/movements", { token: demoCoach, query: { month, kind: "order" } });
		expect(movements.status).toBe(200);
		expect((await call("get", "/coach/income/movements", { token: demoCoach, query: { month: "13-2026" } })).status).toBe(400);
		expect((await call("get", "/coach/income/movements", { token: player })).status).toBe(403);
	});

	it("the coach's own reviews: all of them, the summary and the monthly trend", async () => {
		const player = (await signedInUser("契约评价台学员")).token;
		const desk = await call("get", "/coach/reviews", { token: demoCoach });
		expect(desk.status).toBe(200);
		expect(desk.body.trend).toHaveLength(12);
		expect((await call("get", "/coach/reviews", { token: player })).status).toBe(403);
		expect((await call("get", "/coach/reviews", {})).status).toBe(401);
	});

	it("learning: the drill catalogue, a lesson record, a practice session and the progress", async () => {
		const learner = await signedInUser("契约学习学员");
		const stranger = (await signedInUser("契约学习路人")).token;
		const coach = await bookableCoach("契约学习教练", undefined, { allDay: true });
		expect((await call("get", "/drills", { query: { discipline: "snooker" } })).status).toBe(200);
		expect((await call("get", "/drills", { query: { discipline: "carom" } })).status).toBe(400);
		const halfHour = 30 * 60_000;
		const made = await createBooking({
			caller: { userId: learner.userId, roles: ["player"] },
			now: new Date(Date.now() - 3 * 3_600_000),
			request: {
				coachId: coach.coachId,
				offeringId: coach.offeringId,
				startsAt: new Date(Math.ceil(Date.now() / halfHour) * halfHour).toISOString(),
				location: { kind: "venue", placeId: coach.placeId },
				paymentPlan: "full",
			},
		});
		const params = { bookingId: made.booking.id };
		await markBookingPaid({ bookingId: made.booking.id, paidFen: made.booking.depositFen, paymentId: "contract-learning" });
		const body = {
			drills: [{ drillId: "c8-draw-ladder", attempts: 10, made: 6, score: 4 }],
			shots: [{ skill: "cut_shots", attempts: 12, made: 7 }],
			errors: { missed_pot: 3 },
			notes: "注意出杆",
			homework: ["c8-cut-30"],
		};
		const record = (token: string | undefined, payload: unknown = body) =>
			call("put", "/bookings/:bookingId/lesson-record", { token, params, body: payload });
		expect((await call("post", "/bookings/:bookingId/confirm", { token: coach.token, params })).status).toBe(200);
		expect((await record(coach.token)).status).toBe(409);
		expect((await call("post", "/bookings/:bookingId/start", { token: coach.token, params })).status).toBe(200);
		expect((await call("post", "/bookings/:bookingId/complete", { token: coach.token, params })).status).toBe(200);
		expect((await call("post", "/bookings/:bookingId/confirm-completion", { token: learner.token, params })).status).toBe(200);
		expect((await call("get", "/bookings/:bookingId/lesson-record", { token: learner.token, params })).status).toBe(404);
		expect((await record(coach.token, { ...body, shots: [{ skill: "cut_shots", attempts: 1, made: 2 }] })).status).toBe(400);
		expect((await record(stranger)).status).toBe(404);
		expect((await record(undefined)).status).toBe(401);
		expect((await record(coach.token)).status).toBe(200);
		expect((await call("get", "/bookings/:bookingId/lesson-record", { token: learner.token, params })).status).toBe(200);
		expect((await call("get", "/bookings/:bookingId/lesson-record", { token: stranger, params })).status).toBe(404);
		expect((await call("get", "/bookings/:bookingId/lesson-record", { params })).status).toBe(401);
		const practice = (payload: unknown) => call("post", "/me/practice", { token: learner.token, body: payload });
		expect((await practice({ drillId: "c8-cut-30", attempts: 10, made: 11 })).status).toBe(400);
		expect((await practice({ drillId: "c8-cut-30", attempts: 10, made: 6 })).status).toBe(201);
		expect((await call("post", "/me/practice", { body: { drillId: "c8-cut-30", attempts: 1, made: 1 } })).status).toBe(401);
		expect((await call("get", "/me/progress", { token: learner.token, query: { discipline: "chinese_8_ball" } })).status).toBe(
			200,
		);
		expect((await call("get", "/me/progress", { token: learner.token, query: { discipline: "carom" } })).status).toBe(400);
		expect((await call("get", "/me/progress", {})).status).toBe(401);
		// Sharing, the report link and the coach's students (issue 14 parts 5-7).
		expect((await call("get", "/me/learning-sharing", { token: learner.token })).status).toBe(200);
		expect((await call("get", "/me/learning-sharing", {})).status).toBe(401);
		const share = (payload: unknown) => call("put", "/me/learning-sharing", { token: learner.token, body: payload });
		expect((await share({ shareWithCoaches: "yes" })).status).toBe(400);
		expect((await share({ shareWithCoaches: true })).status).toBe(200);
		expect((await call("put", "/me/learning-sharing", { body: { shareWithCoaches: true } })).status).toBe(401);
		expect((await call("post", "/me/progress/report-link", { token: learner.token })).status).toBe(201);
		expect((await call("post", "/me/progress/report-link", {})).status).toBe(401);
		expect((await call("delete", "/me/progress/report-link", { token: learner.token })).status).toBe(200);
		expect((await call("delete", "/me/progress/report-link", {})).status).toBe(401);
		expect((await call("get", "/coach/students", { token: coach.token })).status).toBe(200);
		expect((await call("get", "/coach/students", { token: stranger })).status).toBe(403);
		expect((await call("get", "/coach/students", {})).status).toBe(401);
		const student = (token: string | undefined, playerId = learner.userId) =>
			call("get", "/coach/students/:playerId", { token, params: { playerId } });
		expect((await student(coach.token)).status).toBe(200);
		expect((await student(coach.token, "not-a-uuid")).status).toBe(400);
		expect((await student(coach.token, crypto.randomUUID())).status).toBe(404);
		expect((await student(stranger)).status).toBe(403);
		expect((await student(undefined)).status).toBe(401);
	});

	it("video reviews: a stroke video sent to a booked coach, comments with shapes, done, and the playback", async () => {
		const sender = await signedInUser("契约视频学员");
		const outsider = (await signedInUser("契约视频路人")).token;
		const reviewer = await bookableCoach("契约视频教练", undefined, { allDay: true });
		await completedLesson(reviewer, sender);
		const query = { coachId: reviewer.coachId };
		const send = (bytes: Buffer, contentType = "video/webm") =>
			call("post", "/video-reviews", { token: sender.token, query, raw: { bytes, contentType } });
		expect((await send(Buffer.from("not a video"))).status).toBe(415);
		expect(
			(
				await call("post", "/video-reviews", {
					token: outsider,
					query,
					raw: { bytes: Buffer.from(strokeWebm()), contentType: "video/webm" },
				})
			).status,
		).toBe(409);
		const sent = await send(Buffer.from(strokeWebm()));
		expect(sent.status).toBe(201);
		const params = { reviewId: sent.body.id };
		expect((await call("get", "/video-reviews", { token: reviewer.token })).status).toBe(200);
		const comment = {
			atMs: 500,
			body: "看肘部",
			shapes: [{ type: "arrow", x1: 0.1, y1: 0.2, x2: 0.5, y2: 0.5, color: "#ef4444" }],
		};
		const added = await call("post", "/video-reviews/:reviewId/comments", { token: reviewer.token, params, body: comment });
		expect(added.status).toBe(201);
		expect((await call("post", "/video-reviews/:reviewId/comments", { token: sender.token, params, body: comment })).status).toBe(
			403,
		);
		expect(
			(await call("post", "/video-reviews/:reviewId/comments", { token: reviewer.token, params, body: { ...comment, atMs: -1 } }))
				.status,
		).toBe(400);
		const commentParams = { ...params, commentId: added.body.id };
		expect(
			(
				await call("put", "/video-reviews/:reviewId/comments/:commentId", {
					token: reviewer.token,
					params: commentParams,
					body: { ...comment, body: "看肘部和手腕" },
				})
			).status,
		).toBe(200);
		const extra = await call("post", "/video-reviews/:reviewId/comments", {
			token: reviewer.token,
			params,
			body: { atMs: 900, body: "多余" },
		});
		expect(
			(
				await call("delete", "/video-reviews/:reviewId/comments/:commentId", {
					token: reviewer.token,
					params: { ...params, commentId: extra.body.id },
				})
			).status,
		).toBe(204);
		expect(
			(await call("delete", "/video-reviews/:reviewId/comments/:commentId", { token: outsider, params: commentParams })).status,
		).toBe(404);
		expect((await call("post", "/video-reviews/:reviewId/done", { token: outsider, params })).status).toBe(404);
		expect((await call("post", "/video-reviews/:reviewId/done", { token: reviewer.token, params })).status).toBe(204);
		expect((await call("post", "/video-reviews/:reviewId/done", { token: reviewer.token, params })).status).toBe(409);
		expect((await call("get", "/video-reviews/:reviewId", { token: sender.token, params })).status).toBe(200);
		expect((await call("get", "/video-reviews/:reviewId", { token: outsider, params })).status).toBe(404);
		expect((await call("get", "/video-reviews", {})).status).toBe(401);
	});

	it("online lessons: a video token for the room, and LiveKit's signed webhook", async () => {
		const coach = await onlineCoach("契约线上教练");
		const learner = await signedInUser("契约线上学员");
		const params = { bookingId: await confirmedLesson(coach, learner, currentHalfHour()) };
		const token = (as: string | undefined, body: unknown = {}) =>
			call("post", "/bookings/:bookingId/video-token", { token: as, params, body });
		expect((await token(learner.token)).status).toBe(200);
		expect((await token(coach.token, { device: "second" })).status).toBe(200);
		expect((await token(learner.token, { device: "third" })).status).toBe(400);
		expect((await token(undefined)).status).toBe(401);
		// A fresh stranger: the demo player's token was revoked by the suspension in the back-office case.
		expect((await token((await signedInUser("契约线上路人")).token)).status).toBe(404);
		const later = await confirmedLesson(coach, learner, new Date(currentHalfHour().getTime() + 24 * 3_600_000));
		expect(
			(await call("post", "/bookings/:bookingId/video-token", { token: learner.token, params: { bookingId: later }, body: {} }))
				.status,
		).toBe(409);
		const inPerson = await confirmedLesson(coach, learner, new Date(currentHalfHour().getTime() + 48 * 3_600_000), "venue");
		expect(
			(
				await call("post", "/bookings/:bookingId/video-token", {
					token: learner.token,
					params: { bookingId: inPerson },
					body: {},
				})
			).status,
		).toBe(422);
		const event = JSON.stringify({
			id: "EV_contract",
			event: "participant_joined",
			createdAt: String(Math.floor(Date.now() / 1000)),
			room: { name: `booking-${params.bookingId}` },
			participant: { sid: "PA_contract", identity: `player-${learner.userId}-main` },
		});
		const webhook = (authorization: string) =>
			call("post", "/lessons/livekit-webhook", {
				raw: { bytes: Buffer.from(event), contentType: "application/webhook+json" },
				headers: { authorization },
			});
		const { key } = await secondCameraKey({ caller: { userId: learner.userId, roles: ["player"] }, bookingId: params.bookingId });
		expect((await call("post", "/lessons/second-camera-token", { body: { key } })).status).toBe(200);
		// Change the last characters (a character appended to base64url may decode to the same bytes).
		const altered = `${key.slice(0, -3)}${key.slice(-3) === "AAA" ? "BBB" : "AAA"}`;
		expect((await call("post", "/lessons/second-camera-token", { body: { key: altered } })).status).toBe(401);
		expect((await call("post", "/lessons/second-camera-token", { body: {} })).status).toBe(400);
		expect((await webhook(livekit.signWebhook(event))).status).toBe(204);
		expect((await webhook(livekit.signWebhook(event, { secret: "forged" }))).status).toBe(401);
	});

	it("online lessons: recording with both sides' consent, the coach's start and stop, the recordings and their deletion", async () => {
		// Recording writes into the project's bucket: a loopback S3 for this case only (settings are reread, then restored).
		const credentials = { bucket: "contract-recordings", accessKeyId: "AKCONTRACT", secretAccessKey: "contract-secret" };
		const s3 = await startFakeS3(credentials);
		const bucketSettings: Record<string, string> = {
			S3_BUCKET: credentials.bucket,
			S3_ENDPOINT: s3.url,
			S3_REGION: "us-east-1",
			S3_ACCESS_KEY_ID: credentials.accessKeyId,
			S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
			S3_FORCE_PATH_STYLE: "1",
			S3_SERVER_SIDE_ENCRYPTION: "none",
		};
		const saved = Object.fromEntries(Object.keys(bucketSettings).map((name) => [name, process.env[name]]));
		Object.assign(process.env, bucketSettings);
		rereadSettings();
		setFileStorage(storageFromSettings());
		try {
			const coach = await onlineCoach("契约录制教练");
			const learner = await signedInUser("契约录制学员");
			const stranger = (await signedInUser("契约录制路人")).token;
			const params = { bookingId: await confirmedLesson(coach, learner, currentHalfHour()) };
			const state = (token?: string) => call("get", "/bookings/:bookingId/recording-consent", { token, params });
			const consent = (token: string | undefined, body: unknown) =>
				call("post", "/bookings/:bookingId/recording-consent", { token, params, body });
			const recording = (token: string | undefined, body: unknown) =>
				call("post", "/bookings/:bookingId/recording", { token, params, body });
			expect((await state(learner.token)).status).toBe(200);
			expect((await state()).status).toBe(401);
			expect((await state(stranger)).status).toBe(404);
			expect((await consent(learner.token, { consent: "yes" })).status).toBe(400);
			expect((await consent(learner.token, { consent: true })).status).toBe(200);
			expect((await consent(undefined, { consent: true })).status).toBe(401);
			expect((await consent(stranger, { consent: true })).status).toBe(404);
			expect((await recording(coach.token, { action: "start" })).status).toBe(409);
			expect((await consent(coach.token, { consent: true })).status).toBe(200);
			expect((await recording(coach.token, { action: "pause" })).status).toBe(400);
			expect((await recording(learner.token, { action: "start" })).status).toBe(403);
			expect((await recording(undefined, { action: "start" })).status).toBe(401);
			expect((await recording(stranger, { action: "start" })).status).toBe(404);
			expect((await recording(coach.token, { action: "start" })).status).toBe(200);
			expect((await consent(learner.token, { consent: false })).status).toBe(409);
			expect((await recording(coach.token, { action: "stop" })).status).toBe(200);
			const [egressId] = [...livekit.egresses.values()]
				.filter((egress) => egress.roomName === `booking-${params.bookingId}`)
				.map((egress) => egress.egressId);
			const ended = await livekit.finishEgress(`${app.url}/api/v1/lessons/livekit-webhook`, egressId ?? "", {
				status: "complete",
				bucket: s3.objects,
				bytes: Buffer.from("contract recording"),
				durationSeconds: 5,
			});
			expect(ended.status).toBe(204);
			expect((await recording(coach.token, { action: "stop" })).status).toBe(409);
			const listed = await call("get", "/bookings/:bookingId/recordings", { token: coach.token, params });
			expect(listed.status).toBe(200);
			expect((await call("get", "/bookings/:bookingId/recordings", { token: stranger, params })).status).toBe(404);
			expect((await call("get", "/bookings/:bookingId/recordings", { params })).status).toBe(401);
			const one = { ...params, recordingId: listed.body.recordings[0].id };
			const remove = (token?: string) => call("delete", "/bookings/:bookingId/recordings/:recordingId", { token, params: one });
			expect((await remove()).status).toBe(401);
			expect((await remove(stranger)).status).toBe(404);
			expect((await remove(learner.token)).status).toBe(204);
			expect((await remove(coach.token)).status).toBe(404);
		} finally {
			for (const [name, value] of Object.entries(saved)) {
				if (value === undefined) delete process.env[name];
				else process.env[name] = value;
			}
			rereadSettings();
			setFileStorage(storageFromSettings());
			await s3.close();
		}
	});

	it("moderation: the forbidden-word list, a held review, reports and the queue's decisions", async () => {
		const words = (await call("get", "/admin/moderation/words", { token: staff })).body.items;
		expect(words.length).toBeGreaterThan(0);
		const player = await signedInUser("契约举报学员");
		expect((await call("get", "/admin/moderation/words", { token: player.token })).status).toBe(403);
		expect((await call("post", "/admin/moderation/words", { token: staff, body: { word: "", category: "abuse" } })).status).toBe(
			400,
		);
		const added = await call("post", "/admin/moderation/words", {
			token: staff,
			body: { word: "契约违禁", category: "illegal" },
		});
		expect(added.status).toBe(201);
		expect(
			(await call("post", "/admin/moderation/words", { token: staff, body: { word: "契约违禁", category: "abuse" } })).status,
		).toBe(409);

		const coach = await bookableCoach("契约举报教练", undefined, { allDay: true });
		const bookingId = await completedLesson(coach, player);
		const written = await call("post", "/bookings/:bookingId/review", {
			token: player.token,
			params: { bookingId },
			body: { overall: 2, aspects: { attitude: 2, skill: 2, service: 2 }, anonymous: false, text: "有契约违禁的内容" },
		});
		expect(written.body.review.status).toBe("held");
		expect((await call("get", "/admin/reviews", { token: staff, query: { status: "held" } })).status).toBe(200);
		expect(
			(await call("delete", "/admin/moderation/words/:wordId", { token: staff, params: { wordId: added.body.word.id } })).status,
		).toBe(204);
		expect(
			(await call("delete", "/admin/moderation/words/:wordId", { token: staff, params: { wordId: unknownId } })).status,
		).toBe(404);

		const params = { reviewId: written.body.review.id };
		const moderate = (body: unknown) => call("post", "/admin/reviews/:reviewId/moderation", { token: staff, params, body });
		expect((await moderate({ action: "publish", reason: "契约发布" })).status).toBe(200);
		const helpful = (method: "post" | "delete", token: string | undefined, reviewId = params.reviewId) =>
			call(method, "/reviews/:reviewId/helpful", { token, params: { reviewId } });
		expect((await helpful("post", staff)).status).toBe(200);
		expect((await helpful("post", player.token)).status).toBe(403);
		expect((await helpful("post", undefined)).status).toBe(401);
		expect((await helpful("post", staff, unknownId)).status).toBe(404);
		expect((await helpful("delete", staff)).status).toBe(200);
		expect((await helpful("delete", coach.token)).status).toBe(403);
		const report = (token: string | undefined, body: unknown) =>
			call("post", "/reviews/:reviewId/reports", { token, params, body });
		expect((await report(coach.token, { reason: "false", detail: "不实" })).status).toBe(201);
		expect((await report(coach.token, { reason: "abuse" })).status).toBe(409);
		expect((await report(undefined, { reason: "abuse" })).status).toBe(401);
		expect((await report(player.token, { reason: "abuse" })).status).toBe(403);
		expect((await report(coach.token, { reason: "loud" })).status).toBe(400);
		expect((await report(coach.token, { reason: "abuse", target: "reply" })).status).toBe(422);
		expect(
			(
				await call("post", "/reviews/:reviewId/reports", {
					token: coach.token,
					params: { reviewId: unknownId },
					body: { reason: "abuse" },
				})
			).status,
		).toBe(404);
		expect((await call("get", "/admin/reviews", { token: staff, query: { status: "reported" } })).status).toBe(200);
		expect((await moderate({ action: "dismiss", reason: "属实的差评" })).status).toBe(200);
		expect((await moderate({ action: "hide", reason: "契约", target: "reply" })).status).toBe(422);
	});

	it("community, social side: the partner finder, invitations, conversations, blocks, follows, profiles and the feed", async () => {
		await clearLimits();
		const card = {
			discipline: "chinese_8_ball",
			selfLevel: 3,
			cityCode: "shanghai",
			district: "静安区",
			usualTimes: ["weekday_evening"],
		};
		const inviter = await signedInUser("契约球友甲");
		const invitee = await signedInUser("契约球友乙");
		expect((await call("get", "/community/partners/me", { token: inviter.token })).body.card).toBeNull();
		expect((await call("put", "/community/partners/me", { token: inviter.token, body: card })).status).toBe(200);
		expect((await call("put", "/community/partners/me", { token: invitee.token, body: card })).status).toBe(200);
		expect(
			(await call("put", "/community/partners/me", { token: invitee.token, body: { ...card, district: "火星区" } })).status,
		).toBe(400);
		expect((await call("get", "/community/partners/me", { token: invitee.token })).status).toBe(200);
		const found = await call("get", "/community/partners", {
			token: inviter.token,
			query: { lat: "31.23", lng: "121.45", discipline: "chinese_8_ball", minLevel: "2", maxLevel: "4" },
		});
		expect(found.status).toBe(200);
		expect((await call("get", "/community/partners", { query: { lat: "x", lng: "121.45", discipline: "snooker" } })).status).toBe(
			400,
		);

		const sent = await call("post", "/community/partners/invitations", {
			token: inviter.token,
			body: { toUserId: invitee.userId, note: "周六一起练球？" },
		});
		expect(sent.status).toBe(201);
		expect(
			(
				await call("post", "/community/partners/invitations", {
					token: inviter.token,
					body: { toUserId: invitee.userId, note: "在吗" },
				})
			).status,
		).toBe(409);
		expect((await call("get", "/community/partners/invitations", { token: invitee.token })).status).toBe(200);
		const invitationId = sent.body.invitation.id;
		const accepted = await call("post", "/community/partners/invitations/:invitationId/answer", {
			token: invitee.token,
			params: { invitationId },
			body: { answer: "accept" },
		});
		expect(accepted.status).toBe(200);
		expect(
			(
				await call("post", "/community/partners/invitations/:invitationId/answer", {
					token: invitee.token,
					params: { invitationId },
					body: { answer: "decline" },
				})
			).status,
		).toBe(409);
		const conversationId = accepted.body.invitation.conversationId;
		const message = await call("post", "/community/conversations/:conversationId/messages", {
			token: inviter.token,
			params: { conversationId },
			body: { body: "你好，周六见" },
		});
		expect(message.status).toBe(201);
		expect(
			(
				await call("post", "/community/conversations/:conversationId/messages", {
					token: inviter.token,
					params: { conversationId },
					body: { body: "加微信转账" },
				})
			).status,
		).toBe(400);
		expect((await call("get", "/community/conversations", { token: invitee.token })).body.unread).toBe(1);
		expect(
			(await call("get", "/community/conversations/:conversationId", { token: invitee.token, params: { conversationId } }))
				.status,
		).toBe(200);
		expect(
			(await call("get", "/community/conversations/:conversationId", { token: admin, params: { conversationId } })).status,
		).toBe(404);
		const report = await call("post", "/community/messages/:messageId/report", {
			token: invitee.token,
			params: { messageId: message.body.message.id },
			body: { reason: "spam" },
		});
		expect(report.status).toBe(201);
		expect(
			(await call("post", "/community/blocks/:userId", { token: invitee.token, params: { userId: inviter.userId } })).status,
		).toBe(204);
		expect(
			(await call("delete", "/community/blocks/:userId", { token: invitee.token, params: { userId: inviter.userId } })).status,
		).toBe(204);

		expect(
			(await call("post", "/community/users/:userId/follow", { token: invitee.token, params: { userId: inviter.userId } }))
				.status,
		).toBe(200);
		expect(
			(await call("post", "/community/users/:userId/follow", { token: invitee.token, params: { userId: invitee.userId } }))
				.status,
		).toBe(400);
		expect((await call("get", "/community/users/:userId", { params: { userId: inviter.userId } })).status).toBe(200);
		expect((await call("get", "/community/users/:userId", { params: { userId: unknownId } })).status).toBe(404);
		expect((await call("get", "/community/users/:userId/followers", { params: { userId: inviter.userId } })).status).toBe(200);
		expect((await call("get", "/community/users/:userId/following", { params: { userId: invitee.userId } })).status).toBe(200);
		expect((await call("get", "/community/feed", { token: invitee.token })).status).toBe(200);
		expect((await call("get", "/community/feed")).status).toBe(401);
		expect(
			(await call("delete", "/community/users/:userId/follow", { token: invitee.token, params: { userId: inviter.userId } }))
				.status,
		).toBe(200);
	});

	it("community posts: boards, a question with answers, likes, bookmarks, flags and the back office's decisions", async () => {
		// A member of their own: an earlier case suspends the demo player, and posting needs a verified phone.
		const asker = (await communityMember("契约提问者")).token;
		const boards = (await call("get", "/community/boards")).body.items;
		const questions = boards.find((board: { slug: string }) => board.slug === "questions");
		expect((await call("get", "/community/boards/:slug/posts", { params: { slug: "questions" } })).status).toBe(200);
		expect((await call("get", "/community/boards/:slug/posts", { params: { slug: "nope" } })).status).toBe(404);
		const asked = await call("post", "/community/posts", {
			token: asker,
			body: { boardId: questions.id, kind: "question", title: "契约：跳球怎么练？", body: "**杆头**要抬多少" },
		});
		expect(asked.status).toBe(201);
		const postId = asked.body.post.id;
		expect(
			(await call("post", "/community/posts", { token: asker, body: { boardId: questions.id, title: "", body: "" } })).status,
		).toBe(400);
		expect((await call("get", "/community/posts/:postId", { params: { postId } })).status).toBe(200);
		expect((await call("get", "/community/posts/:postId", { params: { postId: unknownId } })).status).toBe(404);
		expect(
			(
				await call("put", "/community/posts/:postId", {
					token: asker,
					params: { postId },
					body: { title: "契约：跳球怎么练", body: "杆头抬多少" },
				})
			).status,
		).toBe(200);
		const answer = await call("post", "/community/posts/:postId/comments", {
			token: demoCoach,
			params: { postId },
			body: { body: "杆尾抬高约 30 度，短促发力" },
		});
		expect(answer.status).toBe(201);
		const commentId = answer.body.comment.id;
		const second = await call("post", "/community/posts/:postId/comments", {
			token: asker,
			params: { postId },
			body: { body: "补充一句" },
		});
		expect(
			(await call("post", "/community/posts/:postId/accepted-answer", { token: asker, params: { postId }, body: { commentId } }))
				.status,
		).toBe(200);
		expect(
			(
				await call("post", "/community/posts/:postId/coach-verified-answers", {
					token: demoCoach,
					params: { postId },
					body: { commentId: second.body.comment.id },
				})
			).status,
		).toBe(200);
		expect(
			(
				await call("post", "/community/posts/:postId/coach-verified-answers", {
					token: asker,
					params: { postId },
					body: { commentId },
				})
			).status,
		).toBe(403);
		const reader = await signedInUser("契约社区读者");
		expect((await call("put", "/community/posts/:id/like", { token: reader.token, params: { id: postId } })).status).toBe(200);
		expect((await call("delete", "/community/posts/:id/like", { token: reader.token, params: { id: postId } })).status).toBe(200);
		expect((await call("put", "/community/comments/:id/like", { token: reader.token, params: { id: commentId } })).status).toBe(
			200,
		);
		expect(
			(await call("delete", "/community/comments/:id/like", { token: reader.token, params: { id: commentId } })).status,
		).toBe(200);
		expect((await call("put", "/community/posts/:postId/bookmark", { token: reader.token, params: { postId } })).status).toBe(
			200,
		);
		expect((await call("delete", "/community/posts/:postId/bookmark", { token: reader.token, params: { postId } })).status).toBe(
			200,
		);
		expect(
			(
				await call("post", "/community/comments/:commentId/flags", {
					token: reader.token,
					params: { commentId },
					body: { reason: "false" },
				})
			).status,
		).toBe(201);
		expect(
			(
				await call("post", "/community/posts/:postId/flags", {
					token: reader.token,
					params: { postId },
					body: { reason: "spam" },
				})
			).status,
		).toBe(201);
		expect((await call("get", "/admin/community/queue", { token: staff })).status).toBe(200);
		expect((await call("get", "/admin/community/queue", { token: reader.token })).status).toBe(403);
		expect(
			(
				await call("post", "/admin/community/posts/:id/decision", {
					token: staff,
					params: { id: postId },
					body: { action: "dismiss", reason: "正常提问" },
				})
			).status,
		).toBe(200);
		expect(
			(
				await call("post", "/admin/community/comments/:id/decision", {
					token: staff,
					params: { id: commentId },
					body: { action: "dismiss", reason: "回答无误" },
				})
			).status,
		).toBe(200);
		expect(
			(
				await call("put", "/admin/community/boards/:boardId", {
					token: staff,
					params: { boardId: questions.id },
					body: { nameZh: "问答", nameEn: "Q&A", position: 7, archived: false },
				})
			).status,
		).toBe(200);
		expect((await call("delete", "/community/posts/:postId", { token: asker, params: { postId } })).status).toBe(204);
	});

	it("learning: admins edit the drill catalogue, approved coaches their own drills", async () => {
		const drill = {
			nameZh: "契约练习",
			nameEn: "Contract drill",
			discipline: "nine_ball",
			skills: ["cut_shots"],
			scoring: "made_of_attempts",
			attempts: 10,
			difficulty: 2,
			setupZh: "目标球在置球点，母球在开球区。",
			setupEn: "Object ball on the spot, cue ball in the kitchen.",
		};
		expect((await call("get", "/admin/drills", { token: admin })).status).toBe(200);
		expect((await call("get", "/admin/drills", { token: staff })).status).toBe(403);
		expect((await call("get", "/admin/drills", {})).status).toBe(401);
		expect((await call("post", "/admin/drills", { token: admin, body: { ...drill, skills: [] } })).status).toBe(400);
		const added = await call("post", "/admin/drills", { token: admin, body: drill });
		expect(added.status).toBe(201);
		const catalogue = { drillId: added.body.drill.id };
		expect((await call("patch", "/admin/drills/:drillId", { token: admin, params: catalogue, body: drill })).status).toBe(200);
		expect(
			(await call("patch", "/admin/drills/:drillId", { token: admin, params: { drillId: "no-such-drill" }, body: drill })).status,
		).toBe(404);
		expect((await call("post", "/admin/drills/:drillId/retire", { token: admin, params: catalogue })).status).toBe(200);

		const coach = await bookableCoach("契约练习教练", undefined, { allDay: true });
		const player = (await signedInUser("契约练习路人")).token;
		expect((await call("get", "/coach/drills", { token: coach.token })).status).toBe(200);
		expect((await call("get", "/coach/drills", { token: player })).status).toBe(403);
		const own = await call("post", "/coach/drills", { token: coach.token, body: drill });
		expect(own.status).toBe(201);
		expect((await call("post", "/coach/drills", { token: coach.token, body: { ...drill, difficulty: 0 } })).status).toBe(400);
		const mine = { drillId: own.body.drill.id };
		expect((await call("patch", "/coach/drills/:drillId", { token: coach.token, params: mine, body: drill })).status).toBe(200);
		expect((await call("patch", "/coach/drills/:drillId", { token: coach.token, params: catalogue, body: drill })).status).toBe(
			404,
		);
		expect((await call("post", "/coach/drills/:drillId/retire", { token: coach.token, params: mine })).status).toBe(200);
		expect((await call("post", "/coach/drills/:drillId/retire", { token: player, params: mine })).status).toBe(403);
	});

	it("calls every operation of the registry, each with at least one success", () => {
		const uncovered = endpoints
			.map(operationOf)
			.filter((operation) => ![...(answered.get(operation) ?? [])].some((status) => status >= 200 && status < 300));
		expect(uncovered, "operations with no successful call checked in this file").toEqual([]);
	});
});
