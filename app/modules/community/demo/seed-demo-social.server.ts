import { db } from "~/lib/db.server";
import { createUser, findUserByPhone } from "~/modules/accounts/users.server";
import { follow } from "../follows/follows.server";
import { openConversation, sendMessage } from "../messages/conversations.server";
import { answerInvitation, sendInvitation } from "../partners/invitations.server";
import { savePartnerCard } from "../partners/partner-card.server";
import type { PartnerCardInput } from "../partners/schema";

/** The demo player (王小明) and the demo coach (李教练), as the accounts demo seed makes them. */
const demoPlayerPhone = "+8613800000001";
const demoCoachPhone = "+8613800000002";

/** Players open to sparring around the demo player in Shanghai; no password (tests sign them in by session). */
const partners: Array<{ phone: string; displayName: string; card: PartnerCardInput }> = [
	{
		phone: "+8613800000061",
		displayName: "陈晓东",
		card: {
			discipline: "chinese_8_ball",
			selfLevel: 3,
			shareLearningLevel: false,
			cityCode: "shanghai",
			district: "静安区",
			usualTimes: ["weekday_evening", "weekend_afternoon"],
			open: true,
		},
	},
	{
		phone: "+8613800000062",
		displayName: "刘雨桐",
		card: {
			discipline: "chinese_8_ball",
			selfLevel: 2,
			shareLearningLevel: false,
			cityCode: "shanghai",
			district: "徐汇区",
			usualTimes: ["weekend_morning", "weekend_afternoon"],
			open: true,
		},
	},
	{
		phone: "+8613800000063",
		displayName: "赵一鸣",
		card: {
			discipline: "chinese_8_ball",
			selfLevel: 4,
			shareLearningLevel: false,
			cityCode: "shanghai",
			district: "黄浦区",
			usualTimes: ["weekday_evening"],
			open: true,
		},
	},
	{
		phone: "+8613800000064",
		displayName: "孙浩然",
		card: {
			discipline: "nine_ball",
			selfLevel: 3,
			shareLearningLevel: false,
			cityCode: "shanghai",
			district: "长宁区",
			usualTimes: ["weekend_evening", "weekday_evening"],
			open: true,
		},
	},
];

/**
 * The demo's social side, through the services and cheaply (a few inserts, no passwords hashed): the
 * demo player's partner card in 静安区, four players open to sparring near it, follows between the
 * demo users, and one accepted invitation with a short conversation. Seeded once: when the first
 * demo partner exists, nothing is done (one query on every later start).
 */
export async function seedDemoSocial(): Promise<number> {
	if (await findUserByPhone(partners[0]?.phone ?? "")) return 0;
	const player = await findUserByPhone(demoPlayerPhone);
	const coach = await findUserByPhone(demoCoachPhone);
	if (!player || !coach) return 0;
	const ids: string[] = [];
	for (const partner of partners) {
		const user = await createUser({ displayName: partner.displayName, phone: partner.phone });
		await savePartnerCard(user.id, partner.card);
		ids.push(user.id);
	}
	await savePartnerCard(player.id, {
		discipline: "chinese_8_ball",
		selfLevel: 2,
		shareLearningLevel: true,
		cityCode: "shanghai",
		district: "静安区",
		usualTimes: ["weekday_evening", "weekend_afternoon"],
		open: true,
	});
	const [chen, liu, zhao, sun] = ids as [string, string, string, string];
	for (const [followerId, followeeId] of [
		[player.id, coach.id],
		[player.id, chen],
		[chen, player.id],
		[liu, player.id],
		[zhao, coach.id],
	] as const) {
		await follow({ followerId, followeeId });
	}
	// 孙浩然 invited the demo player, who accepted: the conversation the demo opens with.
	const invitation = await sendInvitation({
		fromUserId: sun,
		toUserId: player.id,
		note: "周末晚上长宁一起打九球？我 3 级左右。",
	});
	const { conversationId } = await answerInvitation({ userId: player.id, invitationId: invitation.id, answer: "accept" });
	const conversation = conversationId ?? (await openConversation(db(), sun, player.id));
	await sendMessage({ userId: sun, conversationId: conversation, body: "你好！周六晚上七点左右有空吗？" });
	await sendMessage({ userId: player.id, conversationId: conversation, body: "有空，我们在球厅见，台费 AA。" });
	return partners.length + 1 + 5 + 1 + 2;
}
