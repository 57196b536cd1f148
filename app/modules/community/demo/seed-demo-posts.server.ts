import { and, eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { findUserByPhone } from "~/modules/accounts/users.server";
import { communityPosts } from "../../../../db/schema";
import { listBoards } from "../boards/boards.server";
import { addComment } from "../comments/add-comment.server";
import { createPost } from "../posts/create-post.server";
import type { Viewer } from "../posts/viewer";
import { acceptAnswer, verifyAnswer } from "../qa/answers.server";
import { setCommentLike, setPostLike } from "../reactions/reactions.server";

/** The demo accounts who write (the player, the coach, and the four partners the social seed makes). */
const authorPhones = {
	player: "+8613800000001",
	coach: "+8613800000002",
	chen: "+8613800000061",
	liu: "+8613800000062",
	zhao: "+8613800000063",
	sun: "+8613800000064",
} as const;
type Author = keyof typeof authorPhones;

export const demoQuestionTitle = "低杆总是拉不回来，是出杆速度的问题还是击球点？";

const posts: Array<{ key: string; author: Author; board: string; title: string; body: string }> = [
	{
		key: "break",
		author: "chen",
		board: "chinese-8-ball",
		title: "中八开球后白球总落袋，我找到的三个原因",
		body: "练了一个月开球，白球十次有三次掉袋。录像对比后发现：\n\n1. 击球点偏低，白球撞完还往前冲；\n2. 手架离白球太远，出杆不稳；\n3. 站位靠边，发力时身体在晃。\n\n现在改成击打白球中心略上一点、手架收近到 20 厘米左右，落袋少多了。大家开球还有什么心得？",
	},
	{
		key: "bridge",
		author: "coach",
		board: "technique",
		title: "手架稳不稳，先看这三点",
		body: "上课时最常见的问题不是瞄准，而是手架。自查三点：\n\n- **虎口**贴紧球杆，但不要捏死；\n- 手掌根部压实台面，出杆时手架不能跟着动；\n- 手架到白球的距离保持一致，新手 15–20 厘米最合适。\n\n每天空杆 50 次，对着镜子看手架有没有晃。",
	},
	{
		key: "cue",
		author: "liu",
		board: "equipment",
		title: "第一根球杆怎么选：预算一千元以内的心得",
		body: "去了三家球具店试杆，总结一下：\n\n- 先定重量，女生 18–19 盎司上手更轻松；\n- 皮头选中硬，耐打也好控制；\n- 杆身直不直，放在台面上滚一圈就知道。\n\n最后买了一根 800 元左右的中八杆，用了两个月很满意。",
	},
	{
		key: "hall",
		author: "player",
		board: "halls-and-games",
		title: "静安寺附近晚上练球的球厅推荐",
		body: "最近下班后想多练练，静安寺附近有没有台子保养得好、晚上不太吵的球厅？中八台优先，周末也想约人一起打。",
	},
	{
		key: "pushout",
		author: "sun",
		board: "9-ball",
		title: "九球的推杆（push out）规则，整理了一份笔记",
		body: "一直搞不清推杆什么时候能用，翻了规则整理如下：\n\n1. 只能在开球后的第一杆使用，要先向对手声明；\n2. 推杆时白球不必碰到目标球，也不必有球碰库；\n3. 推完后由对手选择自己打还是让你继续打。\n\n有说错的地方请指正。",
	},
];

const question = {
	author: "player" as Author,
	board: "questions",
	title: demoQuestionTitle,
	body: "练低杆一周了，白球碰到目标球后总是停住，很少能拉回来。我已经尽量打白球下方了，是出杆速度不够，还是击球点还不够低？",
};

/**
 * The demo's community, through the community's own services and cheaply (no images, a few dozen
 * inserts): posts on five boards by the demo player, the demo coach and the demo partners, comments
 * with a reply, likes, and a question on 问答 whose answers show the Q&A at work: the coach's
 * (with its coach badge) accepted by the asker, and a partner's marked 教练认证 by the coach.
 * Runs after the social seed (the partners write here); seeded once: when the first post exists,
 * nothing is done (one query on every later start).
 */
export async function seedDemoCommunityPosts(): Promise<number> {
	const users: Partial<Record<Author, string>> = {};
	for (const [author, phone] of Object.entries(authorPhones) as Array<[Author, string]>) {
		const user = await findUserByPhone(phone);
		if (!user) return 0;
		users[author] = user.id;
	}
	const viewer = (author: Author): Viewer => ({ userId: users[author] as string, roles: [] });
	// The first post written is the mark: when it exists, an earlier start has seeded the rest.
	const first = posts[0] as (typeof posts)[number];
	const [existing] = await db()
		.select({ id: communityPosts.id })
		.from(communityPosts)
		.where(and(eq(communityPosts.authorId, users[first.author] as string), eq(communityPosts.title, first.title)))
		.limit(1);
	if (existing) return 0;
	const boardIds = new Map((await listBoards({ locale: "zh-CN" })).map((board) => [board.slug, board.id]));
	const write = async (entry: { author: Author; board: string; title: string; body: string }, kind: "post" | "question") => {
		const boardId = boardIds.get(entry.board);
		if (!boardId) throw new Error(`demo community: no board ${entry.board}`);
		const written = await createPost({
			authorId: users[entry.author] as string,
			post: { boardId, kind, title: entry.title, body: entry.body, imageFileIds: [] },
		});
		return written.id;
	};
	const comment = async (author: Author, postId: string, body: string, parentId?: string) =>
		(await addComment({ viewer: viewer(author), postId, comment: { body, ...(parentId ? { parentId } : {}) } })).id;

	let added = 0;
	const ids = new Map<string, string>();
	for (const entry of posts) {
		ids.set(entry.key, await write(entry, "post"));
		added += 1;
	}
	const breakPost = ids.get("break") as string;
	const bridgePost = ids.get("bridge") as string;
	const hallPost = ids.get("hall") as string;

	const coachOnBreak = await comment(
		"coach",
		breakPost,
		"第三点很关键：开球前先把重心压稳，出杆后身体保持不动，白球走位会稳定很多。",
	);
	await comment("chen", breakPost, "谢谢李教练！这周试试出杆后停两秒再起身。", coachOnBreak);
	await comment("zhao", breakPost, "我以前也是击球点偏低，改高一点确实好很多。");
	await comment("player", bridgePost, "对着镜子练了三天空杆，手架晃的问题真的少了。");
	await comment("chen", hallPost, "南京西路那边有一家，中八台保养得不错，工作日晚上人不多，可以一起去。");
	added += 5;

	const questionId = await write(question, "question");
	// Answered in this order, so the accepted answer (the coach's, written last) is visibly lifted to the top.
	const zhaoAnswer = await comment(
		"zhao",
		questionId,
		"多半是出杆没有送出去：击打白球中心下方一个皮头的位置，出杆要穿过白球、送杆 10 厘米以上，不要一碰就收。",
	);
	await comment("liu", questionId, "我之前也这样，后来发现是皮头没擦巧粉，打低杆容易滑杆。");
	const coachAnswer = await comment(
		"coach",
		questionId,
		"两者都有关系。先检查三点：击球点在中心下方一个皮头、球杆尽量放平、出杆加速穿过白球。建议从白球和目标球相距 30 厘米开始练，拉回来了再慢慢拉开距离。",
	);
	added += 4;
	await acceptAnswer({ viewer: viewer("player"), postId: questionId, commentId: coachAnswer });
	await verifyAnswer({ viewer: viewer("coach"), postId: questionId, commentId: zhaoAnswer });

	for (const [author, postId] of [
		["player", breakPost],
		["liu", breakPost],
		["sun", breakPost],
		["player", bridgePost],
		["chen", bridgePost],
		["zhao", bridgePost],
		["player", ids.get("cue") as string],
		["chen", questionId],
	] as Array<[Author, string]>) {
		await setPostLike({ viewer: viewer(author), postId, liked: true });
		added += 1;
	}
	for (const [author, commentId] of [
		["player", coachAnswer],
		["chen", coachAnswer],
		["player", zhaoAnswer],
		["chen", coachOnBreak],
	] as Array<[Author, string]>) {
		await setCommentLike({ viewer: viewer(author), commentId, liked: true });
		added += 1;
	}
	return added + 2;
}
