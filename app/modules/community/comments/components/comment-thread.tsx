import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { Button } from "~/ui/button";

interface ThreadComment {
	id: string;
	bodyHtml: string;
	author: { displayName: string; isCoach: boolean; id: string };
	status: string;
	likeCount: number;
	liked: boolean;
	accepted: boolean;
	coachVerified: boolean;
	replies: ThreadComment[];
}

/** A post's comments (a question's answers) with one level of replies and the moves each reader may make. */
export function CommentThread(props: {
	comments: ThreadComment[];
	viewerId: string | null;
	canAccept: boolean;
	canVerify: boolean;
	canReply: boolean;
	nested?: boolean;
}) {
	const { t } = useTranslation();
	return (
		<ul className={props.nested ? "mt-2 space-y-2 border-l-2 border-line pl-3" : "space-y-3"}>
			{props.comments.map((comment) => (
				<li
					key={comment.id}
					id={`comment-${comment.id}`}
					className="rounded-2xl bg-white p-4 shadow-(--shadow-card)"
					data-testid="comment"
				>
					<p className="flex flex-wrap items-center gap-2 text-sm text-muted">
						<span className="font-medium text-ink">{comment.author.displayName}</span>
						{comment.author.isCoach ? (
							<span className="rounded bg-cloth-100 px-1.5 text-cloth-800">{t("community.coachBadge")}</span>
						) : null}
						{comment.accepted ? <span className="rounded bg-cloth-700 px-1.5 text-white">{t("community.accepted")}</span> : null}
						{comment.coachVerified ? (
							<span className="rounded bg-wood-100 px-1.5 text-wood-800">{t("community.coachVerified")}</span>
						) : null}
						{comment.status !== "published" ? <span>{t(`community.status.${comment.status}`)}</span> : null}
					</p>
					{/* Rendered with raw HTML off: safe to insert. */}
					<div className="prose mt-1 max-w-none" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
					{props.viewerId && comment.status === "published" ? (
						<div className="mt-2 flex flex-wrap gap-2">
							{comment.author.id !== props.viewerId ? (
								<Form method="post">
									<input type="hidden" name="intent" value="like-comment" />
									<input type="hidden" name="commentId" value={comment.id} />
									<input type="hidden" name="liked" value={String(comment.liked)} />
									<Button type="submit" size="sm" variant="secondary" aria-pressed={comment.liked}>
										{comment.liked ? t("community.post.unlike") : t("community.post.like")} · {comment.likeCount}
									</Button>
								</Form>
							) : null}
							{!props.nested && props.canAccept && !comment.accepted ? (
								<Form method="post">
									<input type="hidden" name="intent" value="accept" />
									<input type="hidden" name="commentId" value={comment.id} />
									<Button type="submit" size="sm">
										{t("community.post.accept")}
									</Button>
								</Form>
							) : null}
							{!props.nested && props.canVerify && !comment.coachVerified && comment.author.id !== props.viewerId ? (
								<Form method="post">
									<input type="hidden" name="intent" value="verify" />
									<input type="hidden" name="commentId" value={comment.id} />
									<Button type="submit" size="sm" variant="secondary">
										{t("community.post.verify")}
									</Button>
								</Form>
							) : null}
						</div>
					) : null}
					{comment.replies.length > 0 ? <CommentThread {...props} comments={comment.replies} nested /> : null}
					{!props.nested && props.canReply ? (
						<Form method="post" className="mt-2 flex gap-2">
							<input type="hidden" name="intent" value="comment" />
							<input type="hidden" name="parentId" value={comment.id} />
							<input
								name="body"
								required
								maxLength={2000}
								aria-label={`${t("community.post.reply")} ${comment.author.displayName}`}
								className="min-w-0 flex-1 rounded-xl border border-line px-3 py-1 text-sm"
							/>
							<Button type="submit" size="sm" variant="secondary">
								{t("community.post.reply")}
							</Button>
						</Form>
					) : null}
				</li>
			))}
		</ul>
	);
}
