import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { termsVersion } from "~/modules/legal/documents";
import { latestCode, postJson, sendSmsCode, signInBySms } from "../support/accounts";
import { bookableCoach, completedLesson, signedInUser } from "../support/bookings";
import { validIdNumber } from "../support/coach-journey";
import { startTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
beforeAll(async () => {
	app = await startTestApp();
});
afterAll(async () => {
	await app.close();
});
beforeEach(async () => {
	await db().execute("delete from rate_limits");
});

const api = (path: string) => `${app.url}/api/v1${path}`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const userCount = async () => Number((await db().execute<{ n: string }>("select count(*) as n from users")).rows[0]?.n);
const storedConsent = async (userId: string) =>
	(
		await db().execute<{ terms_version: string | null; terms_accepted_at: Date | null }>(
			`select terms_version, terms_accepted_at from users where id = '${userId}'`,
		)
	).rows[0];
/** What an agreement recorded under an earlier text looks like once the version constant moves on. */
const agreedToEarlierVersion = (userId: string) =>
	db().execute(`update users set terms_version = '2025-01-01' where id = '${userId}'`);

async function formPost(path: string, fields: Record<string, string>, cookie?: string) {
	return fetch(`${app.url}${path}`, {
		method: "POST",
		redirect: "manual",
		headers: {
			"content-type": "application/x-www-form-urlencoded",
			origin: app.url,
			...(cookie ? { cookie } : {}),
		},
		body: new URLSearchParams(fields).toString(),
	});
}
const sessionCookieOf = (response: Response) =>
	response.headers
		.getSetCookie()
		.find((cookie) => cookie.startsWith("cp_session="))
		?.split(";")[0];

describe("the legal pages", () => {
	it("shows the user agreement and the privacy policy with their version and sections, in Chinese and English", async () => {
		const terms = await (await fetch(`${app.url}/terms`)).text();
		expect(terms).toContain("用户协议");
		expect(terms).toContain(`版本：${termsVersion}`);
		expect(terms).toContain('href="#booking"');
		const privacy = await (await fetch(`${app.url}/privacy`)).text();
		expect(privacy).toContain("隐私政策");
		expect(privacy).toContain("中华人民共和国境内");
		expect(privacy).toContain("身份证号");
		const english = await (await fetch(`${app.url}/privacy`, { headers: { "accept-language": "en" } })).text();
		expect(english).toContain("Privacy Policy");
		expect(english).toContain(`Version: ${termsVersion}`);
		for (const path of ["/about", "/help"]) expect((await fetch(`${app.url}${path}`)).status).toBe(200);
	});
});

describe("consent at sign-up", () => {
	it("refuses a first SMS sign-in over the API without the current version, creates nothing, and keeps the code usable", async () => {
		const phone = "13955550001";
		expect((await sendSmsCode(app.url, { phone, purpose: "login" })).status).toBe(202);
		const code = await latestCode(app.url, `+86${phone}`);
		const before = await userCount();
		const refused = await postJson(api("/auth/sms-login"), { phone, code });
		expect(refused.status).toBe(403);
		expect(refused.body.error.code).toBe("consent_required");
		expect(refused.body.error.termsVersion).toBe(termsVersion);
		const stale = await postJson(api("/auth/sms-login"), { phone, code, termsVersion: "2020-01-01" });
		expect(stale.status).toBe(403);
		expect(await userCount()).toBe(before);

		const agreed = await postJson(api("/auth/sms-login"), { phone, code, termsVersion });
		expect(agreed.status).toBe(200);
		expect(agreed.body.created).toBe(true);
		const stored = await storedConsent(agreed.body.user.id);
		expect(stored?.terms_version).toBe(termsVersion);
		expect(stored?.terms_accepted_at).toBeTruthy();
	});

	it("refuses the sign-in form for a new number while the box is unticked, with the message beside it", async () => {
		const phone = "13955550002";
		await sendSmsCode(app.url, { phone, purpose: "login" });
		const code = await latestCode(app.url, `+86${phone}`);
		const before = await userCount();
		const refused = await formPost("/login", { intent: "sms-login", phone, code, redirectTo: "/me" });
		expect(refused.status).toBe(403);
		expect(await refused.text()).toContain("请先阅读并勾选同意《用户协议》和《隐私政策》");
		expect(await userCount()).toBe(before);
		const agreed = await formPost("/login", { intent: "sms-login", phone, code, redirectTo: "/me", agreeTerms: "on" });
		expect(agreed.status).toBe(302);
		expect(sessionCookieOf(agreed)).toBeTruthy();
	});

	it("refuses email sign-up without the box, in the page and the API", async () => {
		const before = await userCount();
		const page = await formPost("/signup/email", { displayName: "条款", email: "terms@example.com", password: "Cue2026x" });
		expect(page.status).toBe(403);
		expect(await page.text()).toContain("请先阅读并勾选同意");
		const apiRefused = await postJson(
			api("/auth/email-signup"),
			{ displayName: "条款", email: "terms@example.com", password: "Cue2026x" },
			{ "accept-language": "en" },
		);
		expect(apiRefused.status).toBe(403);
		expect(apiRefused.body.error.message).toMatch(/Terms of Service/);
		expect(await userCount()).toBe(before);
		const signedUp = await formPost("/signup/email", {
			displayName: "条款",
			email: "terms@example.com",
			password: "Cue2026x",
			agreeTerms: "on",
		});
		expect(signedUp.status).toBe(302);
		expect(await userCount()).toBe(before + 1);
	});
});

describe("a new version of the terms", () => {
	it("sends a page view to the interstitial, which records the agreement and returns to the page", async () => {
		const phone = "13955550003";
		await sendSmsCode(app.url, { phone, purpose: "login" });
		const code = await latestCode(app.url, `+86${phone}`);
		const signedIn = await formPost("/login", { intent: "sms-login", phone, code, redirectTo: "/me", agreeTerms: "on" });
		const cookie = sessionCookieOf(signedIn) as string;
		const { user } = await (await fetch(api("/me"), { headers: { cookie } })).json().then((body) => ({ user: body }));
		await agreedToEarlierVersion(user.id);

		const page = await fetch(`${app.url}/me/bookings?tab=past`, { headers: { cookie }, redirect: "manual" });
		expect(page.status).toBe(302);
		expect(page.headers.get("location")).toBe(`/consent?redirectTo=${encodeURIComponent("/me/bookings?tab=past")}`);
		const interstitial = await (await fetch(`${app.url}${page.headers.get("location")}`, { headers: { cookie } })).text();
		expect(interstitial).toContain("用户协议和隐私政策已更新");
		expect(interstitial).toContain(termsVersion);
		// The documents stay readable before agreeing.
		expect((await fetch(`${app.url}/privacy`, { headers: { cookie }, redirect: "manual" })).status).toBe(200);

		const unticked = await formPost("/consent", { redirectTo: "/me/bookings?tab=past" }, cookie);
		expect(unticked.status).toBe(403);
		expect(await unticked.text()).toContain("请先阅读并勾选同意");
		expect((await storedConsent(user.id))?.terms_version).toBe("2025-01-01");

		const agreed = await formPost("/consent", { redirectTo: "/me/bookings?tab=past", agreeTerms: "on" }, cookie);
		expect(agreed.status).toBe(302);
		expect(agreed.headers.get("location")).toBe("/me/bookings?tab=past");
		expect((await storedConsent(user.id))?.terms_version).toBe(termsVersion);
		expect((await fetch(`${app.url}/me/bookings`, { headers: { cookie }, redirect: "manual" })).status).toBe(200);
	});

	it("answers bearer clients 403 consent_required with the current version until POST /me/consent records it", async () => {
		const { token, user } = await signInBySms(app.url, "13955550004");
		await agreedToEarlierVersion(user.id);
		const refused = await fetch(api("/me/notifications"), { headers: bearer(token) });
		expect(refused.status).toBe(403);
		const body = await refused.json();
		expect(body.error.code).toBe("consent_required");
		expect(body.error.termsVersion).toBe(termsVersion);
		// Who they are, and signing out or leaving, still work.
		expect((await fetch(api("/me"), { headers: bearer(token) })).status).toBe(200);

		const old = await postJson(api("/me/consent"), { version: "2025-01-01" }, bearer(token));
		expect(old.status).toBe(403);
		expect(old.body.error.termsVersion).toBe(termsVersion);
		const recorded = await postJson(api("/me/consent"), { version: termsVersion }, bearer(token));
		expect(recorded.status).toBe(200);
		expect(recorded.body.termsVersion).toBe(termsVersion);
		expect((await storedConsent(user.id))?.terms_version).toBe(termsVersion);
		expect((await fetch(api("/me/notifications"), { headers: bearer(token) })).status).toBe(200);
	});
});

describe("the footer", () => {
	it("links about, help, terms and privacy, and shows no filing numbers while they are unset", async () => {
		const plain = await (await fetch(`${app.url}/about`)).text();
		for (const link of ['href="/about"', 'href="/help"', 'href="/terms"', 'href="/privacy"']) expect(plain).toContain(link);
		expect(plain).not.toContain("公网安备");
	});
});

describe("downloading one's data", () => {
	it("gives the user their own bookings, reviews and notices and nobody else's, audited and once per few minutes", async () => {
		const coach = await bookableCoach("导出教练", undefined, { allDay: true });
		const me = await signedInUser("导出学员");
		const other = await signedInUser("别人学员");
		const mine = { bookingId: await completedLesson(coach, me) };
		const theirs = { bookingId: await completedLesson(coach, other) };
		const { token } = me;
		const response = await fetch(api("/me/export"), { headers: bearer(token) });
		expect(response.status).toBe(200);
		expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="cuepal-my-data-\d{4}-\d{2}-\d{2}\.json"/);
		const exported = await response.json();
		expect(exported.profile.displayName).toBe("导出学员");
		expect(exported.consent.termsVersion).toBe(termsVersion);
		expect(exported.bookings.map((booking: { id: string }) => booking.id)).toEqual([mine.bookingId]);
		expect(exported.bookings[0].coachName).toBe("导出教练");
		expect(exported.bookings[0].status).toBe("completed");
		const text = JSON.stringify(exported);
		expect(text).not.toContain(theirs.bookingId);
		expect(text).not.toContain("别人学员");
		expect(text).not.toContain("password");

		const audited = await db().execute<{ n: string }>(
			`select count(*) as n from audit_log where action = 'account.data_exported' and target_id = '${exported.profile.id}'`,
		);
		expect(Number(audited.rows[0]?.n)).toBe(1);
		const again = await fetch(api("/me/export"), { headers: bearer(token) });
		expect(again.status).toBe(429);
		expect(again.headers.get("retry-after")).toBeTruthy();
	});

	it("downloads from /me/security as a file, and says so when asked again too soon", async () => {
		const phone = "13955550009";
		await sendSmsCode(app.url, { phone, purpose: "login" });
		const code = await latestCode(app.url, `+86${phone}`);
		const signedIn = await formPost("/login", { intent: "sms-login", phone, code, redirectTo: "/me", agreeTerms: "on" });
		const cookie = sessionCookieOf(signedIn) as string;
		const security = await (await fetch(`${app.url}/me/security`, { headers: { cookie } })).text();
		expect(security).toContain('href="/me/security/export"');
		const file = await fetch(`${app.url}/me/security/export`, { headers: { cookie }, redirect: "manual" });
		expect(file.status).toBe(200);
		expect(file.headers.get("content-disposition")).toContain("attachment");
		expect((await file.json()).profile.phone).toBe("+8613955550009");
		const tooSoon = await fetch(`${app.url}/me/security/export`, { headers: { cookie }, redirect: "manual" });
		expect(tooSoon.status).toBe(302);
		expect(tooSoon.headers.get("location")).toBe("/me/security");
	});
});

describe("separate consent for the coach's ID number", () => {
	it("refuses an ID number without its own consent, saves nothing of it, and records the consent with the number", async () => {
		const { token } = await signedInUser("身份证同意");
		const save = (identity: Record<string, unknown>) =>
			fetch(api("/coach/application"), {
				method: "PUT",
				headers: { ...bearer(token), "content-type": "application/json" },
				body: JSON.stringify({ identity }),
			});
		const refused = await save({ realName: "李明", idNumber: validIdNumber(), gender: "male" });
		expect(refused.status).toBe(400);
		const body = await refused.json();
		expect(body.error.fields["identity.idNumberConsent"]).toContain("身份证号");
		const mine = await (await fetch(api("/coach/application"), { headers: bearer(token) })).json();
		expect(mine.application?.identity?.idNumberMasked ?? null).toBeNull();

		const saved = await save({ realName: "李明", idNumber: validIdNumber(), gender: "male", idNumberConsent: true });
		expect(saved.status).toBe(200);
		const application = await saved.json();
		expect(application.identity.idNumberConsented).toBe(true);
		expect(application.identity.idNumberMasked).toMatch(/^110\*+/);
	});
});
