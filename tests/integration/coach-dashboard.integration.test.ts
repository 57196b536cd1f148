import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "~/modules/accounts/users.server";
import { addPhoto } from "~/modules/coaches/application/add-photo.server";
import { saveApplication } from "~/modules/coaches/application/save-application.server";
import { applicationUpdateSchema } from "~/modules/coaches/application/schema";
import { submitApplication } from "~/modules/coaches/application/submit-application.server";
import { availabilityFields, availabilityFromForm } from "~/modules/coaches/availability/form";
import { getMyAvailability } from "~/modules/coaches/availability/get-availability.server";
import { saveAvailability } from "~/modules/coaches/availability/save-availability.server";
import { addDays, todayInShanghai } from "~/modules/coaches/availability/time";
import { getCoachDashboard, getMyCoachStatus } from "~/modules/coaches/dashboard/get-dashboard.server";
import { idNumberCheckCharacter } from "~/modules/coaches/id-number";
import { offeringFields, offeringsFromForm } from "~/modules/coaches/offerings/form";
import { getMyOfferings } from "~/modules/coaches/offerings/get-offerings.server";
import { saveOfferings } from "~/modules/coaches/offerings/save-offerings.server";
import { approveApplication } from "~/modules/coaches/review/approve-application.server";
import { reviewChange } from "~/modules/coaches/review/review-change.server";

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
				identity: { realName: "李明", idNumber: `${first17}${idNumberCheckCharacter(first17)}`, gender: "male" },
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
