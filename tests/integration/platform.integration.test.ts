import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
beforeAll(async () => {
	app = await startTestApp();
});
afterAll(async () => {
	await app.close();
});

describe("pages", () => {
	it("serves the home page in Chinese by default, with the product's sections", async () => {
		const response = await fetch(`${app.url}/`);
		const html = await response.text();
		expect(response.status).toBe(200);
		expect(html).toContain('<html lang="zh-CN"');
		expect(html).toContain("约一位好教练");
		expect(html).toContain("中式八球");
		expect(html).toContain("斯诺克");
	});

	it("serves English when the language cookie says so, and the switch sets that cookie", async () => {
		const english = await fetch(`${app.url}/`, { headers: { cookie: "lang=en" } });
		const html = await english.text();
		expect(html).toContain('<html lang="en"');
		expect(html).toContain("Book a great coach");

		const body = new URLSearchParams({ locale: "en", redirectTo: "/" });
		const switched = await fetch(`${app.url}/set-language`, {
			method: "POST",
			body,
			redirect: "manual",
			headers: { origin: app.url },
		});
		expect(switched.status).toBe(302);
		expect(switched.headers.get("set-cookie")).toMatch(/^lang=en;/);
	});

	it("refuses to redirect the language switch off the site", async () => {
		const body = new URLSearchParams({ locale: "en", redirectTo: "//evil.example/" });
		const switched = await fetch(`${app.url}/set-language`, { method: "POST", body, redirect: "manual" });
		expect(switched.headers.get("location")).toBe("/");
	});

	it("answers unknown pages with a friendly 404 page, not a stack trace", async () => {
		const response = await fetch(`${app.url}/no/such/page`);
		const html = await response.text();
		expect(response.status).toBe(404);
		expect(html).toContain("找不到您要的内容");
		expect(html).not.toMatch(/at .*\.(ts|js):\d+/);
	});

	it("sends security headers with a script nonce that matches the page's scripts", async () => {
		const response = await fetch(`${app.url}/`);
		const csp = response.headers.get("content-security-policy") ?? "";
		const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
		const html = await response.text();
		expect(nonce).toBeTruthy();
		expect(csp).toContain("frame-ancestors 'none'");
		expect(html).toContain(`nonce="${nonce}"`);
		expect(response.headers.get("x-content-type-options")).toBe("nosniff");
		expect(response.headers.get("x-request-id")).toMatch(/^[\w-]+$/);
	});

	it("compresses pages (gzip, decision 024) and caches hashed assets for a year", async () => {
		const page = await fetch(`${app.url}/`, { headers: { "accept-encoding": "gzip, deflate, br" } });
		expect(page.headers.get("content-encoding")).toBe("gzip");
		const html = await page.text();
		const asset = html.match(/\/assets\/[\w.-]+\.js/)?.[0];
		expect(asset).toBeTruthy();
		const assetResponse = await fetch(`${app.url}${asset}`);
		expect(assetResponse.status).toBe(200);
		expect(assetResponse.headers.get("cache-control")).toContain("immutable");
	});
});

describe("anonymous page cache", () => {
	it("serves the home page from cache to signed-out visitors, with a fresh nonce each time", async () => {
		await fetch(`${app.url}/`);
		const first = await fetch(`${app.url}/`);
		const second = await fetch(`${app.url}/`);
		expect(first.headers.get("x-page-cache")).toBe("hit");
		const nonces = [first, second].map(
			(response) => response.headers.get("content-security-policy")?.match(/'nonce-([^']+)'/)?.[1],
		);
		expect(nonces[0]).not.toBe(nonces[1]);
		expect(await first.text()).toContain(`nonce="${nonces[0]}"`);
		expect(await second.text()).toContain(`nonce="${nonces[1]}"`);
	});

	it("keeps languages apart and never caches for someone signed in", async () => {
		await fetch(`${app.url}/`, { headers: { cookie: "lang=en" } });
		const english = await fetch(`${app.url}/`, { headers: { cookie: "lang=en" } });
		expect(await english.text()).toContain("Book a great coach");
		const signedIn = await fetch(`${app.url}/`, { headers: { cookie: "cp_session=not-a-real-session-token-000" } });
		expect(signedIn.headers.get("x-page-cache")).toBeNull();
	});
});

describe("platform endpoints", () => {
	it("reports liveness, and 503 while draining", async () => {
		expect((await fetch(`${app.url}/livez`)).status).toBe(200);
		app.lifecycle.draining = true;
		const draining = await fetch(`${app.url}/livez`);
		app.lifecycle.draining = false;
		expect(draining.status).toBe(503);
	});

	it("reports health with the database reachable and migrations current", async () => {
		const response = await fetch(`${app.url}/healthz`);
		const body = await response.json();
		expect(response.status).toBe(200);
		expect(body.database).toBe("reachable");
		expect(body.migrations.current).toBe(true);
	});

	it("exposes Prometheus metrics by route", async () => {
		await fetch(`${app.url}/api/v1/meta`);
		const text = await (await fetch(`${app.url}/metrics`)).text();
		expect(text).toMatch(/http_requests_total\{route="\/api\/v1\/meta",method="GET",status="200"\} \d+/);
		expect(text).toContain("http_request_duration_seconds_bucket");
		expect(text).toContain('db_pool_clients{state="total"}');
	});
});

describe("database outage", () => {
	it("answers 503 while the database is unreachable and recovers by itself", async () => {
		const database = new URL(process.env.DATABASE_URL as string).pathname.slice(1);
		const admin = new pg.Client({ connectionString: `${process.env.TEST_DATABASE_SERVER_URL}/postgres` });
		await admin.connect();
		try {
			await admin.query(`alter database ${database} allow_connections false`);
			await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1", [database]);
			await new Promise((resolve) => setTimeout(resolve, 1100));
			const health = await fetch(`${app.url}/healthz`);
			expect(health.status).toBe(503);
			const page = await fetch(`${app.url}/`);
			expect(page.status).toBe(503);
			expect(await page.text()).toContain("服务暂时不可用");
			const api = await fetch(`${app.url}/api/v1/meta`);
			expect(api.status).toBe(503);
			expect((await api.json()).error.code).toBe("service_unavailable");
		} finally {
			await admin.query(`alter database ${database} allow_connections true`);
			await admin.end();
		}
		await new Promise((resolve) => setTimeout(resolve, 1100));
		expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
		expect((await fetch(`${app.url}/`)).status).toBe(200);
	});
});
