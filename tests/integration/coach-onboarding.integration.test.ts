import { request as httpRequest } from "node:http";
import { sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { demoPassword, seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { idNumberCheckCharacter } from "~/modules/coaches/id-number";
import { postJson, signInBySms } from "../support/accounts";
import { apiCall } from "../support/api-client";
import { signInStaff } from "../support/staff";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * Becoming a coach over real HTTP: a draft saved by section, refused input that names its
 * fields and leaves nothing half-saved, submission, the review queue, approval with the coach
 * role, badges and notifications, rejection with a reason, later changes going back to review,
 * and nobody reaching anyone else's record.
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
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const clearLimits = () => db().execute("delete from rate_limits");

const call = (method: string, path: string, token: string, body?: unknown) => apiCall(app, method, path, token, body);

async function upload(path: string, token: string, bytes: Buffer, contentType: string) {
	const response = await fetch(api(path), {
		method: "POST",
		headers: { ...bearer(token), "content-type": contentType },
		body: new Uint8Array(bytes),
	});
	return { status: response.status, body: await response.json() };
}

async function passwordToken(phone: string): Promise<string> {
	const login = await postJson(api("/auth/password-login"), { identifier: phone, password: demoPassword });
	expect(login.status, `sign-in of ${phone}`).toBe(200);
	return login.body.token;
}

async function newUser(phone: string): Promise<{ token: string; userId: string }> {
	await clearLimits();
	const session = await signInBySms(app.url, phone);
	return { token: session.token, userId: session.user.id };
}

/** A valid mainland ID number (GB 11643 check character) for a birth date. */
const idNumber = (first17: string) => `${first17}${idNumberCheckCharacter(first17)}`;
const validId = idNumber("11010519900307452");

const png = (colour: { r: number; g: number; b: number }) =>
	sharp({ create: { width: 480, height: 360, channels: 3, background: colour } })
		.png()
		.toBuffer();

const completeDraft = {
	identity: { realName: "李明", idNumber: validId, gender: "male", idNumberConsent: true },
	profile: {
		displayName: "李教练",
		disciplines: ["chinese_8_ball", "snooker"],
		level: "advanced",
		yearsExperience: 8,
		styleTags: ["patient", "beginner_friendly", "擅长防守"],
		bio: "国家二级台球教练员，执教八年，擅长中式八球基本功与走位训练。",
	},
	area: { cityCode: "shanghai", serviceRadiusKm: 15 },
	places: [{ name: "星牌台球俱乐部", address: "徐汇区漕溪北路 88 号", latitude: 31.19, longitude: 121.44 }],
};

let staff: string;
let player: string;

beforeAll(async () => {
	staff = (await signInStaff(app.url, "13800000004")).token;
	player = await passwordToken("13800000001");
});

describe("the application", () => {
	it("saves a draft section by section and reads it back", async () => {
		const { token } = await newUser("13912340001");
		expect((await call("GET", "/coach/application", token)).status).toBe(404);

		const first = await call("PUT", "/coach/application", token, { identity: completeDraft.identity });
		expect(first.status).toBe(200);
		expect(first.body.status).toBe("draft");
		const second = await call("PUT", "/coach/application", token, { profile: completeDraft.profile });
		expect(second.status).toBe(200);

		const reloaded = await call("GET", "/coach/application", token);
		expect(reloaded.status).toBe(200);
		expect(reloaded.body.identity).toEqual({
			realName: "李明",
			idNumberMasked: `110***********${validId.slice(-4)}`,
			gender: "male",
			verified: false,
			// Given with the number, separately from the terms.
			idNumberConsented: true,
		});
		expect(JSON.stringify(reloaded.body)).not.toContain(validId);
		expect(reloaded.body.profile).toMatchObject({
			displayName: "李教练",
			disciplines: ["chinese_8_ball", "snooker"],
			level: "advanced",
			yearsExperience: 8,
			styleTags: ["patient", "beginner_friendly", "擅长防守"],
		});
		// The ID number is never sent back, so leaving it out keeps the saved one.
		const again = await call("PUT", "/coach/application", token, { identity: { realName: "李明", gender: "male" } });
		expect(again.body.identity.idNumberMasked).toBe(reloaded.body.identity.idNumberMasked);
		const [row] = (await db().execute(sql`select id_number_enc from coaches where user_id = ${again.body.userId}`))
			.rows as Array<{
			id_number_enc: string;
		}>;
		expect(row?.id_number_enc).toMatch(/^v2\./);
	});

	it("refuses to submit an incomplete draft, naming what is missing", async () => {
		const { token } = await newUser("13912340002");
		await call("PUT", "/coach/application", token, { profile: { displayName: "小王" } });
		const submit = await call("POST", "/coach/application/submit", token);
		expect(submit.status).toBe(400);
		expect(Object.keys(submit.body.error.fields).sort()).toEqual(
			[
				"area.cityCode",
				"identity.gender",
				"identity.idNumber",
				"identity.realName",
				"photos",
				"places",
				"profile.bio",
				"profile.disciplines",
				"profile.level",
				"profile.yearsExperience",
			].sort(),
		);
		expect(submit.body.error.fields.photos).toBe("请至少上传一张照片");
		expect((await call("GET", "/coach/application", token)).body.status).toBe("draft");
	});

	it("refuses bad input with the fields named, and saves none of the request", async () => {
		const { token } = await newUser("13912340003");
		await call("PUT", "/coach/application", token, completeDraft);
		const before = (await call("GET", "/coach/application", token)).body;

		const bad = await call("PUT", "/coach/application", token, {
			identity: { realName: "李明", idNumber: `${validId.slice(0, 17)}${validId[17] === "1" ? "2" : "1"}`, gender: "male" },
			profile: {
				...completeDraft.profile,
				displayName: "<script>alert(1)</script>",
				disciplines: ["carom"],
				bio: "好教练<script>alert(1)</script>",
				styleTags: ["a", "b", "c", "d", "e", "f"],
			},
			area: { cityCode: "shanghai", latitude: 200, longitude: 121, serviceRadiusKm: 500 },
			places: [{ name: "新球厅", address: "某路 1 号", latitude: 31.2, longitude: 400 }],
		});
		expect(bad.status).toBe(400);
		expect(bad.body.error.code).toBe("validation_failed");
		expect(Object.keys(bad.body.error.fields).sort()).toEqual(
			[
				"area.latitude",
				"area.serviceRadiusKm",
				"identity.idNumber",
				"places.0.longitude",
				"profile.bio",
				"profile.disciplines.0",
				"profile.displayName",
				"profile.styleTags",
			].sort(),
		);
		expect(bad.body.error.fields["identity.idNumber"]).toBe("身份证号不正确，请检查后重新填写");

		// One bad section refuses the whole request: the good section beside it is not saved either.
		const mixed = await call("PUT", "/coach/application", token, {
			profile: { ...completeDraft.profile, displayName: "新名字" },
			area: { cityCode: "atlantis" },
		});
		expect(mixed.status).toBe(400);
		expect(mixed.body.error.fields).toEqual({ "area.cityCode": "请选择列表中的城市" });
		const after = (await call("GET", "/coach/application", token)).body;
		expect(after.profile).toEqual(before.profile);
		expect(after.area).toEqual(before.area);
		expect(after.places.map((place: { name: string }) => place.name)).toEqual(["星牌台球俱乐部"]);
	});

	it("answers in English when asked", async () => {
		const { token } = await newUser("13912340004");
		const response = await fetch(api("/coach/application"), {
			method: "PUT",
			headers: { ...bearer(token), "content-type": "application/json", "accept-language": "en" },
			body: JSON.stringify({ area: { latitude: 31 } }),
		});
		expect(response.status).toBe(400);
		expect((await response.json()).error.fields).toEqual({ "area.longitude": "Enter both latitude and longitude" });
	});
});

describe("offerings and availability", () => {
	it("keeps prices in fen within ¥1–¥100,000 and recomputes the search price", async () => {
		const { token } = await newUser("13912340005");
		expect((await call("GET", "/coach/offerings", token)).status).toBe(404);
		await call("PUT", "/coach/application", token, { profile: { displayName: "陈教练" } });

		const offering = { courseType: "basic", durationMinutes: 60, priceFen: 20000, online: false };
		for (const [change, field] of [
			[{ priceFen: -500 }, "offerings.0.priceFen"],
			[{ priceFen: 1_000_000_000 }, "offerings.0.priceFen"],
			[{ priceFen: 199.5 }, "offerings.0.priceFen"],
			[{ durationMinutes: 20 }, "offerings.0.durationMinutes"],
			[{ durationMinutes: 70 }, "offerings.0.durationMinutes"],
			[{ courseType: "massage" }, "offerings.0.courseType"],
		] as const) {
			const refused = await call("PUT", "/coach/offerings", token, {
				offerings: [{ ...offering, ...change }],
				cancellationPolicy: "moderate",
			});
			expect(refused.status, JSON.stringify(change)).toBe(400);
			expect(Object.keys(refused.body.error.fields)).toEqual([field]);
		}
		const twice = await call("PUT", "/coach/offerings", token, { offerings: [offering, offering], cancellationPolicy: "strict" });
		expect(twice.body.error.fields).toEqual({ "offerings.1.durationMinutes": "同一课程的时长不能重复" });

		const saved = await call("PUT", "/coach/offerings", token, {
			offerings: [
				offering,
				{ courseType: "basic", durationMinutes: 90, priceFen: 28000, online: false },
				{ courseType: "sparring", durationMinutes: 120, priceFen: 15050, online: true },
			],
			cancellationPolicy: "strict",
		});
		expect(saved.status).toBe(200);
		expect(saved.body).toMatchObject({ priceFromFen: 15050, offersOnline: true, cancellationPolicy: "strict" });
		expect(saved.body.offerings).toHaveLength(3);

		const fewer = await call("PUT", "/coach/offerings", token, { offerings: [offering], cancellationPolicy: "flexible" });
		expect(fewer.body).toMatchObject({ priceFromFen: 20000, offersOnline: false, cancellationPolicy: "flexible" });
		const [row] = (
			await db().execute(
				sql`select price_from_fen, offers_online from coaches where id = (select coach_id from coach_offerings where id = ${fewer.body.offerings[0].id})`,
			)
		).rows as Array<{ price_from_fen: number; offers_online: boolean }>;
		expect(row).toEqual({ price_from_fen: 20000, offers_online: false });
	});

	it("stores weekly hours without overlaps, exceptions and booking rules", async () => {
		const { token } = await newUser("13912340006");
		await call("PUT", "/coach/application", token, { profile: { displayName: "周教练" } });
		const rules = { bufferMinutes: 15, minNoticeHours: 12, maxAdvanceDays: 30, acceptingBookings: true };
		const overlapping = await call("PUT", "/coach/availability", token, {
			...rules,
			weeklyHours: [
				{ weekday: 1, start: "09:00", end: "12:00" },
				{ weekday: 1, start: "11:30", end: "14:00" },
				{ weekday: 2, start: "9:00", end: "12:00" },
				{ weekday: 3, start: "18:00", end: "17:00" },
			],
			exceptions: [],
		});
		expect(overlapping.status).toBe(400);
		expect(overlapping.body.error.fields).toEqual({
			"weeklyHours.1.start": "与当天的其他时段重叠",
			"weeklyHours.2.start": "时间格式为 HH:MM，如 09:30",
			"weeklyHours.3.end": "结束时间须晚于开始时间",
		});

		const tomorrow = new Date(Date.now() + 36 * 3600_000).toISOString().slice(0, 10);
		const saved = await call("PUT", "/coach/availability", token, {
			bufferMinutes: 30,
			minNoticeHours: 24,
			maxAdvanceDays: 60,
			acceptingBookings: false,
			weeklyHours: [
				{ weekday: 1, start: "14:00", end: "18:00" },
				{ weekday: 1, start: "09:00", end: "12:00" },
				{ weekday: 7, start: "19:00", end: "24:00" },
			],
			exceptions: [
				{ date: tomorrow, kind: "day_off" },
				{ date: "2020-01-01", kind: "extra_hours", start: "10:00", end: "12:00" },
			],
		});
		expect(saved.status).toBe(400);
		expect(saved.body.error.fields).toEqual({ "exceptions.1.date": "不能选择过去的日期" });

		const ok = await call("PUT", "/coach/availability", token, {
			bufferMinutes: 30,
			minNoticeHours: 24,
			maxAdvanceDays: 60,
			acceptingBookings: false,
			weeklyHours: [
				{ weekday: 1, start: "14:00", end: "18:00" },
				{ weekday: 1, start: "09:00", end: "12:00" },
				{ weekday: 7, start: "19:00", end: "24:00" },
			],
			exceptions: [{ date: tomorrow, kind: "extra_hours", start: "08:00", end: "10:00" }],
		});
		expect(ok.status).toBe(200);
		const read = await call("GET", "/coach/availability", token);
		expect(read.body).toEqual({
			timeZone: "Asia/Shanghai",
			weeklyHours: [
				{ weekday: 1, start: "09:00", end: "12:00" },
				{ weekday: 1, start: "14:00", end: "18:00" },
				{ weekday: 7, start: "19:00", end: "24:00" },
			],
			exceptions: [{ date: tomorrow, kind: "extra_hours", start: "08:00", end: "10:00" }],
			bufferMinutes: 30,
			minNoticeHours: 24,
			maxAdvanceDays: 60,
			acceptingBookings: false,
		});
	});
});

describe("review", () => {
	let coach: { token: string; userId: string };
	let coachId: string;
	let firstPhoto: { id: string; fileId: string };

	it("puts a submitted application in the queue, which players cannot reach", async () => {
		coach = await newUser("13912340010");
		await call("PUT", "/coach/application", coach.token, completeDraft);
		const photo = await upload("/coach/photos", coach.token, await png({ r: 20, g: 110, b: 70 }), "image/png");
		expect(photo.status).toBe(201);
		expect(photo.body.status).toBe("pending");
		expect(photo.body.thumbUrl).toMatch(/^\/files\/private\/.+\/thumb\.webp\?exp=\d+&sig=/);
		firstPhoto = photo.body;

		const submitted = await call("POST", "/coach/application/submit", coach.token);
		expect(submitted.status).toBe(200);
		expect(submitted.body.status).toBe("pending_review");
		expect(submitted.body.submittedAt).not.toBeNull();
		coachId = submitted.body.id;
		expect((await call("PUT", "/coach/application", coach.token, { profile: completeDraft.profile })).status).toBe(409);

		const queue = await call("GET", "/admin/coach-reviews", staff);
		expect(queue.status).toBe(200);
		expect(queue.body.entries).toContainEqual(
			expect.objectContaining({ coachId, kind: "application", displayName: "李教练", pendingPhotos: 1 }),
		);

		expect((await call("GET", "/admin/coach-reviews", player)).status).toBe(403);
		expect((await call("GET", `/admin/coach-reviews/${coachId}`, player)).status).toBe(403);
		expect((await call("POST", `/admin/coach-reviews/${coachId}/approve`, player, {})).status).toBe(403);
		expect((await call("POST", `/admin/coach-reviews/${coachId}/photos/${firstPhoto.id}/approve`, player, {})).status).toBe(403);
		expect((await call("POST", `/admin/coach-reviews/${coachId}/approve`, coach.token, {})).status).toBe(403);
		expect((await fetch(api("/admin/coach-reviews"))).status).toBe(401);
	});

	it("shows the reviewer the identity and private files, and approves: role, notification, real-name badge only", async () => {
		const detail = await call("GET", `/admin/coach-reviews/${coachId}`, staff);
		expect(detail.status).toBe(200);
		expect(detail.body.application.identity).toMatchObject({ realName: "李明", idNumber: validId });
		// Reading it again soon after is the same look, not another entry in the audit log.
		expect((await call("GET", `/admin/coach-reviews/${coachId}`, staff)).status).toBe(200);
		const photoUrl = detail.body.application.photos[0].thumbUrl as string;
		expect((await fetch(`${app.url}${photoUrl}`)).status).toBe(200);
		// Unreviewed photos are not public.
		expect((await fetch(`${app.url}/files/${firstPhoto.fileId}/thumb.webp`)).status).toBe(404);

		const tooEarly = await call("POST", `/admin/coach-reviews/${coachId}/approve`, staff, {});
		expect(tooEarly.status).toBe(409);
		expect(tooEarly.body.error.message).toBe("请先通过至少一张照片，再通过申请");

		const photo = await call("POST", `/admin/coach-reviews/${coachId}/photos/${firstPhoto.id}/approve`, staff, {});
		expect(photo.status).toBe(200);
		expect((await fetch(`${app.url}/files/${firstPhoto.fileId}/thumb.webp`)).status).toBe(200);
		const approved = await call("POST", `/admin/coach-reviews/${coachId}/approve`, staff, {});
		expect(approved.status).toBe(200);
		expect(approved.body).toEqual({ status: "approved", roleGranted: true });
		// Once decided, nothing is left to check: the reviewer sees the ID number masked too.
		const decided = await call("GET", `/admin/coach-reviews/${coachId}`, staff);
		expect(JSON.stringify(decided.body)).not.toContain(validId);
		expect(decided.body.application.identity.idNumberMasked).toBe(`110***********${validId.slice(-4)}`);

		const mine = await call("GET", "/coach/application", coach.token);
		expect(mine.body).toMatchObject({ status: "approved", badges: { realName: true, certificate: false } });
		expect(mine.body.identity.verified).toBe(true);
		expect((await call("GET", "/me", coach.token)).body.roles).toContain("coach");
		const notifications = await call("GET", "/me/notifications", coach.token);
		expect(notifications.body.items[0]).toMatchObject({ kind: "coachApproved", link: "/coach" });

		const profile = await call("GET", `/coaches/${coachId}`, player);
		expect(profile.status).toBe(200);
		expect(profile.body).toMatchObject({ displayName: "李教练", badges: ["real_name"] });

		const audit = await call("GET", `/admin/audit?targetId=${coach.userId}`, staff);
		// Newest first; the full ID number was read once (before approval) and that is on record.
		expect(audit.body.entries.map((entry: { action: string }) => entry.action)).toEqual([
			"coach.approved",
			"coach.change.approved",
			// The reviewer was handed the pending photo's signed links: on record too.
			"coach.files.viewed",
			"coach.identity.viewed",
		]);
		// The decision names the photo's file, so the trail outlives the photo if it is removed later.
		expect(audit.body.entries[1].detail).toMatchObject({ item: "photo", itemId: firstPhoto.id, fileId: firstPhoto.fileId });
		expect((await call("GET", "/admin/coach-reviews?kind=application", staff)).body.entries).not.toContainEqual(
			expect.objectContaining({ coachId }),
		);
	});

	it("sends an approved coach's new name, photos and certificates back to review; the public keeps the approved ones", async () => {
		const renamed = await call("PUT", "/coach/application", coach.token, {
			profile: { ...completeDraft.profile, displayName: "李明教练" },
		});
		expect(renamed.status).toBe(200);
		expect(renamed.body.profile).toMatchObject({ displayName: "李教练", pendingDisplayName: "李明教练" });
		const locked = await call("PUT", "/coach/application", coach.token, {
			identity: { realName: "李大明", gender: "male" },
		});
		expect(locked.status).toBe(409);
		expect(locked.body.error.fields).toEqual({ "identity.realName": "实名信息已认证，不能在这里修改，请联系客服" });

		const photo = await upload("/coach/photos", coach.token, await png({ r: 200, g: 40, b: 40 }), "image/png");
		expect(photo.body.status).toBe("pending");
		const certificate = await upload(
			"/coach/certificates?issuer=中国台球协会&level=国家二级教练员",
			coach.token,
			await png({ r: 240, g: 240, b: 200 }),
			"image/png",
		);
		expect(certificate.status).toBe(201);
		expect(certificate.body).toMatchObject({ issuer: "中国台球协会", level: "国家二级教练员", status: "pending" });
		expect(certificate.body.url).toMatch(/^\/files\/private\//);

		const profile = (await call("GET", `/coaches/${coachId}`, player)).body;
		expect(profile.displayName).toBe("李教练");
		expect(profile.photos).toHaveLength(1);
		expect(profile.badges).toEqual(["real_name"]);

		const queue = (await call("GET", "/admin/coach-reviews?kind=changes", staff)).body.entries;
		expect(queue).toContainEqual(
			expect.objectContaining({
				coachId,
				kind: "changes",
				pendingDisplayName: "李明教练",
				pendingPhotos: 1,
				pendingCertificates: 1,
			}),
		);

		const noReason = await call("POST", `/admin/coach-reviews/${coachId}/photos/${photo.body.id}/reject`, staff, {});
		expect(noReason.status).toBe(400);
		expect(Object.keys(noReason.body.error.fields)).toEqual(["reason"]);
		expect(
			(await call("POST", `/admin/coach-reviews/${coachId}/photos/${photo.body.id}/reject`, staff, { reason: "照片与台球无关" }))
				.status,
		).toBe(200);
		expect(
			(await call("POST", `/admin/coach-reviews/${coachId}/certificates/${certificate.body.id}/approve`, staff, {})).status,
		).toBe(200);
		expect((await call("POST", `/admin/coach-reviews/${coachId}/name/approve`, staff, {})).status).toBe(200);

		const after = (await call("GET", `/coaches/${coachId}`, player)).body;
		expect(after.displayName).toBe("李明教练");
		expect(after.badges).toEqual(["real_name", "certificate"]);
		expect(after.photos).toHaveLength(1);
		// Newest first: the name's and the certificate's approvals, then the photo's refusal.
		const notifications = (await call("GET", "/me/notifications", coach.token)).body.items;
		expect(
			notifications.slice(0, 3).map((item: { kind: string; params: { item: string } }) => [item.kind, item.params.item]),
		).toEqual([
			["coachChangeApproved", "name"],
			["coachChangeApproved", "certificate"],
			["coachChangeRejected", "photo"],
		]);
		expect(notifications[2]).toMatchObject({
			kind: "coachChangeRejected",
			params: { item: "photo", reason: "照片与台球无关" },
			text: "您提交的教练资料变更（照片）未通过审核。原因：照片与台球无关",
		});
		expect((await call("GET", "/admin/coach-reviews?kind=changes", staff)).body.entries).not.toContainEqual(
			expect.objectContaining({ coachId }),
		);
	});

	it("rejects an application with a reason the applicant is told, who may rework and resubmit", async () => {
		const applicant = await newUser("13912340011");
		await call("PUT", "/coach/application", applicant.token, {
			...completeDraft,
			identity: { ...completeDraft.identity, idNumber: idNumber("31010419851120123") },
		});
		await upload("/coach/photos", applicant.token, await png({ r: 10, g: 10, b: 120 }), "image/png");
		const { body } = await call("POST", "/coach/application/submit", applicant.token);

		const noReason = await call("POST", `/admin/coach-reviews/${body.id}/reject`, staff, { reason: "" });
		expect(noReason.status).toBe(400);
		expect(noReason.body.error.fields).toEqual({ reason: "驳回时请填写原因" });
		const rejected = await call("POST", `/admin/coach-reviews/${body.id}/reject`, staff, {
			reason: "照片不清晰，请重新上传正面照",
		});
		expect(rejected.body).toEqual({ status: "rejected" });

		const mine = (await call("GET", "/coach/application", applicant.token)).body;
		expect(mine).toMatchObject({ status: "rejected", reviewNote: "照片不清晰，请重新上传正面照", badges: { realName: false } });
		const notifications = (await call("GET", "/me/notifications", applicant.token)).body.items;
		expect(notifications[0]).toMatchObject({ kind: "coachRejected", params: { reason: "照片不清晰，请重新上传正面照" } });
		expect((await call("GET", "/me", applicant.token)).body.roles).not.toContain("coach");
		expect((await call("GET", `/coaches/${body.id}`, player)).status).toBe(404);

		expect((await call("POST", "/coach/application/submit", applicant.token)).body.status).toBe("pending_review");
	});

	it("keeps each coach to their own record: other coaches' photos, certificates and files answer 404", async () => {
		const other = await newUser("13912340012");
		await call("PUT", "/coach/application", other.token, { profile: { displayName: "别人" } });
		expect((await call("DELETE", `/coach/photos/${firstPhoto.id}`, other.token)).status).toBe(404);
		const borrowed = await call("POST", "/coach/photos", other.token, { fileId: firstPhoto.fileId });
		expect(borrowed.status).toBe(404);
		expect((await call("PUT", "/coach/application", other.token, { introVideoFileId: firstPhoto.fileId })).status).toBe(404);
		const theirs = (await call("GET", "/coach/application", coach.token)).body;
		expect((await call("DELETE", `/coach/certificates/${theirs.certificates[0].id}`, other.token)).status).toBe(404);
		expect((await call("GET", "/coach/application", other.token)).body.photos).toEqual([]);
		expect((await call("GET", `/admin/coach-reviews/${coachId}`, other.token)).status).toBe(403);

		// A photo uploaded first through /api/v1/files may be attached by its owner.
		const uploaded = await upload("/files?kind=coach_photo", other.token, await png({ r: 90, g: 90, b: 90 }), "image/png");
		expect(uploaded.status).toBe(201);
		const attached = await call("POST", "/coach/photos", other.token, { fileId: uploaded.body.id });
		expect(attached.status).toBe(201);
		expect(attached.body.status).toBe("pending");
	});
});

describe("the intro video", () => {
	let coach: { token: string; userId: string };
	let coachId: string;
	let first: string;

	/** A tiny MP4: an `ftyp` box the upload check recognises, then filler that makes each one distinct. */
	const mp4 = (fill: number) =>
		Buffer.concat([
			Buffer.from([0x00, 0x00, 0x00, 0x18, ...Buffer.from("ftypisom"), 0x00, 0x00, 0x02, 0x00, ...Buffer.from("isommp42")]),
			Buffer.alloc(2000, fill),
		]);

	async function putVideo(token: string, bytes: Buffer) {
		const response = await fetch(api("/coach/intro-video"), {
			method: "PUT",
			headers: { ...bearer(token), "content-type": "video/mp4" },
			body: new Uint8Array(bytes),
		});
		return { status: response.status, body: await response.json() };
	}

	/** What anyone gets at a file's plain URL (no signature). */
	async function publicStatus(fileId: string): Promise<number> {
		const response = await fetch(`${app.url}/files/${fileId}`);
		await response.arrayBuffer();
		return response.status;
	}

	const decide = (fileId: string, decision: "approve" | "reject", token = staff, reason?: string) =>
		call("POST", `/admin/coach-reviews/${coachId}/video/${fileId}/${decision}`, token, reason ? { reason } : {});
	const publicVideo = async () => (await call("GET", `/coaches/${coachId}`, player)).body.introVideoUrl;
	const changesQueue = async () => (await call("GET", "/admin/coach-reviews?kind=changes", staff)).body.entries;

	it("keeps an uploaded video private and off the profile until a reviewer approves it", async () => {
		coach = await newUser("13912340020");
		await call("PUT", "/coach/application", coach.token, {
			...completeDraft,
			identity: { ...completeDraft.identity, idNumber: idNumber("44030419920815123") },
		});
		const photo = await upload("/coach/photos", coach.token, await png({ r: 60, g: 60, b: 160 }), "image/png");
		const video = await putVideo(coach.token, mp4(1));
		expect(video.status).toBe(200);
		expect(video.body.status).toBe("pending");
		first = video.body.fileId;
		expect(await publicStatus(first)).toBe(404);
		const mine = (await call("GET", "/coach/application", coach.token)).body;
		expect(mine.introVideo).toMatchObject({ fileId: first, status: "pending", reviewNote: null, approvedFileId: null });
		expect(mine.introVideo.url).toMatch(/^\/files\/private\/.+\?exp=\d+&sig=/);
		expect((await fetch(`${app.url}${mine.introVideo.url}`)).status).toBe(200);

		coachId = (await call("POST", "/coach/application/submit", coach.token)).body.id;
		expect((await decide(first, "approve", player)).status).toBe(403);
		expect((await decide(first, "approve", coach.token)).status).toBe(403);
		// Approving the application leaves the video waiting, as it would a photo.
		expect((await call("POST", `/admin/coach-reviews/${coachId}/photos/${photo.body.id}/approve`, staff, {})).status).toBe(200);
		expect((await call("POST", `/admin/coach-reviews/${coachId}/approve`, staff, {})).status).toBe(200);
		expect(await publicVideo()).toBeNull();
		expect(await publicStatus(first)).toBe(404);
		expect(await (await fetch(`${app.url}/coaches/${coachId}`)).text()).not.toContain(first);
		expect(await changesQueue()).toContainEqual(
			expect.objectContaining({ coachId, kind: "changes", pendingPhotos: 0, pendingVideo: true }),
		);

		// The review page offers the same decision as for a photo, naming the video it is about.
		const page = await (
			await fetch(`${app.url}/admin/coach-reviews/${coachId}`, { headers: { cookie: `cp_session=${staff}` } })
		).text();
		expect(page).toContain('name="intent" value="video"');
		expect(page).toContain(`name="itemId" value="${first}"`);
		expect(page).toMatch(/<span class="sr-only"> (<!-- -->)?介绍视频<\/span>/);

		const approved = await decide(first, "approve");
		expect(approved.status).toBe(200);
		expect(approved.body).toEqual({ item: "video", itemId: first, status: "approved" });
		expect(await publicStatus(first)).toBe(200);
		expect(await publicVideo()).toBe(`/files/${first}`);
		expect(await (await fetch(`${app.url}/coaches/${coachId}`)).text()).toContain(`src="/files/${first}"`);
		expect(await changesQueue()).not.toContainEqual(expect.objectContaining({ coachId }));
	});

	it("keeps the approved video public while a replacement waits, and tells the coach when the replacement is rejected", async () => {
		const second = (await putVideo(coach.token, mp4(2))).body;
		expect(second.status).toBe("pending");
		expect(await publicStatus(second.fileId)).toBe(404);
		expect(await publicVideo()).toBe(`/files/${first}`);
		expect((await call("GET", "/coach/application", coach.token)).body.introVideo).toMatchObject({
			fileId: second.fileId,
			status: "pending",
			approvedFileId: first,
		});
		expect(await changesQueue()).toContainEqual(expect.objectContaining({ coachId, pendingVideo: true }));

		// A decision names the video the reviewer watched: one replaced since is not decided blindly.
		expect((await decide(first, "approve")).status).toBe(404);
		const noReason = await decide(second.fileId, "reject");
		expect(noReason.status).toBe(400);
		expect(Object.keys(noReason.body.error.fields)).toEqual(["reason"]);
		expect((await decide(second.fileId, "reject", staff, "视频与台球无关")).status).toBe(200);

		const notifications = (await call("GET", "/me/notifications", coach.token)).body.items;
		expect(notifications[0]).toMatchObject({
			kind: "coachChangeRejected",
			params: { item: "video", reason: "视频与台球无关" },
			text: "您提交的教练资料变更（介绍视频）未通过审核。原因：视频与台球无关",
		});
		expect(await publicVideo()).toBe(`/files/${first}`);
		expect(await publicStatus(second.fileId)).toBe(404);
		expect((await call("GET", "/coach/application", coach.token)).body.introVideo).toMatchObject({
			fileId: second.fileId,
			status: "rejected",
			reviewNote: "视频与台球无关",
		});
		expect(await changesQueue()).not.toContainEqual(expect.objectContaining({ coachId }));
	});

	it("shows an approved replacement in place of the old video, and removing the video takes it off the profile", async () => {
		const third = (await putVideo(coach.token, mp4(3))).body.fileId;
		expect((await decide(third, "approve")).status).toBe(200);
		expect(await publicVideo()).toBe(`/files/${third}`);
		expect(await publicStatus(third)).toBe(200);
		expect(await publicStatus(first)).toBe(404);

		expect((await call("DELETE", "/coach/intro-video", coach.token)).status).toBe(204);
		expect(await publicVideo()).toBeNull();
		expect(await publicStatus(third)).toBe(404);
		expect((await call("GET", "/coach/application", coach.token)).body.introVideo).toBeNull();
	});
});

describe("the apply page", () => {
	it("refuses an oversized upload before reading it, and a malformed one as a bad request, in the form that sent it", async () => {
		const { token } = await newUser("13912340013");
		const headers = { cookie: `cp_session=${token}`, origin: app.url, "content-type": "multipart/form-data; boundary=x" };
		// Announced larger than the page ever takes: answered while the body is still unsent.
		const oversized = await new Promise<{ status: number; html: string }>((resolve, reject) => {
			const sending = httpRequest(
				`${app.url}/coach/apply?intent=set-video`,
				{ method: "POST", headers: { ...headers, "content-length": String(200 * 1024 * 1024) } },
				(response) => {
					let html = "";
					response.setEncoding("utf8");
					response.on("data", (chunk: string) => {
						html += chunk;
					});
					response.on("end", () => {
						resolve({ status: response.statusCode ?? 0, html });
						sending.destroy();
					});
				},
			);
			sending.on("error", reject);
			sending.flushHeaders();
		});
		expect(oversized.status).toBe(413);
		expect(oversized.html).toContain("文件不能超过 50 MB");

		const malformed = await fetch(`${app.url}/coach/apply?intent=set-video`, { method: "POST", headers, body: "not multipart" });
		expect(malformed.status).toBe(400);
		expect(await malformed.text()).toContain("请求有误，请检查后重试");
	});
});
