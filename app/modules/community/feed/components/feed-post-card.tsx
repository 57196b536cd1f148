import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { FeedPost } from "../feed.server";

/** A post in the feed or on a profile: board, title, a line of its text, author, likes and comments. */
export function FeedPostCard({ post, showAuthor = true }: { post: FeedPost; showAuthor?: boolean }) {
	const { t, i18n } = useTranslation();
	return (
		<article className="space-y-1.5 rounded-2xl bg-white p-4 shadow-(--shadow-card)">
			<p className="text-xs text-muted">
				{post.board.name}
				{post.kind === "question" ? ` · ${t("social.feed.question")}` : ""} ·{" "}
				{new Date(post.createdAt).toLocaleString(i18n.language, {
					timeZone: "Asia/Shanghai",
					dateStyle: "medium",
					timeStyle: "short",
				})}
			</p>
			<h3 className="font-semibold">
				<Link to={`/community/p/${post.id}`} className="hover:underline">
					{post.title}
				</Link>
			</h3>
			{post.excerpt ? <p className="line-clamp-2 text-sm text-muted">{post.excerpt}</p> : null}
			<p className="flex flex-wrap gap-3 text-xs text-muted">
				{showAuthor ? (
					<Link to={`/u/${post.author.id}`} className="font-medium text-ink hover:underline">
						{post.author.displayName}
						{post.author.isCoach ? ` · ${t("social.profile.coach")}` : ""}
					</Link>
				) : null}
				<span>{t("social.feed.likes", { count: post.likeCount })}</span>
				<span>{t("social.feed.comments", { count: post.commentCount })}</span>
			</p>
		</article>
	);
}
