import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { localeOfRequest, pageTitle } from "~/lib/i18n";
import { orPageError } from "~/lib/page-errors.server";
import { getUserSession, requireUser } from "~/modules/accounts/guards.server";
import { approvedCoachUserIds } from "~/modules/coaches/approved-coach-users.server";
import { CommentThread } from "~/modules/community/comments/components/comment-thread";
import { getPost } from "~/modules/community/posts/get-post.server";
import { Button } from "~/ui/button";
import type { Route } from "./+types/post";
import { postPageAction } from "./post-actions.server";

/** A post (or question) with its threaded comments (answers), likes, bookmark, share link and report. */
export async function loader({ request, params }: Route.LoaderArgs) {
	const session = await getUserSession(request);
	const viewer = session ? { userId: session.user.id, roles: session.roles } : null;
	const post = await orPageError(getPost({ postId: params.postId, viewer, locale: localeOfRequest(request) }));
	const isCoach = viewer ? (await approvedCoachUserIds([viewer.userId])).has(viewer.userId) : false;
	return {
		post,
		viewerId: viewer?.userId ?? null,
		isCoach,
		shareUrl: new URL(`/community/p/${post.id}`, request.url).toString(),
		title: `${post.title} · ${pageTitle(request, "community.title")}`,
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params }: Route.ActionArgs) {
	const session = await requireUser(request);
	const form = Object.fromEntries(await request.formData()) as Record<string, string>;
	return postPageAction({ viewer: { userId: session.user.id, roles: session.roles }, postId: params.postId, form });
}

export default function CommunityPost({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const { post, viewerId } = loaderData;
	const question = post.kind === "question";
	const asker = question && post.mine;
	return (
		<article className="mx-auto max-w-3xl space-y-5 px-4 py-6">
			<nav className="text-sm text-muted">
				<Link to="/community" className="underline">
					{t("community.title")}
				</Link>
				{" / "}
				<Link to={`/community/b/${post.board.slug}`} className="underline">
					{post.board.name}
				</Link>
			</nav>
			<header className="space-y-1">
				<h1 className="text-2xl font-semibold sm:text-3xl">
					{question ? `【${t("community.kinds.question")}】` : ""}
					{post.title}
				</h1>
				<p className="text-sm text-muted">
					{post.author.displayName}
					{post.author.isCoach ? (
						<span className="ml-1 rounded bg-cloth-100 px-1.5 text-cloth-800">{t("community.coachBadge")}</span>
					) : null}
					{" · "}
					{t("community.views", { count: post.viewCount })}
				</p>
				{post.status !== "published" ? (
					<p role="status" className="rounded-xl bg-wood-100 px-3 py-2 text-sm text-wood-800">
						{t(`community.status.${post.status}`)}
					</p>
				) : null}
			</header>
			{/* bodyHtml is Markdown rendered with raw HTML off and links limited to http(s): nothing the author typed runs. */}
			<div
				className="prose max-w-none rounded-3xl bg-white p-5 shadow-(--shadow-card)"
				dangerouslySetInnerHTML={{ __html: post.bodyHtml }}
			/>
			{post.images.some((image) => image.url) ? (
				<ul className="grid grid-cols-3 gap-2">
					{post.images.map((image) =>
						image.url ? (
							<li key={image.id}>
								<img src={image.url} alt="" className="aspect-square w-full rounded-xl object-cover" loading="lazy" />
							</li>
						) : null,
					)}
				</ul>
			) : null}
			{viewerId && post.status === "published" ? (
				<div className="flex flex-wrap gap-2">
					{!post.mine ? (
						<Form method="post">
							<input type="hidden" name="intent" value={post.liked ? "unlike" : "like"} />
							<Button type="submit" size="sm" variant="secondary" aria-pressed={post.liked}>
								{post.liked ? t("community.post.unlike") : t("community.post.like")} · {post.likeCount}
							</Button>
						</Form>
					) : null}
					<Form method="post">
						<input type="hidden" name="intent" value={post.bookmarked ? "unbookmark" : "bookmark"} />
						<Button type="submit" size="sm" variant="secondary" aria-pressed={post.bookmarked}>
							{post.bookmarked ? t("community.post.unbookmark") : t("community.post.bookmark")}
						</Button>
					</Form>
					{post.mine ? (
						<Form method="post">
							<input type="hidden" name="intent" value="delete" />
							<Button type="submit" size="sm" variant="secondary">
								{t("community.post.delete")}
							</Button>
						</Form>
					) : (
						<Form method="post" className="flex gap-1">
							<input type="hidden" name="intent" value="flag" />
							<input type="hidden" name="reason" value="spam" />
							<Button type="submit" size="sm" variant="secondary">
								{t("community.post.flag")}
							</Button>
						</Form>
					)}
				</div>
			) : null}
			{post.editableUntil && post.status !== "hidden" ? <PostEditForm title={post.title} body={post.body} /> : null}
			<p className="text-sm">
				<label>
					{t("community.post.share")}{" "}
					<input readOnly value={loaderData.shareUrl} className="w-full rounded border border-line px-2 py-1 text-xs sm:w-96" />
				</label>
			</p>
			<section aria-labelledby="comments-heading" className="space-y-3">
				<h2 id="comments-heading" className="text-lg font-semibold">
					{question
						? t("community.answers", { count: post.commentCount })
						: t("community.comments", { count: post.commentCount })}
				</h2>
				{post.comments.length === 0 ? <p className="text-sm text-muted">{t("community.post.noComments")}</p> : null}
				<CommentThread
					comments={post.comments}
					viewerId={viewerId}
					canAccept={asker}
					canVerify={question && loaderData.isCoach}
					canReply={!!viewerId && post.status === "published"}
				/>
				{viewerId && post.status === "published" ? (
					<Form method="post" className="space-y-2 rounded-3xl bg-white p-4 shadow-(--shadow-card)">
						<input type="hidden" name="intent" value="comment" />
						<label className="block text-sm font-medium" htmlFor="comment-body">
							{question ? t("community.post.answer") : t("community.post.comment")}
						</label>
						<textarea
							id="comment-body"
							name="body"
							rows={3}
							required
							maxLength={2000}
							className="w-full rounded-xl border border-line p-3"
						/>
						<Button type="submit">{question ? t("community.post.answer") : t("community.post.comment")}</Button>
					</Form>
				) : !viewerId ? (
					<Link to="/login" className="text-sm underline">
						{t("community.post.signInToComment")}
					</Link>
				) : null}
			</section>
		</article>
	);
}

/** The author's edit form, offered only within the edit window (the service checks the window again on save). */
function PostEditForm(props: { title: string; body: string }) {
	const { t } = useTranslation();
	return (
		<details className="rounded-3xl bg-white p-4 shadow-(--shadow-card)">
			<summary className="cursor-pointer text-sm font-medium">{t("community.post.edit")}</summary>
			<Form method="post" className="mt-3 space-y-3">
				<input type="hidden" name="intent" value="edit" />
				<label className="block text-sm font-medium">
					{t("community.form.title")}
					<input
						name="title"
						required
						maxLength={80}
						defaultValue={props.title}
						className="mt-1 block w-full rounded-xl border border-line px-3 py-2"
					/>
				</label>
				<label className="block text-sm font-medium">
					{t("community.form.body")}
					<textarea
						name="body"
						required
						rows={6}
						maxLength={10_000}
						defaultValue={props.body}
						className="mt-1 block w-full rounded-xl border border-line p-3"
					/>
				</label>
				<Button type="submit">{t("community.post.editSave")}</Button>
			</Form>
		</details>
	);
}
