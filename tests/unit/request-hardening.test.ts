import { DrizzleQueryError } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { readSettings } from "~/lib/config.server";
import { readCookie } from "~/lib/cookies";
import { isDatabaseUnavailable, knownError } from "~/lib/errors";
import { resolveLocale } from "~/lib/i18n";
import { errorForLog } from "~/lib/log-errors";
import { safeSitePath } from "~/lib/safe-redirect";
import { toastCookie } from "~/lib/toast.server";
import { withoutBidiControls } from "~/lib/validation";
import { clearedSessionCookie, sessionCookie, sessionTokenOfCookies } from "~/modules/accounts/sessions.server";
import { mayReadOperatorData } from "~/server/health";
import { trustedProxies } from "~/server/request-guards";

describe("safeSitePath", () => {
	it.each([
		["/me", "/me"],
		["/coaches?city=hangzhou#list", "/coaches?city=hangzhou#list"],
		["/coaches?q=台球", "/coaches?q=%E5%8F%B0%E7%90%83"],
		["/me\u0000", "/me"],
		["/x\u0000y", "/x%00y"],
		["/me\r\nSet-Cookie: x=1", "/meSet-Cookie:%20x=1"],
	])("keeps %j on the site as %j", (target, expected) => {
		expect(safeSitePath(target, "/fallback")).toBe(expected);
	});

	it.each([
		"//evil.example",
		"/\t/evil.example",
		"/\n/evil.example",
		"/\\evil.example",
		"\\/evil.example",
		"https://evil.example/",
		"javascript:alert(1)",
		"/x/..//evil.example",
		" /me",
		"",
	])("refuses %j", (target) => {
		expect(safeSitePath(target, "/fallback")).toBe("/fallback");
	});

	it("refuses a target longer than any link of ours", () => {
		expect(safeSitePath("/".padEnd(3000, "a"), "/fallback")).toBe("/fallback");
	});

	it("refuses what is not a string", () => {
		expect(safeSitePath(null, "/f")).toBe("/f");
		expect(safeSitePath(["/me"], "/f")).toBe("/f");
	});
});

describe("cookies", () => {
	const expires = new Date("2027-01-01T00:00:00Z");

	it("names the session and toast cookies __Host- and makes them Secure in production", () => {
		const session = sessionCookie("t".repeat(40), expires, true);
		expect(session).toMatch(/^__Host-cp_session=t{40};/);
		expect(session).toContain("Secure");
		expect(session).toContain("Path=/");
		expect(session).not.toMatch(/Domain=/i);
		expect(clearedSessionCookie(true)).toMatch(/^__Host-cp_session=;.*Max-Age=0/);
		const toast = toastCookie({ kind: "success", messageKey: "x" }, true);
		expect(toast).toMatch(/^__Host-toast=/);
		expect(toast).toContain("Secure");
	});

	it("keeps plain names without Secure in development, where the site runs over http", () => {
		const session = sessionCookie("t".repeat(40), expires, false);
		expect(session).toMatch(/^cp_session=/);
		expect(session).not.toContain("Secure");
		expect(session).toContain("HttpOnly");
	});

	it("reads the production session only from the __Host- cookie", () => {
		const header = "cp_session=planted-by-a-subdomain-0000000; __Host-cp_session=the-real-one-00000000000";
		expect(sessionTokenOfCookies(header, true)).toBe("the-real-one-00000000000");
		expect(sessionTokenOfCookies("__Host-cp_session=x", false)).toBeNull();
	});

	it("reads one cookie among many, whatever the spacing", () => {
		expect(readCookie("a=1;lang=en ;  b=2", "lang")).toBe("en");
		expect(readCookie("xlang=zh-CN; lang=en", "lang")).toBe("en");
		expect(readCookie("other=1", "lang")).toBeNull();
		expect(readCookie(null, "lang")).toBeNull();
		expect(resolveLocale("foo=bar;lang=en", null)).toBe("en");
	});
});

describe("database failures", () => {
	const pgError = (code: string) => Object.assign(new Error("canceling statement due to statement timeout"), { code });

	it("sees a connection failure or statement timeout through drizzle's wrapper", () => {
		const wrapped = new DrizzleQueryError("select 1", [], pgError("57014"));
		expect(isDatabaseUnavailable(wrapped)).toBe(true);
		expect(knownError(wrapped)?.status).toBe(503);
		const refused = new DrizzleQueryError(
			"select 1",
			[],
			Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
		);
		expect(knownError(refused)?.status).toBe(503);
	});

	it("answers 400 for text the database cannot store, and leaves real bugs as 500", () => {
		expect(knownError(new DrizzleQueryError("select", ["a\u0000"], pgError("22021")))?.status).toBe(400);
		expect(knownError(new DrizzleQueryError("select", [], pgError("42P01")))).toBeNull();
		expect(knownError(new Error("boom"))).toBeNull();
	});

	it("logs a failed query without its parameters", () => {
		const error = new DrizzleQueryError(
			"select * from sessions where id = $1",
			["secret-session-hash", "台球\nsecond line"],
			Object.assign(new Error("boom"), { code: "XX000", detail: "Key (phone)=(13800000001) exists" }),
		);
		const logged = JSON.stringify(errorForLog(error));
		expect(logged).toContain("select * from sessions where id = $1");
		expect(logged).toContain("XX000");
		expect(logged).not.toContain("secret-session-hash");
		expect(logged).not.toContain("second line");
		expect(logged).not.toContain("13800000001");
		expect(logged).not.toContain("params");
	});
});

describe("request settings", () => {
	it("trusts no proxy by default and the listed ones when set", () => {
		expect(trustedProxies(readSettings({}).TRUSTED_PROXIES)).toBe(false);
		expect(trustedProxies(readSettings({ TRUSTED_PROXIES: "10.0.0.0/8, 127.0.0.1,::1" }).TRUSTED_PROXIES)).toEqual([
			"10.0.0.0/8",
			"127.0.0.1",
			"::1",
		]);
	});

	it("refuses a proxy list that is not addresses or ranges", () => {
		expect(() => readSettings({ TRUSTED_PROXIES: "uniquelocal" })).toThrow(/TRUSTED_PROXIES/);
		expect(() => readSettings({ TRUSTED_PROXIES: "10.0.0.0/33" })).toThrow(/TRUSTED_PROXIES/);
	});

	it("has a statement timeout and a pool wait limit by default", () => {
		const settings = readSettings({});
		expect(settings.DB_STATEMENT_TIMEOUT_MS).toBe(5_000);
		expect(settings.DB_POOL_WAIT_MS).toBe(3_000);
	});

	it("shows metrics to the token holder only, and to nobody in production without a token", () => {
		const token = "t".repeat(32);
		expect(mayReadOperatorData({ production: true }, `Bearer ${token}`)).toBe(false);
		expect(mayReadOperatorData({ production: true, metricsToken: token }, undefined)).toBe(false);
		expect(mayReadOperatorData({ production: true, metricsToken: token }, `Bearer ${token}x`)).toBe(false);
		expect(mayReadOperatorData({ production: true, metricsToken: token }, `Bearer ${token}`)).toBe(true);
		expect(mayReadOperatorData({ production: false }, undefined)).toBe(true);
	});
});

describe("bidirectional controls", () => {
	it.each(["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"])(
		"refuses a bidi control in a name (%#)",
		(control) => {
			expect(withoutBidiControls(`李${control}教练`)).toBe(false);
		},
	);

	it("accepts ordinary Chinese, English and Arabic names", () => {
		for (const name of ["李教练", "Lin Wei", "محمد", "王·小明"]) expect(withoutBidiControls(name)).toBe(true);
	});
});
