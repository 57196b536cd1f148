import { request as httpRequest } from "node:http";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { demoPassword, seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { postJson } from "../support/accounts";
import { signInStaff } from "../support/staff";
import { startTestApp, type TestApp } from "../support/test-app";

// Settings of this file, read when the app starts: a metrics token, and a statement timeout short
// enough that a query stuck behind a lock fails instead of hanging the test.
const metricsToken = "metrics-token-for-tests-0123456789";
process.env.METRICS_TOKEN = metricsToken;
process.env.DB_STATEMENT_TIMEOUT_MS = "1000";

let app: TestApp;
let playerToken = "";
let supportToken = "";
const api = (path: string) => `${app.url}/api/v1${path}`;

async function signIn(phone: string): Promise<string> {
	const login = await postJson(api("/auth/password-login"), { identifier: phone, password: demoPassword });
	if (login.status !== 200) throw new Error(`sign-in of ${phone} failed: ${login.status} ${JSON.stringify(login.body)}`);
	return login.body.token as string;
}

/**
 * A raw HTTP request, for what fetch refuses to send (TRACE, bodies without Content-Length). It
 * resolves on the answer: a server that refuses a body early may answer while we still write it.
 */
function rawRequest(options: {
	method: string;
	path: string;
	headers?: Record<string, string>;
	chunks?: Buffer[];
	/** Leave the body unfinished, as a slow or hostile client does; the request is dropped after the answer. */
	keepOpen?: boolean;
}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
	const url = new URL(app.url);
	return new Promise((resolve, reject) => {
		let answered = false;
		const req = httpRequest(
			// A connection of its own: one the server closed after refusing a body is never reused.
			{ host: url.hostname, port: url.port, method: options.method, path: options.path, headers: options.headers, agent: false },
			(res) => {
				answered = true;
				if (options.keepOpen) res.on("end", () => req.destroy());
				const parts: Buffer[] = [];
				res.on("data", (part: Buffer) => parts.push(part));
				res.on("end", () =>
					resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString() }),
				);
				res.on("error", () =>
					resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString() }),
				);
			},
		);
		req.on("error", (error) => {
			if (!answered) reject(error);
		});
		const chunks = [...(options.chunks ?? [])];
		const writeNext = () => {
			const chunk = chunks.shift();
			if (answered || (!chunk && !options.keepOpen)) return req.end();
			if (!chunk) return;
			req.write(chunk, writeNext);
		};
		writeNext();
	});
}

beforeAll(async () => {
	await db().transaction((tx) => seedDemoAccounts(tx));
	app = await startTestApp();
	playerToken = await signIn("13800000001");
	supportToken = (await signInStaff(app.url, "13800000004")).token;
});
afterAll(async () => {
	await app.close();
});

const sameSite = (location: string | null) => new URL(location ?? "", app.url).origin === app.url;

describe("redirects never leave the site", () => {
	const offSite = [
		"/\t/evil.example",
		"/\n/evil.example",
		"/\r/evil.example",
		"//evil.example",
		"/\\evil.example",
		"\\\\evil.example",
		"https://evil.example/",
		"/x/..//evil.example",
		"/%2F/evil.example",
		"javascript:alert(1)",
		" //evil.example",
	];

	it.each(offSite)("keeps a signed-in visitor on the site for redirectTo=%j", async (target) => {
		const response = await fetch(`${app.url}/login?redirectTo=${encodeURIComponent(target)}`, {
			headers: { cookie: `cp_session=${playerToken}` },
			redirect: "manual",
		});
		expect(response.status).toBe(302);
		expect(sameSite(response.headers.get("location"))).toBe(true);
		expect(new URL(response.headers.get("location") ?? "", app.url).pathname.startsWith("//")).toBe(false);
	});

	it("keeps the raw /%09/evil.example probe on the site", async () => {
		const response = await fetch(`${app.url}/login?redirectTo=/%09/evil.example`, {
			headers: { cookie: `cp_session=${playerToken}` },
			redirect: "manual",
		});
		expect(response.status).toBe(302);
		expect(sameSite(response.headers.get("location"))).toBe(true);
	});

	it("goes on to a Chinese path and query, encoded, instead of a 500", async () => {
		const response = await fetch(`${app.url}/login?redirectTo=${encodeURIComponent("/coaches?q=台球#教练")}`, {
			headers: { cookie: `cp_session=${playerToken}` },
			redirect: "manual",
		});
		expect(response.status).toBe(302);
		const location = new URL(response.headers.get("location") ?? "", app.url);
		expect(location.origin).toBe(app.url);
		expect(location.pathname).toBe("/coaches");
		expect(location.searchParams.get("q")).toBe("台球");
	});

	it.each(["/me\r\nSet-Cookie: planted=1", "/me%0A", "/me%0D%0AX: y", "/me\u0000", "/me%00"])(
		"never answers 500 nor splits headers for redirectTo=%j",
		async (target) => {
			const response = await fetch(`${app.url}/login?redirectTo=${encodeURIComponent(target)}`, {
				headers: { cookie: `cp_session=${playerToken}` },
				redirect: "manual",
			});
			expect(response.status).toBe(302);
			expect(sameSite(response.headers.get("location"))).toBe(true);
			expect(response.headers.get("set-cookie") ?? "").not.toContain("planted");
		},
	);

	it("signs in by password with a Chinese redirectTo and keeps the session cookie", async () => {
		const response = await fetch(`${app.url}/login`, {
			method: "POST",
			body: new URLSearchParams({
				intent: "password-login",
				identifier: "13800000003",
				password: demoPassword,
				redirectTo: "/coaches?q=斯诺克",
			}),
			headers: { origin: app.url },
			redirect: "manual",
		});
		expect(response.status).toBe(302);
		expect(response.headers.get("set-cookie")).toMatch(/cp_session=[^;]{20,}/);
		const location = new URL(response.headers.get("location") ?? "", app.url);
		expect(location.origin).toBe(app.url);
		expect(location.searchParams.get("q")).toBe("斯诺克");
	});

	it("keeps the language switch on the site with the same rule", async () => {
		const switched = await fetch(`${app.url}/set-language`, {
			method: "POST",
			body: new URLSearchParams({ locale: "en", redirectTo: "/\t/evil.example" }),
			headers: { origin: app.url },
			redirect: "manual",
		});
		expect(switched.status).toBe(302);
		expect(sameSite(switched.headers.get("location"))).toBe(true);
	});
});

describe("malformed requests get a 4xx in the usual shape, never a 500", () => {
	it("refuses a NUL byte in the coach search, on the page and in the API", async () => {
		const page = await fetch(`${app.url}/coaches?q=a%00b`);
		expect(page.status).toBe(400);
		const html = await page.text();
		expect(html).toContain("<html");
		expect(html).not.toMatch(/at .*\.(ts|js):\d+/);

		const response = await fetch(api("/coaches?q=a%00b"));
		expect(response.status).toBe(400);
		const body = await response.json();
		expect(body.error.code).toBe("validation_failed");
		expect(body.error.fields.q).toBeTruthy();
	});

	it("refuses a NUL byte in the back office's user search", async () => {
		const response = await fetch(api("/admin/users?q=a%00b"), { headers: { authorization: `Bearer ${supportToken}` } });
		expect(response.status).toBe(400);
		expect((await response.json()).error.code).toBe("validation_failed");

		const page = await fetch(`${app.url}/admin/users?q=a%00b`, { headers: { cookie: `cp_session=${supportToken}` } });
		expect(page.status).toBeLessThan(500);
		expect(await page.text()).not.toMatch(/at .*\.(ts|js):\d+/);
	});

	it.each(["gzip", "br", "deflate"])("answers 400 to a request body that is not valid %s", async (encoding) => {
		const response = await fetch(api("/auth/password-login"), {
			method: "POST",
			headers: { "content-type": "application/json", "content-encoding": encoding },
			body: "this is not compressed at all",
		});
		expect(response.status).toBe(400);
		expect((await response.json()).error.code).toBe("bad_request");

		const page = await fetch(`${app.url}/login`, {
			method: "POST",
			headers: { "content-type": "application/x-www-form-urlencoded", "content-encoding": encoding, origin: app.url },
			body: "this is not compressed at all",
		});
		expect(page.status).toBeGreaterThanOrEqual(400);
		expect(page.status).toBeLessThan(500);
	});

	it("still reads a request body that is really gzip-compressed", async () => {
		const response = await fetch(api("/auth/password-login"), {
			method: "POST",
			headers: { "content-type": "application/json", "content-encoding": "gzip" },
			body: gzipSync(JSON.stringify({ identifier: "13800000001", password: demoPassword })),
		});
		expect(response.status).toBe(200);
	});

	it.each(["__proto__", "constructor", "toString", "hasOwnProperty"])(
		"answers 400 to intent=%s on the security page",
		async (intent) => {
			const response = await fetch(`${app.url}/me/security`, {
				method: "POST",
				body: new URLSearchParams({ intent }),
				headers: { cookie: `cp_session=${playerToken}`, origin: app.url },
			});
			expect(response.status).toBe(400);
		},
	);

	it("answers 415 with a friendly page to a JSON body posted to the sign-in page", async () => {
		const response = await fetch(`${app.url}/login`, {
			method: "POST",
			headers: { "content-type": "application/json", origin: app.url },
			body: JSON.stringify({ identifier: "13800000001", password: demoPassword }),
		});
		expect(response.status).toBe(415);
		const html = await response.text();
		expect(html).toContain("<html");
		expect(html).not.toMatch(/at .*\.(ts|js):\d+/);
	});

	it("answers 415 to an empty JSON body and to a body without a type on a page", async () => {
		const empty = await fetch(`${app.url}/login`, {
			method: "POST",
			headers: { "content-type": "application/json", origin: app.url },
		});
		expect(empty.status).toBe(415);
		const untyped = await rawRequest({
			method: "POST",
			path: "/login",
			headers: { origin: app.url, "content-length": "9" },
			chunks: [Buffer.from("intent=x&")],
		});
		expect(untyped.status).toBe(415);
	});

	it("still takes an empty form post, as a form with only a button sends", async () => {
		const response = await fetch(`${app.url}/logout`, {
			method: "POST",
			headers: {
				"content-type": "application/x-www-form-urlencoded",
				cookie: `cp_session=${await signIn("13800000005")}`,
				origin: app.url,
			},
			redirect: "manual",
		});
		expect(response.status).toBe(302);
	});

	it.each(["TRACE", "PROPFIND"])("answers 405 to %s", async (method) => {
		const page = await rawRequest({ method, path: "/" });
		expect(page.status).toBe(405);
		const apiCall = await rawRequest({ method, path: "/api/v1/meta" });
		expect(apiCall.status).toBe(405);
		expect(JSON.parse(apiCall.body).error.code).toBe("method_not_allowed");
	});
});

describe("a database that hangs", () => {
	it("fails a query stuck behind a lock with 503 (API and page), not a hung or 500 request", async () => {
		const locker = new pg.Client({ connectionString: process.env.DATABASE_URL });
		await locker.connect();
		try {
			await locker.query("begin");
			await locker.query("lock table sessions in access exclusive mode");
			const response = await fetch(api("/me"), { headers: { authorization: `Bearer ${playerToken}` } });
			expect(response.status).toBe(503);
			expect((await response.json()).error.code).toBe("service_unavailable");
			const page = await fetch(`${app.url}/me`, { headers: { cookie: `cp_session=${playerToken}` } });
			expect(page.status).toBe(503);
			expect(await page.text()).toContain("服务暂时不可用");
		} finally {
			await locker.query("rollback");
			await locker.end();
		}
		expect((await fetch(api("/me"), { headers: { authorization: `Bearer ${playerToken}` } })).status).toBe(200);
	});
});

describe("client address", () => {
	it("ignores X-Forwarded-For from a peer that is not a configured proxy", async () => {
		const login = await postJson(
			api("/auth/password-login"),
			{ identifier: "13800000002", password: demoPassword },
			{ "x-forwarded-for": "203.0.113.7" },
		);
		expect(login.status).toBe(200);
		const sessions = await fetch(api("/me/sessions"), { headers: { authorization: `Bearer ${login.body.token}` } });
		const current = ((await sessions.json()).items as Array<{ ip: string | null; current: boolean }>).find(
			(session) => session.current,
		);
		expect(current?.ip).toBe("127.0.0.*");
	});
});

describe("metrics and health details", () => {
	it("refuses /metrics without the bearer token, and serves it with the token", async () => {
		expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
		expect((await fetch(`${app.url}/metrics`, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
		const allowed = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
		expect(allowed.status).toBe(200);
		expect(await allowed.text()).toContain("http_requests_total");
	});

	it("tells strangers only the health status, and the token holder the details", async () => {
		const bare = await fetch(`${app.url}/healthz`);
		expect(bare.status).toBe(200);
		expect(await bare.json()).toEqual({ status: "ok" });
		const detailed = await fetch(`${app.url}/healthz`, { headers: { authorization: `Bearer ${metricsToken}` } });
		const body = await detailed.json();
		expect(body.database).toBe("reachable");
		expect(body.migrations.current).toBe(true);
		expect((await fetch(`${app.url}/livez`)).status).toBe(200);
	});
});

describe("names and titles", () => {
	it("refuses bidirectional control characters in a display name, with a message in the user's language", async () => {
		const signup = await postJson(
			api("/auth/email-signup"),
			{ displayName: "Lin\u202Egnp.exe", email: "bidi@example.com", password: "Cue2026x" },
			{ "accept-language": "en" },
		);
		expect(signup.status).toBe(400);
		expect(signup.body.error.fields.displayName).toMatch(/direction/i);
	});

	it("refuses them in a coach's place name and certificate issuer", async () => {
		const coach = await signIn("13800000002");
		const response = await fetch(api("/coach/application"), {
			method: "PUT",
			headers: { authorization: `Bearer ${coach}`, "content-type": "application/json", "accept-language": "zh-CN" },
			body: JSON.stringify({ places: [{ name: "星牌\u2066台球\u2069", address: "人民路 1 号" }] }),
		});
		expect(response.status).toBe(400);
		const body = await response.json();
		expect(Object.keys(body.error.fields).some((name) => name.includes("name"))).toBe(true);
	});
});

describe("body limits", () => {
	it("refuses an oversized photo in the form that sent it as soon as it passes the cap, before the upload ends", async () => {
		const head = Buffer.from(
			'--x\r\nContent-Disposition: form-data; name="intent"\r\n\r\nadd-photo\r\n' +
				'--x\r\nContent-Disposition: form-data; name="photo"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n',
		);
		// 11 MB of a photo (the cap is 10 MB), and the body never finishes: only a parser that
		// counts while streaming can answer.
		const response = await rawRequest({
			method: "POST",
			path: "/coach/apply?intent=add-photo",
			headers: {
				"content-type": "multipart/form-data; boundary=x",
				"transfer-encoding": "chunked",
				cookie: `cp_session=${playerToken}`,
				origin: app.url,
			},
			chunks: [head, ...Array.from({ length: 11 }, () => Buffer.alloc(1024 * 1024, 0xff))],
			keepOpen: true,
		});
		expect(response.status).toBe(413);
		expect(response.body).toContain("文件不能超过 10 MB");
	});

	it("cuts off a chunked page body without Content-Length at the limit with 413", async () => {
		const chunk = Buffer.alloc(64 * 1024, "a");
		const response = await rawRequest({
			method: "POST",
			path: "/login",
			headers: { "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked", origin: app.url },
			chunks: [Buffer.from("identifier="), ...Array.from({ length: 40 }, () => chunk)],
		});
		expect(response.status).toBe(413);
	});

	it("cuts off a chunked API body without Content-Length at the limit with 413", async () => {
		const chunk = Buffer.alloc(64 * 1024, "a");
		const response = await rawRequest({
			method: "POST",
			path: "/api/v1/auth/password-login",
			headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
			chunks: [Buffer.from('{"identifier":"'), ...Array.from({ length: 40 }, () => chunk)],
		});
		expect(response.status).toBe(413);
	});
});
