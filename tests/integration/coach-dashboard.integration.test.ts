import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "~/lib/errors";
import { createSession } from "~/modules/accounts/sessions.server";
import { createUser } from "~/modules/accounts/users.server";
import { addPhoto } from "~/modules/coaches/application/add-photo.server";
import { saveApplication } from "~/modules/coaches/application/save-application.server";
import { applicationUpdateSchema } from "~/modules/coaches/application/schema";
import { submitApplication } from "~/modules/coaches/application/submit-application.server";
import { availabilityFields, availabilityFromForm, exceptionKeyOf } from "~/modules/coaches/availability/form";
import { getMyAvailability } from "~/modules/coaches/availability/get-availability.server";
import { saveAvailability } from "~/modules/coaches/availability/save-availability.server";
import { maxRangesPerDay } from "~/modules/coaches/availability/schema";
import { addDays, todayInShanghai } from "~/modules/coaches/availability/time";
import { getCoachDashboard, getMyCoachStatus } from "~/modules/coaches/dashboard/get-dashboard.server";
import { idNumberCheckCharacter } from "~/modules/coaches/id-number";
import { offeringFields, offeringsFromForm } from "~/modules/coaches/offerings/form";
import { getMyOfferings } from "~/modules/coaches/offerings/get-offerings.server";
import { saveOfferings } from "~/modules/coaches/offerings/save-offerings.server";
import { maxLengthsPerCourse } from "~/modules/coaches/offerings/schema";
import { approveApplication } from "~/modules/coaches/review/approve-application.server";
import { reviewChange } from "~/modules/coaches/review/review-change.server";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * The coach's own pages: the dashboard's read of where a coach stands (nothing, a draft, in
 * review, approved with changes waiting), and the forms of the offerings and hours pages read into
 * the same updates the API takes, refusing bad input beside its field with nothing saved.
 */
const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.append(name, value);
	return data;
};

const png = (colour: { r: number; g: number; b: number }) =>
	sharp({ create: { width: 480, height: 360, channels: 3, background: colour } })
		.png()
		.toBuffer();

let phone = 13_955_500_000;
async function newUser(name: string): Promise<string> {
	phone += 1;
	return (await createUser({ displayName: name, phone: `+86${phone}` })).id;
}

/** Sections of an application as a client sends them, read by the API's own schema. */
const update = (sections: unknown) => applicationUpdateSchema.parse(sections);

const profile = {
	displayName: "李教练",
	disciplines: ["chinese_8_ball"],
	level: "advanced",
	yearsExperience: 8,
	styleTags: ["patient"],
	bio: "国家二级台球教练员，执教八年，擅长中式八球基本功与走位训练。",
};

let staff: { id: string; roles: ["support"] };
beforeAll(async () => {
	staff = { id: await newUser("客服"), roles: ["support"] };
});

describe("the dashboard read", () => {
	it("is empty before an application", async () => {
		const userId = await newUser("路人");
		expect(await getMyCoachStatus(userId)).toBeNull();
		expect(await getCoachDashboard(userId)).toBeNull();
	});

	let userId: string;
	let coachId: string;
	beforeAll(async () => {
		userId = await newUser("李明");
		const first17 = "11010519900307452";
		const application = await saveApplication({
			userId,
			update: update({
				identity: {
					realName: "李明",
					idNumber: `${first17}${idNumberCheckCharacter(first17)}`,
					gender: "male",
					idNumberConsent: true,
				},
				profile,
				area: { cityCode: "shanghai", serviceRadiusKm: 15 },
			}),
		});
		coachId = application.id;
	});

	it("shows a draft with nothing in review and the defaults of lessons and hours", async () => {
		expect(await getMyCoachStatus(userId)).toEqual({ id: coachId, status: "draft", displayName: "李教练" });
		const dashboard = await getCoachDashboard(userId);
		expect(dashboard).toMatchObject({
			id: coachId,
			status: "draft",
			acceptingBookings: true,
			submittedAt: null,
			review: { pendingName: null, pendingPhotos: 0, pendingCertificates: 0, rejectedItems: 0 },
			offerings: { offerings: [], priceFromFen: null, offersOnline: false, cancellationPolicy: "moderate" },
			availability: { weeklyHours: [], exceptions: [], timeZone: "Asia/Shanghai" },
		});
	});

	it("counts photos in review, then approved and rejected ones after the decisions", async () => {
		const first = await addPhoto({ userId, source: { bytes: await png({ r: 20, g: 120, b: 70 }) } });
		const second = await addPhoto({ userId, source: { bytes: await png({ r: 120, g: 20, b: 70 }) } });
		await submitApplication({ userId });
		const inReview = await getCoachDashboard(userId);
		expect(inReview?.status).toBe("pending_review");
		expect(inReview?.submittedAt).not.toBeNull();
		expect(inReview?.review).toMatchObject({ pendingPhotos: 2, rejectedItems: 0 });

		await reviewChange({ reviewer: staff, coachId, item: "photo", itemId: first.id, decision: "approve" });
		await reviewChange({ reviewer: staff, coachId, item: "photo", itemId: second.id, decision: "reject", reason: "照片模糊" });
		await approveApplication({ reviewer: staff, coachId });
		await saveApplication({ userId, update: update({ profile: { ...profile, displayName: "李明教练" } }) });

		const approved = await getCoachDashboard(userId);
		expect(approved).toMatchObject({
			status: "approved",
			displayName: "李教练",
			review: { pendingName: "李明教练", pendingPhotos: 0, pendingCertificates: 0, rejectedItems: 1 },
		});
		expect(approved?.approvedAt).not.toBeNull();
	});

	it("reads the lessons and hours saved through the page forms", async () => {
		const offerings = offeringsFromForm(
			form({
				[offeringFields.duration("basic", 0)]: "60",
				[offeringFields.price("basic", 0)]: "200",
				[offeringFields.duration("basic", 1)]: "90",
				[offeringFields.price("basic", 1)]: "¥280.5",
				[offeringFields.online("basic")]: "on",
				[offeringFields.duration("sparring", 0)]: "",
				[offeringFields.price("sparring", 0)]: "",
				[offeringFields.policy]: "strict",
			}),
		);
		expect(offerings.ok).toBe(true);
		if (!offerings.ok) return;
		await saveOfferings({ userId, update: offerings.update });

		const hours = availabilityFromForm(
			"weekly",
			form({
				[availabilityFields.start(1, 0)]: "09:00",
				[availabilityFields.end(1, 0)]: "12:00",
				[availabilityFields.start(1, 1)]: "14:00",
				[availabilityFields.end(1, 1)]: "24:00",
				[availabilityFields.start(6, 0)]: "10:00",
				[availabilityFields.end(6, 0)]: "18:00",
				bufferMinutes: "30",
				minNoticeHours: "24",
				maxAdvanceDays: "60",
			}),
			await getMyAvailability(userId),
		);
		expect(hours.ok).toBe(true);
		if (!hours.ok) return;
		await saveAvailability({ userId, update: hours.update });

		const dashboard = await getCoachDashboard(userId);
		expect(dashboard?.offerings).toMatchObject({
			priceFromFen: 20_000,
			offersOnline: true,
			cancellationPolicy: "strict",
			offerings: [
				{ courseType: "basic", durationMinutes: 60, priceFen: 20_000, online: true },
				{ courseType: "basic", durationMinutes: 90, priceFen: 28_050, online: true },
			],
		});
		expect(dashboard?.availability).toMatchObject({
			weeklyHours: [
				{ weekday: 1, start: "09:00", end: "12:00" },
				{ weekday: 1, start: "14:00", end: "24:00" },
				{ weekday: 6, start: "10:00", end: "18:00" },
			],
			bufferMinutes: 30,
			minNoticeHours: 24,
			maxAdvanceDays: 60,
			acceptingBookings: true,
		});
	});
});

describe("the page forms", () => {
	let userId: string;
	beforeAll(async () => {
		userId = await newUser("王教练");
		await saveApplication({ userId, update: update({ profile: { displayName: "王教练" } }) });
	});

	it("refuses bad prices and lengths beside their fields", () => {
		const result = offeringsFromForm(
			form({
				[offeringFields.duration("basic", 0)]: "45",
				[offeringFields.price("basic", 0)]: "0",
				[offeringFields.duration("basic", 1)]: "60",
				[offeringFields.price("basic", 1)]: "100",
				[offeringFields.duration("basic", 2)]: "60",
				[offeringFields.price("basic", 2)]: "120",
				[offeringFields.duration("advanced", 0)]: "90",
				[offeringFields.price("advanced", 0)]: "",
				[offeringFields.duration("sparring", 0)]: "",
				[offeringFields.price("sparring", 0)]: "150",
				[offeringFields.duration("match_simulation", 0)]: "60",
				[offeringFields.price("match_simulation", 0)]: "12.345",
				[offeringFields.duration("casual_play", 0)]: "50",
				[offeringFields.price("casual_play", 0)]: "80",
				[offeringFields.policy]: "lenient",
			}),
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.outcome.errors.fields).toEqual({
			[offeringFields.price("basic", 0)]: "coaching.errors.priceRange",
			[offeringFields.duration("basic", 2)]: "coaching.errors.durationTwice",
			[offeringFields.price("advanced", 0)]: "coaching.errors.priceRequired",
			[offeringFields.duration("sparring", 0)]: "coaching.errors.durationRequired",
			[offeringFields.price("match_simulation", 0)]: "coaching.errors.priceInvalid",
			[offeringFields.duration("casual_play", 0)]: "coaching.errors.durationStep",
			[offeringFields.policy]: "errors.field.invalidOption",
		});
		// What was typed comes back, to show the form again without JavaScript.
		expect(result.outcome.values?.[offeringFields.price("match_simulation", 0)]).toBe("12.345");
	});

	it("refuses a range ending before it starts, overlapping ranges and bad rules, and keeps what is saved", async () => {
		const before = await getMyAvailability(userId);
		const result = availabilityFromForm(
			"weekly",
			form({
				[availabilityFields.start(1, 0)]: "18:00",
				[availabilityFields.end(1, 0)]: "09:00",
				[availabilityFields.start(2, 0)]: "09:00",
				[availabilityFields.end(2, 0)]: "12:00",
				[availabilityFields.start(2, 1)]: "11:00",
				[availabilityFields.end(2, 1)]: "13:00",
				[availabilityFields.start(3, 0)]: "09:00",
				[availabilityFields.end(3, 0)]: "",
				bufferMinutes: "500",
				minNoticeHours: "12",
				maxAdvanceDays: "abc",
			}),
			before,
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.outcome.intent).toBe("weekly");
		expect(result.outcome.errors.fields).toEqual({
			[availabilityFields.end(1, 0)]: "coaching.errors.endBeforeStart",
			[availabilityFields.start(2, 1)]: "coaching.errors.overlap",
			[availabilityFields.end(3, 0)]: "coaching.errors.timeRequired",
			bufferMinutes: "errors.field.outOfRange",
			maxAdvanceDays: "errors.field.notANumber",
		});
		expect(await getMyAvailability(userId)).toEqual(before);
	});

	it("adds and removes exceptions and switches bookings off and on, keeping the rest of the plan", async () => {
		const today = todayInShanghai();
		const tomorrow = addDays(today, 1);
		const weekly = availabilityFromForm(
			"weekly",
			form({
				[availabilityFields.start(3, 0)]: "10:00",
				[availabilityFields.end(3, 0)]: "20:00",
				bufferMinutes: "15",
				minNoticeHours: "12",
				maxAdvanceDays: "30",
			}),
			await getMyAvailability(userId),
		);
		if (!weekly.ok) throw new Error(JSON.stringify(weekly.outcome));
		await saveAvailability({ userId, update: weekly.update });

		const refused = availabilityFromForm(
			"add-exception",
			form({ date: addDays(today, -1), kind: "extra_hours", start: "", end: "" }),
			await getMyAvailability(userId),
		);
		expect(refused.ok).toBe(false);
		if (!refused.ok) {
			expect(refused.outcome.errors.fields).toEqual({
				date: "coaching.errors.dateInPast",
				start: "coaching.errors.timeRequired",
				end: "coaching.errors.timeRequired",
			});
		}

		const added = availabilityFromForm(
			"add-exception",
			form({ date: tomorrow, kind: "day_off" }),
			await getMyAvailability(userId),
		);
		if (!added.ok) throw new Error(JSON.stringify(added.outcome));
		expect(added.toast).toBe("coaching.availability.exceptionAdded");
		await saveAvailability({ userId, update: added.update });

		const clash = availabilityFromForm(
			"add-exception",
			form({ date: tomorrow, kind: "extra_hours", start: "09:00", end: "10:00" }),
			await getMyAvailability(userId),
		);
		expect(clash.ok).toBe(false);
		if (!clash.ok) expect(clash.outcome.errors.fields).toEqual({ date: "coaching.errors.exceptionClash" });

		const paused = availabilityFromForm("status", form({ acceptingBookings: "false" }), await getMyAvailability(userId));
		if (!paused.ok) throw new Error(JSON.stringify(paused.outcome));
		await saveAvailability({ userId, update: paused.update });
		const afterPause = await getMyAvailability(userId);
		expect(afterPause).toMatchObject({
			acceptingBookings: false,
			weeklyHours: [{ weekday: 3, start: "10:00", end: "20:00" }],
			exceptions: [{ date: tomorrow, kind: "day_off" }],
		});
		expect((await getCoachDashboard(userId))?.acceptingBookings).toBe(false);

		const removed = availabilityFromForm("remove-exception", form({ exception: `${tomorrow}|day_off||` }), afterPause);
		if (!removed.ok) throw new Error(JSON.stringify(removed.outcome));
		await saveAvailability({ userId, update: removed.update });
		expect((await getMyAvailability(userId)).exceptions).toEqual([]);
		expect((await getMyOfferings(userId)).offerings).toEqual([]);
	});
});

/**
 * The page shows at most `maxLengthsPerCourse` lengths a course type, `maxRangesPerDay` ranges a
 * day and one online switch per course type; the API refuses what the page could not show, so a
 * save from the page never silently drops or changes what a client saved.
 */
describe("what the page and the API both allow", () => {
	let app: TestApp;
	let userId: string;
	let token: string;
	beforeAll(async () => {
		app = await startTestApp({ development: false });
		userId = await newUser("赵教练");
		await saveApplication({ userId, update: update({ profile: { displayName: "赵教练" } }) });
		token = (await createSession(userId, { ip: "127.0.0.1", userAgent: null })).token;
	});
	afterAll(async () => {
		await app?.close();
	});

	async function put(path: string, body: unknown) {
		const response = await fetch(`${app.url}/api/v1${path}`, {
			method: "PUT",
			headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
			body: JSON.stringify(body),
		});
		return { status: response.status, body: await response.json() };
	}

	/** `count` lengths of one course type: 30, 45, 60 … minutes. */
	const lengths = (courseType: string, count: number, online = false) =>
		Array.from({ length: count }, (_, index) => ({
			courseType,
			durationMinutes: 30 + index * 15,
			priceFen: 10_000 + index * 1_000,
			online,
		}));

	it("refuses more lengths in one course type than the page shows, and keeps what is saved", async () => {
		const full = await put("/coach/offerings", {
			offerings: [...lengths("basic", maxLengthsPerCourse), ...lengths("sparring", maxLengthsPerCourse, true)],
			cancellationPolicy: "moderate",
		});
		expect(full.status).toBe(200);
		const before = await getMyOfferings(userId);
		expect(before.offerings).toHaveLength(2 * maxLengthsPerCourse);

		const tooMany = await put("/coach/offerings", {
			offerings: lengths("basic", maxLengthsPerCourse + 1),
			cancellationPolicy: "moderate",
		});
		expect(tooMany.status).toBe(400);
		expect(tooMany.body.error.fields).toEqual({
			[`offerings.${maxLengthsPerCourse}.durationMinutes`]: `每种课程最多设置 ${maxLengthsPerCourse} 个时长`,
		});
		expect(await getMyOfferings(userId)).toEqual(before);

		// Every length the API took comes back on the page, and saving the page unchanged keeps them all.
		const values = Object.fromEntries(
			before.offerings.flatMap((item) => {
				const course = item.courseType as "basic" | "sparring";
				const row = before.offerings.filter((other) => other.courseType === course).indexOf(item);
				return [
					[offeringFields.duration(course, row), String(item.durationMinutes)],
					[offeringFields.price(course, row), String(item.priceFen / 100)],
				];
			}),
		);
		const again = offeringsFromForm(
			form({ ...values, [offeringFields.online("sparring")]: "on", [offeringFields.policy]: "moderate" }),
		);
		if (!again.ok) throw new Error(JSON.stringify(again.outcome));
		expect(again.update.offerings).toHaveLength(2 * maxLengthsPerCourse);
	});

	it("refuses lengths of one course type that disagree on being online", async () => {
		const before = await getMyOfferings(userId);
		const mixed = await put("/coach/offerings", {
			offerings: [
				{ courseType: "basic", durationMinutes: 60, priceFen: 20_000, online: false },
				{ courseType: "sparring", durationMinutes: 60, priceFen: 12_000, online: true },
				{ courseType: "basic", durationMinutes: 90, priceFen: 28_000, online: true },
				{ courseType: "basic", durationMinutes: 120, priceFen: 36_000 },
				{ courseType: "sparring", durationMinutes: 90, priceFen: 16_000, online: true },
			],
			cancellationPolicy: "strict",
		});
		expect(mixed.status).toBe(400);
		expect(mixed.body.error.fields).toEqual({ "offerings.2.online": "同一课程的各个时长须统一设置是否支持线上授课" });
		expect(await getMyOfferings(userId)).toEqual(before);
	});

	it("refuses more ranges in a day than the page shows, and keeps what is saved", async () => {
		const rules = { bufferMinutes: 0, minNoticeHours: 2, maxAdvanceDays: 30, acceptingBookings: true };
		/** `count` half-hour ranges on a weekday, one an hour from midnight. */
		const ranges = (weekday: number, count: number) =>
			Array.from({ length: count }, (_, hour) => ({
				weekday,
				start: `${String(hour).padStart(2, "0")}:00`,
				end: `${String(hour).padStart(2, "0")}:30`,
			}));
		const full = await put("/coach/availability", { ...rules, weeklyHours: ranges(2, maxRangesPerDay), exceptions: [] });
		expect(full.status).toBe(200);
		const before = await getMyAvailability(userId);
		expect(before.weeklyHours).toHaveLength(maxRangesPerDay);

		const tooMany = await put("/coach/availability", {
			...rules,
			weeklyHours: [...ranges(1, 1), ...ranges(2, maxRangesPerDay + 1)],
			exceptions: [],
		});
		expect(tooMany.status).toBe(400);
		expect(tooMany.body.error.fields).toEqual({
			[`weeklyHours.${maxRangesPerDay + 1}.start`]: `每天最多设置 ${maxRangesPerDay} 个时段`,
		});
		expect(await getMyAvailability(userId)).toEqual(before);
	});

	it("refuses to remove a special date that is not saved, changing nothing", async () => {
		const tomorrow = addDays(todayInShanghai(), 1);
		const added = availabilityFromForm(
			"add-exception",
			form({ date: tomorrow, kind: "extra_hours", start: "09:00", end: "10:00" }),
			await getMyAvailability(userId),
		);
		if (!added.ok) throw new Error(JSON.stringify(added.outcome));
		await saveAvailability({ userId, update: added.update });
		const before = await getMyAvailability(userId);
		expect(before.exceptions).toHaveLength(1);

		const gone = exceptionKeyOf({ date: tomorrow, kind: "day_off" });
		let refusal: unknown;
		try {
			availabilityFromForm("remove-exception", form({ exception: gone }), before);
		} catch (error) {
			refusal = error;
		}
		expect(isAppError(refusal) && [refusal.status, refusal.messageKey]).toEqual([404, "coaching.errors.exceptionNotFound"]);

		// Through the page's action: the refusal is the remove form's message, and nothing is saved.
		const { action } = await import("~/routes/coach/availability");
		const answer = await action(pagePost("/coach/availability", form({ intent: "remove-exception", exception: gone })));
		expect(answer).toMatchObject({
			data: { intent: "remove-exception", errors: { formError: "coaching.errors.exceptionNotFound" } },
			init: { status: 404 },
		});
		expect(await getMyAvailability(userId)).toEqual(before);
	});

	it("answers a body that is not a form with a 400 form message, not a failure", async () => {
		const availability = await import("~/routes/coach/availability");
		const offerings = await import("~/routes/coach/offerings");
		for (const [path, action] of [
			["/coach/availability", availability.action],
			["/coach/offerings", offerings.action],
		] as const) {
			const answer = await action(pagePost(path, "--broken\r\nno form here", "multipart/form-data; boundary=nothing"));
			expect(answer, path).toMatchObject({ data: { errors: { formError: "errors.badRequest" } }, init: { status: 400 } });
		}
	});

	/** The arguments of a page action for a POST by this coach (the Bearer token works for pages too). */
	function pagePost(path: string, body: BodyInit, contentType?: string) {
		const request = new Request(`http://127.0.0.1${path}`, {
			method: "POST",
			headers: { authorization: `Bearer ${token}`, ...(contentType ? { "content-type": contentType } : {}) },
			body,
		});
		// The actions read only the request.
		return { request, params: {}, context: {} } as never;
	}
});
