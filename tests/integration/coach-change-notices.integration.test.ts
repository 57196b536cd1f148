import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { createSession } from "~/modules/accounts/sessions.server";
import { addPhoto } from "~/modules/coaches/application/add-photo.server";
import { saveApplication } from "~/modules/coaches/application/save-application.server";
import { apiCall } from "../support/api-client";
import { createApprovedCoach, createReviewer } from "../support/coach-journey";
import { staffSessionToken } from "../support/staff";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * What an approved coach is told when a reviewer decides one change (a new name, a new photo): an
 * approval reads as an approval, in the coach's language, and a refusal still names its reason.
 */
let app: TestApp;
let staff: string;
let coach: { userId: string; coachId: string; token: string };
beforeAll(async () => {
	await seedDemoAccounts(db());
	app = await startTestApp();
	staff = await staffSessionToken("13800000004");
	const made = await createApprovedCoach({
		displayName: "通知测试教练",
		point: { latitude: 31.2, longitude: 121.45 },
		reviewer: await createReviewer(),
	});
	const session = await createSession(made.userId, { ip: "127.0.0.1", userAgent: "tests" });
	coach = { ...made, token: session.token };
});
afterAll(async () => {
	await app.close();
});

const latestNotice = async (headers: Record<string, string> = {}) =>
	(await apiCall(app, "GET", "/me/notifications", coach.token, undefined, headers)).body.items[0];

async function newPhotoId(): Promise<string> {
	const image = await sharp({ create: { width: 480, height: 360, channels: 3, background: { r: 90, g: 30, b: 160 } } })
		.png()
		.toBuffer();
	return (await addPhoto({ userId: coach.userId, source: { bytes: new Uint8Array(image) } })).id;
}

describe("a reviewer's decision on one change of an approved coach", () => {
	it("tells the coach a new display name was approved, not that it was refused", async () => {
		await saveApplication({
			userId: coach.userId,
			update: {
				profile: {
					displayName: "李建国教练",
					disciplines: ["chinese_8_ball"],
					level: "advanced",
					yearsExperience: 6,
					styleTags: ["patient"],
					bio: "执教六年，擅长中式八球基本功与走位训练。",
				},
			},
		});
		const approved = await apiCall(app, "POST", `/admin/coach-reviews/${coach.coachId}/name/approve`, staff, {});
		expect(approved.status).toBe(200);

		const notice = await latestNotice();
		expect(notice).toMatchObject({ kind: "coachChangeApproved", params: { item: "name" }, link: `/coaches/${coach.coachId}` });
		expect(notice.text).toBe("您提交的教练资料变更（展示名称）已通过审核，学员现在可以在您的主页上看到。");
		expect(notice.text).not.toContain("未通过");
	});

	it("tells the coach an approved photo is public, in English for an English reader", async () => {
		const photoId = await newPhotoId();
		expect(
			(await apiCall(app, "POST", `/admin/coach-reviews/${coach.coachId}/photos/${photoId}/approve`, staff, {})).status,
		).toBe(200);
		const notice = await latestNotice({ "accept-language": "en" });
		expect(notice).toMatchObject({ kind: "coachChangeApproved", params: { item: "photo" } });
		expect(notice.text).toBe("A change to your coach profile (photo) was approved: players now see it on your profile.");
	});

	it("still tells a refused photo with its reason", async () => {
		const photoId = await newPhotoId();
		const refused = await apiCall(app, "POST", `/admin/coach-reviews/${coach.coachId}/photos/${photoId}/reject`, staff, {
			reason: "照片太暗",
		});
		expect(refused.status).toBe(200);
		expect((await latestNotice()).text).toBe("您提交的教练资料变更（照片）未通过审核。原因：照片太暗");
	});
});
