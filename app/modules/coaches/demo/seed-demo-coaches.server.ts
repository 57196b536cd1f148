import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import sharp from "sharp";
import { encrypt } from "~/lib/crypto.server";
import type { DbOrTx, Transaction } from "~/lib/db.server";
import { sealedIn } from "~/lib/encrypted-columns.server";
import { demoPassword } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { hashPassword } from "~/modules/accounts/password.server";
import { addRoleGrant, createUser, findUserByPhone } from "~/modules/accounts/users.server";
import type { CourseType, Discipline } from "~/modules/coaches/catalog";
import { findCity } from "~/modules/coaches/cities";
import { markAttached } from "~/modules/files/mark-attached.server";
import { saveUpload } from "~/modules/files/save-upload.server";
import { setFileVisibility } from "~/modules/files/set-visibility.server";
import { coaches, coachOfferings, coachPhotos, coachPlaces, coachWeeklyHours } from "../../../../db/schema";
import { todayInShanghai } from "../availability/time";
import { refreshFreeDays } from "../search/refresh-free-days.server";

/**
 * Demo coaches for a fresh `npm start`: the demo coach account (13800000002) plus a few dozen
 * approved coaches in six cities, with photos drawn here (no network), itemised offerings and
 * weekly hours. Deterministic, so every machine gets the same coaches; idempotent by phone.
 */
const surnames = [
	"王",
	"李",
	"张",
	"刘",
	"陈",
	"杨",
	"赵",
	"黄",
	"周",
	"吴",
	"徐",
	"孙",
	"胡",
	"朱",
	"高",
	"林",
	"何",
	"郭",
	"马",
	"罗",
];
const given = [
	"建国",
	"晓东",
	"志强",
	"海峰",
	"丽娜",
	"思远",
	"子涵",
	"雨桐",
	"浩然",
	"嘉怡",
	"一鸣",
	"梓萱",
	"俊杰",
	"欣怡",
	"宇航",
	"静雯",
];
const styleTags = ["耐心细致", "注重基本功", "实战派", "走位专家", "比赛经验丰富", "幽默风趣", "适合零基础", "专业竞技"];
/** Halls with a street address of their own, as a player types it into a map (made up, but shaped like real ones). */
interface Hall {
	name: string;
	address: string;
}
const cityPlan: Array<{ code: string; halls: Hall[] }> = [
	{
		code: "shanghai",
		halls: [
			{ name: "静安星牌台球俱乐部", address: "静安区北京西路 1399 号信达大厦 3 楼" },
			{ name: "徐汇乔氏台球会所", address: "徐汇区漕溪北路 595 号 B1 层" },
			{ name: "浦东一杆清台球馆", address: "浦东新区张杨路 628 号东明广场 5 楼" },
		],
	},
	{
		code: "beijing",
		halls: [
			{ name: "朝阳望京台球俱乐部", address: "朝阳区望京街 9 号望京国际商业中心 B 座 2 层" },
			{ name: "海淀中关村球房", address: "海淀区中关村大街 15 号 B2 层" },
		],
	},
	{
		code: "guangzhou",
		halls: [
			{ name: "天河体育中心台球馆", address: "天河区天河路 299 号体育中心东门旁" },
			{ name: "越秀星聚台球会所", address: "越秀区中山五路 219 号 4 楼" },
		],
	},
	{
		code: "shenzhen",
		halls: [
			{ name: "南山科技园台球俱乐部", address: "南山区科技南十二路 18 号 2 楼" },
			{ name: "福田中心区球房", address: "福田区福华三路 88 号 B1 层" },
		],
	},
	{
		code: "hangzhou",
		halls: [
			{ name: "西湖文体台球馆", address: "西湖区文三路 259 号 3 楼" },
			{ name: "滨江星光台球会所", address: "滨江区江南大道 228 号星光国际广场 2 楼" },
		],
	},
	{
		code: "chengdu",
		halls: [
			{ name: "春熙路台球俱乐部", address: "锦江区春熙路南段 8 号 6 楼" },
			{ name: "高新区金牌球房", address: "高新区天府大道中段 1388 号 B1 层" },
		],
	},
];
const disciplineSets: Discipline[][] = [
	["chinese_8_ball"],
	["chinese_8_ball", "nine_ball"],
	["snooker"],
	["nine_ball"],
	["snooker", "chinese_8_ball"],
];
const levels = ["entry", "intermediate", "advanced", "master"] as const;
const palette = ["#156245", "#1a7a53", "#7c5128", "#134e39", "#b9824a", "#0f5132"];

/** A deterministic pseudo-random sequence (mulberry32), so the demo data is the same everywhere. */
function sequence(seed: number) {
	let state = seed;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
		mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
		return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * A portrait-like card: cloth-green backdrop, the coach's initial and a cue across the corner. No
 * numbered ball: a small disc with a number in a photo's corner reads as an unread count.
 */
async function drawPhoto(initial: string, colour: string): Promise<Uint8Array> {
	const sights = [140, 300, 460, 620]
		.map(
			(x) =>
				`<rect x="${x}" y="566" width="14" height="14" transform="rotate(45 ${x + 7} 573)" fill="#f8efe3" fill-opacity="0.55"/>`,
		)
		.join("");
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600" viewBox="0 0 800 600">
<defs><radialGradient id="g" cx="35%" cy="30%" r="80%"><stop offset="0" stop-color="${colour}" stop-opacity="0.85"/><stop offset="1" stop-color="#07241b"/></radialGradient></defs>
<rect width="800" height="600" fill="url(#g)"/>
<rect x="0" y="552" width="800" height="48" fill="#3b2414" fill-opacity="0.75"/>${sights}
<rect x="360" y="420" width="520" height="16" rx="8" fill="#e8cfa4" transform="rotate(-24 620 428)"/>
<text x="400" y="380" font-size="260" text-anchor="middle" font-family="Noto Sans CJK SC, sans-serif" font-weight="700" fill="#ffffff" fill-opacity="0.92">${initial}</text>
</svg>`;
	return new Uint8Array(await sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer());
}

const offeringPlan: Array<{ courseType: CourseType; minutes: number[]; base: number; online?: boolean }> = [
	{ courseType: "basic", minutes: [60, 90], base: 180 },
	{ courseType: "advanced", minutes: [60, 120], base: 260 },
	{ courseType: "match_simulation", minutes: [90], base: 320 },
	{ courseType: "sparring", minutes: [60, 120], base: 120 },
	{ courseType: "casual_play", minutes: [60], base: 90 },
];

interface DemoCoach {
	phone: string;
	displayName: string;
	/** The name on the ID card, when it is not the display name (a coach may show "李教练"). */
	realName?: string;
	cityCode: string;
	hall: Hall;
	index: number;
}

function plannedCoaches(): DemoCoach[] {
	const planned: DemoCoach[] = [];
	let index = 0;
	for (const city of cityPlan) {
		for (let slot = 0; slot < 7; slot++) {
			const name = `${surnames[(index * 7) % surnames.length]}${given[(index * 5) % given.length]}`;
			planned.push({
				phone: `+86139${String(10_000_000 + index).slice(-8)}`,
				displayName: name,
				cityCode: city.code,
				hall: city.halls[slot % city.halls.length] as Hall,
				index,
			});
			index++;
		}
	}
	return planned;
}

/**
 * Two photos for the README's demo coach (the gallery's swipe is shown on them) and every third
 * planned coach, one for the rest: each photo is drawn and then processed into its sizes like an
 * upload (~150 ms of CPU), and the seed runs at every start and in several test files.
 */
const demoCoachIndex = 100;
const photoCountOf = (plan: Pick<DemoCoach, "index">) => (plan.index === demoCoachIndex || plan.index % 3 === 0 ? 2 : 1);

async function addCoach(
	tx: DbOrTx,
	userId: string,
	plan: Omit<DemoCoach, "phone">,
	passwordHash: string | undefined,
): Promise<void> {
	const random = sequence(plan.index + 7);
	const city = findCity(plan.cityCode);
	if (!city) throw new Error(`demo city ${plan.cityCode} is missing from the city list`);
	// Spread coaches over the city: up to ~12 km from its centre.
	const latitude = city.latitude + (random() - 0.5) * 0.2;
	const longitude = city.longitude + (random() - 0.5) * 0.24;
	const disciplines = disciplineSets[plan.index % disciplineSets.length] as Discipline[];
	const level = levels[Math.floor(random() * levels.length)] ?? "intermediate";
	const levelFactor = { entry: 0.8, intermediate: 1, advanced: 1.35, master: 1.9 }[level];
	const approvedAt = new Date(Date.UTC(2026, 5, 1) + plan.index * 36 * 3600_000);
	// The id is part of each ciphertext's binding, so it is chosen before the insert.
	const coachId = randomUUID();
	await tx.insert(coaches).values({
		id: coachId,
		userId,
		status: "approved",
		displayName: plan.displayName,
		realNameEnc: encrypt(plan.realName ?? plan.displayName, sealedIn(coaches.realNameEnc, coachId)),
		idNumberEnc: encrypt(`31010119900101${String(1000 + plan.index).slice(-4)}`, sealedIn(coaches.idNumberEnc, coachId)),
		gender: plan.index % 3 === 1 ? "female" : "male",
		disciplines,
		level,
		yearsExperience: 2 + Math.floor(random() * 15),
		styleTags: [styleTags[plan.index % styleTags.length] as string, styleTags[(plan.index + 3) % styleTags.length] as string],
		bio: `${plan.displayName}，${city.nameZh}台球教练。擅长${disciplines.length > 1 ? "多个项目" : "专项"}教学，从站位、握杆到走位与比赛心态，按学员水平制定训练计划。`,
		cityCode: city.code,
		latitude,
		longitude,
		serviceRadiusKm: 5 + Math.floor(random() * 15),
		acceptingBookings: plan.index % 9 !== 4,
		cancellationPolicy: (["flexible", "moderate", "strict"] as const)[plan.index % 3],
		realNameVerifiedAt: approvedAt,
		certificateVerifiedAt: plan.index % 4 === 0 ? null : approvedAt,
		submittedAt: approvedAt,
		approvedAt,
		ratingCount: 0,
	});
	await tx.insert(coachPlaces).values({ coachId, name: plan.hall.name, address: plan.hall.address, latitude, longitude });

	let cheapest = Number.POSITIVE_INFINITY;
	let online = false;
	for (const offering of offeringPlan) {
		if (random() < 0.25 && offering.courseType !== "basic") continue;
		// Online is a property of the course type: every length of it is, or none.
		const isOnline = offering.courseType !== "sparring" && offering.courseType !== "casual_play" && random() < 0.3;
		for (const minutes of offering.minutes) {
			const priceFen = Math.round((offering.base * levelFactor * (minutes / 60) * (0.85 + random() * 0.3)) / 10) * 1000;
			await tx
				.insert(coachOfferings)
				.values({ coachId, courseType: offering.courseType, durationMinutes: minutes, priceFen, online: isOnline });
			cheapest = Math.min(cheapest, priceFen);
			online ||= isOnline;
		}
	}
	await tx.update(coaches).set({ priceFromFen: cheapest, offersOnline: online }).where(eq(coaches.id, coachId));

	for (let weekday = 1; weekday <= 7; weekday++) {
		if (weekday === 1 + (plan.index % 7)) continue; // one day off a week
		const weekend = weekday >= 6;
		await tx
			.insert(coachWeeklyHours)
			.values({ coachId, weekday, startMinute: weekend ? 600 : 840, endMinute: weekend ? 1260 : 1320 });
	}

	for (let photoIndex = 0; photoIndex < photoCountOf(plan); photoIndex++) {
		const bytes = await drawPhoto(plan.displayName.slice(0, 1), palette[(plan.index + photoIndex) % palette.length] as string);
		const file = await saveUpload({ ownerId: userId, kind: "coach_photo", bytes }, tx);
		await tx.insert(coachPhotos).values({ coachId, fileId: file.id, status: "approved", position: photoIndex });
		// Uploads are private and unattached until used and approved: these demo photos are both.
		await markAttached(file.id, tx);
		await setFileVisibility(file.id, "public", tx);
	}
	await addRoleGrant({ userId, role: "coach" }, tx);
	void passwordHash;
}

export async function seedDemoCoaches(tx: DbOrTx): Promise<number> {
	let added = 0;
	let passwordHash: string | undefined;
	// The demo coach account of the README: approved, in Shanghai, with offerings and hours.
	const demoCoach = await findUserByPhone("+8613800000002", tx);
	const demoUserIds: string[] = demoCoach ? [demoCoach.id] : [];
	if (demoCoach) {
		const [existing] = await tx.select({ id: coaches.id }).from(coaches).where(eq(coaches.userId, demoCoach.id)).limit(1);
		if (!existing) {
			await addCoach(
				tx,
				demoCoach.id,
				{
					displayName: "李教练",
					realName: "李建国",
					cityCode: "shanghai",
					hall: cityPlan[0]?.halls[0] as Hall,
					index: demoCoachIndex,
				},
				undefined,
			);
			added++;
		}
	}
	for (const plan of plannedCoaches()) {
		const existing = await findUserByPhone(plan.phone, tx);
		if (existing) {
			demoUserIds.push(existing.id);
			continue;
		}
		passwordHash ??= await hashPassword(demoPassword);
		const user = await createUser({ displayName: plan.displayName, phone: plan.phone, passwordHash }, tx);
		demoUserIds.push(user.id);
		await addCoach(tx, user.id, plan, passwordHash);
		added++;
	}
	await summariseFreeDays(tx, demoUserIds);
	return added;
}

/** The demo coaches' ids (the README's demo coach and the planned ones), found by phone as the seed finds them. */
export async function demoCoachIds(tx: DbOrTx): Promise<string[]> {
	const userIds: string[] = [];
	for (const phone of ["+8613800000002", ...plannedCoaches().map((plan) => plan.phone)]) {
		const user = await findUserByPhone(phone, tx);
		if (user) userIds.push(user.id);
	}
	if (userIds.length === 0) return [];
	const rows = await tx.select({ id: coaches.id }).from(coaches).where(inArray(coaches.userId, userIds));
	return rows.map((row) => row.id);
}

/**
 * Search's free days of the demo coaches (rows written above, not through the services), when
 * they have none from today on: a fresh start, or a development database left for a while.
 */
async function summariseFreeDays(tx: DbOrTx, userIds: string[]): Promise<void> {
	if (userIds.length === 0) return;
	const today = todayInShanghai();
	const unsummarised = await tx
		.select({ id: coaches.id })
		.from(coaches)
		.where(
			and(
				inArray(coaches.userId, userIds),
				eq(coaches.status, "approved"),
				sql`not exists (select 1 from coach_free_days f where f.coach_id = ${coaches.id} and f.date >= ${today}::date)`,
			),
		);
	// The demo data is loaded in one transaction (app/server/demo-data.ts).
	for (const { id } of unsummarised) await refreshFreeDays(id, tx as Transaction);
}
