import { readFileSync } from "node:fs";
import { join } from "node:path";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { type APIRequestContext, type APIResponse, type BrowserContext, expect, type Page } from "@playwright/test";
import sharp from "sharp";
import { waitForHydration } from "./support";

/**
 * What an end-to-end test needs, made in the e2e server's database through the app's own services
 * (so rows are encrypted exactly as the app writes them) or its API, never as rows in a state no
 * service produces. Each spec makes its own accounts: none depends on another spec or on the demo
 * accounts' state.
 */
let ready: Promise<void> | undefined;

function connect(): Promise<void> {
	ready ??= (async () => {
		const dataDir = process.env.E2E_DATA_DIR ?? ".data/e2e";
		const cluster = JSON.parse(readFileSync(join(dataDir, "cluster.json"), "utf8")) as {
			port: number;
			user: string;
			password: string;
		};
		const secrets = JSON.parse(readFileSync(join(dataDir, "dev-secrets.json"), "utf8")) as Record<string, string>;
		Object.assign(process.env, secrets, {
			DATABASE_URL: `postgres://${cluster.user}:${cluster.password}@127.0.0.1:${cluster.port}/cuepal`,
			LOG_LEVEL: "silent",
		});
	})();
	return ready;
}

/** A player account with a phone number (and no password), as a first SMS sign-in leaves it. */
export async function createPlayer(phone: string, displayName = "测试球友"): Promise<string> {
	await connect();
	const { createUser, findUserByPhone } = await import("../../app/modules/accounts/users.server");
	const existing = await findUserByPhone(`+86${phone}`);
	if (existing) return existing.id;
	return (await createUser({ displayName, phone: `+86${phone}` })).id;
}

/** A signed-in browser for an account made by a fixture: a real session row, its token as the cookie. */
export async function signInBrowser(context: BrowserContext, baseURL: string, userId: string): Promise<void> {
	await connect();
	const { createSession } = await import("../../app/modules/accounts/sessions.server");
	const { token } = await createSession(userId, { ip: "127.0.0.1", userAgent: "e2e" });
	await context.addCookies([{ name: "cp_session", value: token, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}

/** A session token for an account made by a fixture, for calling the API as that account. */
export async function sessionTokenFor(userId: string): Promise<string> {
	await connect();
	const { createSession } = await import("../../app/modules/accounts/sessions.server");
	return (await createSession(userId, { ip: "127.0.0.1", userAgent: "e2e fixture" })).token;
}

/**
 * A player of the test's own with a password, for specs that change an account's state
 * (suspend it, sign its devices out): the demo accounts stay as a fresh start leaves them.
 * The password is set the way the player would, through the API.
 */
export async function createPlayerWithPassword(
	request: APIRequestContext,
	phone: string,
	password: string,
	displayName = "测试球友",
): Promise<string> {
	const userId = await createPlayer(phone, displayName);
	const auth = { authorization: `Bearer ${await sessionTokenFor(userId)}` };
	// Setting a password needs a fresh proof: the SMS code sent to the player's own phone.
	const sent = await request.post("/api/v1/me/proof-codes", { headers: auth });
	if (sent.status() !== 202) throw new Error(`proof code for ${phone}: ${sent.status()} ${await sent.text()}`);
	const { messages } = (await (await request.get("/dev/outbox.json")).json()) as {
		messages: Array<{ recipient: string; text: string }>;
	};
	const recipient = phone.startsWith("+") ? phone : `+86${phone}`;
	const smsCode = messages.find((message) => message.recipient === recipient)?.text.match(/\d{6}/)?.[0];
	const changed = await request.post("/api/v1/me/password", { headers: auth, data: { newPassword: password, smsCode } });
	if (changed.status() !== 200) throw new Error(`setting the password of ${phone}: ${changed.status()} ${await changed.text()}`);
	return userId;
}

/** The demo staff and their TOTP keys, as the README lists them (development only). */
export const demoStaff = {
	support: { phone: "13800000004", password: "Demo@2026", totpSecret: "CUEPALSUPPORTDEMOTOTPSECRETKEY22" },
	admin: { phone: "13800000005", password: "Demo@2026", totpSecret: "CUEPALADMINDEMOTOTPSECRETKEY2222" },
} as const;

/**
 * A back-office session of a demo staff member, made through the session services in the state
 * the two-factor sign-in ends in. Each TOTP code is taken once, so fixtures do not spend codes:
 * only the specs that walk the sign-in pages type one in.
 */
export async function staffSessionToken(who: keyof typeof demoStaff): Promise<string> {
	await connect();
	const { findUserByPhone } = await import("../../app/modules/accounts/users.server");
	const { completeSecondFactor, createSession } = await import("../../app/modules/accounts/sessions.server");
	const user = await findUserByPhone(`+86${demoStaff[who].phone}`);
	if (!user) throw new Error(`the demo ${who} is not seeded`);
	const session = await createSession(user.id, { ip: "127.0.0.1", userAgent: "e2e fixture" });
	await completeSecondFactor(session.id);
	return session.token;
}

/** A support agent of the spec's own, granted the role but without two-step verification yet. */
export async function createSupportWithoutTotp(phone: string, displayName = "新客服"): Promise<string> {
	const userId = await createPlayer(phone, displayName);
	const { addRoleGrant, rolesOf } = await import("../../app/modules/accounts/users.server");
	if (!(await rolesOf(userId)).roles.includes("support")) await addRoleGrant({ userId, role: "support", grantedBy: null });
	return userId;
}

/**
 * A code of a demo staff member's authenticator app that the server has not taken yet. It takes
 * the codes of the current 30-second step and its neighbours, each once, and earlier specs may
 * have used some: the server's own record of used codes says which.
 */
export async function unusedTotpCode(who: keyof typeof demoStaff): Promise<string> {
	await connect();
	const { findUserByPhone } = await import("../../app/modules/accounts/users.server");
	const { peek } = await import("../../app/lib/rate-limit.server");
	const user = await findUserByPhone(`+86${demoStaff[who].phone}`);
	if (!user) throw new Error(`the demo ${who} is not seeded`);
	const key = decodeBase32IgnorePadding(demoStaff[who].totpSecret);
	const step = Math.floor(Date.now() / 30_000);
	// The current and next steps first: they stay valid the longest.
	for (const counter of [step, step + 1, step - 1]) {
		const code = generateHOTP(key, BigInt(counter), 6);
		if ((await peek(`totp:used:${user.id}:${code}`)).points === 0) return code;
	}
	throw new Error(`every code of the demo ${who} for now is used`);
}

/** Signs a demo staff member in through the pages as a person does: the password, then the TOTP code. */
export async function signInStaffThroughPages(page: Page, who: keyof typeof demoStaff, redirectTo: string): Promise<void> {
	const staff = demoStaff[who];
	await page.goto(`/login?method=password&redirectTo=${encodeURIComponent(redirectTo)}`);
	await waitForHydration(page);
	await page.getByLabel("手机号或邮箱").fill(staff.phone);
	await page.getByLabel("密码", { exact: true }).fill(staff.password);
	await page.getByRole("button", { name: "登录", exact: true }).click();
	await expect(page.getByRole("heading", { name: "两步验证" })).toBeVisible();
	await expect(page).toHaveURL(/\/login\/two-factor/);
	await waitForHydration(page);
	await page.getByLabel("动态码或恢复码").fill(await unusedTotpCode(who));
	await page.getByRole("button", { name: "验证", exact: true }).click();
	await expect(page).toHaveURL((url) => url.pathname === redirectTo.split("?")[0]);
}

/**
 * An approved, bookable coach of the test's own, made as a real one is: the applicant fills in
 * the application and a photo and submits over the API, the demo admin approves the photo and the
 * application, and the coach sets a price and Monday 14:00–18:00. Specs that change a coach's hours or
 * status use one instead of the demo coach.
 */
export async function createCoach(
	request: APIRequestContext,
	options: { phone: string; displayName: string },
): Promise<{ userId: string; coachId: string; token: string }> {
	const userId = await createPlayer(options.phone, options.displayName);
	const token = await sessionTokenFor(userId);
	const asCoach = { authorization: `Bearer ${token}` };
	const ok = async (what: string, response: APIResponse) => {
		if (!response.ok()) throw new Error(`${what} for ${options.phone}: ${response.status()} ${await response.text()}`);
		return response.json().catch(() => null);
	};
	const { idNumberCheckCharacter } = await import("../../app/modules/coaches/id-number");
	const first17 = `11010519900307${options.phone.slice(-3)}`;
	const application = await ok(
		"saving the application",
		await request.put("/api/v1/coach/application", {
			headers: asCoach,
			data: {
				identity: {
					realName: "测试教练",
					idNumber: `${first17}${idNumberCheckCharacter(first17)}`,
					gender: "male",
					idNumberConsent: true,
				},
				profile: {
					displayName: options.displayName,
					disciplines: ["chinese_8_ball"],
					level: "intermediate",
					yearsExperience: 5,
					styleTags: ["patient"],
					bio: "端到端测试用的教练，擅长中式八球基本功与走位训练。",
				},
				area: { cityCode: "shanghai", serviceRadiusKm: 10 },
				places: [{ name: "测试台球俱乐部", address: "徐汇区漕溪北路 88 号", latitude: 31.19, longitude: 121.44 }],
			},
		}),
	);
	const coachId = application.id as string;
	const photo = await ok(
		"adding a photo",
		await request.post("/api/v1/coach/photos", {
			headers: { ...asCoach, "content-type": "image/png" },
			data: await sharp({ create: { width: 480, height: 360, channels: 3, background: "#1a7a53" } })
				.png()
				.toBuffer(),
		}),
	);
	await ok("submitting", await request.post("/api/v1/coach/application/submit", { headers: asCoach }));

	const asAdmin = { authorization: `Bearer ${await staffSessionToken("admin")}` };
	const review = `/api/v1/admin/coach-reviews/${coachId}`;
	await ok("approving the photo", await request.post(`${review}/photos/${photo.id}/approve`, { headers: asAdmin, data: {} }));
	await ok("approving the application", await request.post(`${review}/approve`, { headers: asAdmin, data: {} }));
	await request.post("/api/v1/auth/logout", { headers: asAdmin });

	await ok(
		"setting prices",
		await request.put("/api/v1/coach/offerings", {
			headers: asCoach,
			data: {
				offerings: [{ courseType: "basic", durationMinutes: 60, priceFen: 20_000, online: false }],
				cancellationPolicy: "moderate",
			},
		}),
	);
	await ok(
		"setting hours",
		await request.put("/api/v1/coach/availability", {
			headers: asCoach,
			data: {
				bufferMinutes: 0,
				minNoticeHours: 2,
				maxAdvanceDays: 30,
				acceptingBookings: true,
				weeklyHours: [{ weekday: 1, start: "14:00", end: "18:00" }],
				exceptions: [],
			},
		}),
	);
	return { userId, coachId, token };
}
