import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { type FormErrors, formErrorsOf } from "~/lib/form.server";
import { localeOfRequest, pageTitle } from "~/lib/i18n";
import { orPageError } from "~/lib/page-errors.server";
import { redirectWithToast } from "~/lib/toast.server";
import { fieldErrorKeys } from "~/lib/validation";
import { getUserSession, requireUser } from "~/modules/accounts/guards.server";
import { boardBySlug } from "~/modules/community/boards/boards.server";
import { boardPage } from "~/modules/community/posts/board-page.server";
import { createPost } from "~/modules/community/posts/create-post.server";
import { boardPageQuerySchema, postInputSchema } from "~/modules/community/posts/schema";
import { Button } from "~/ui/button";
import { EmptyState } from "~/ui/empty-state";
import { Field } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import type { Route } from "./+types/board";

/** A board: its posts by latest activity, newest or the week's most liked (keyset pages), and the form to post or ask. */
export async function loader({ request, params }: Route.LoaderArgs) {
	const board = await orPageError(boardBySlug(params.slug, localeOfRequest(request)));
	const url = new URL(request.url);
	const query = boardPageQuerySchema.safeParse(Object.fromEntries(url.searchParams));
	if (!query.success) throw redirect(`/community/b/${board.slug}`);
	const [page, session] = await Promise.all([boardPage({ boardId: board.id, ...query.data }), getUserSession(request)]);
	return {
		board,
		sort: query.data.sort,
		page,
		signedIn: !!session,
		title: `${board.name} · ${pageTitle(request, "community.title")}`,
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

type Outcome = { errors: FormErrors; title?: string; body?: string };

export async function action({ request, params }: Route.ActionArgs) {
	const session = await requireUser(request);
	const board = await orPageError(boardBySlug(params.slug, localeOfRequest(request)));
	const submitted = Object.fromEntries(await request.formData()) as Record<string, string>;
	const parsed = postInputSchema.safeParse({ ...submitted, boardId: board.id });
	if (!parsed.success) return data<Outcome>({ errors: { fields: fieldErrorKeys(parsed.error) }, ...submitted }, { status: 400 });
	try {
		const written = await createPost({ authorId: session.user.id, post: parsed.data });
		return redirectWithToast(`/community/p/${written.id}`, {
			kind: "success",
			messageKey: written.status === "held" ? "community.form.heldNotice" : "community.form.published",
		});
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		return data<Outcome>({ errors, ...submitted }, init);
	}
}

export default function CommunityBoard({ loaderData, actionData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const { board, page, sort } = loaderData;
	const fieldError = (name: string) => {
		const key = actionData?.errors.fields?.[name];
		return key ? t(key) : null;
	};
	return (
		<div className="mx-auto max-w-4xl space-y-5 px-4 py-6">
			<nav className="text-sm text-muted">
				<Link to="/community" className="underline">
					{t("community.title")}
				</Link>
			</nav>
			<h1 className="text-2xl font-semibold sm:text-3xl">{board.name}</h1>
			<nav className="flex gap-2" aria-label={t("community.boards")}>
				{(["active", "newest", "week"] as const).map((option) => (
					<Link
						key={option}
						to={`?sort=${option}`}
						aria-current={option === sort ? "page" : undefined}
						className={`rounded-full px-3 py-1 text-sm ${option === sort ? "bg-cloth-700 text-white" : "bg-white shadow-(--shadow-card)"}`}
					>
						{t(`community.sorts.${option}`)}
					</Link>
				))}
			</nav>
			{page.items.length === 0 ? (
				<EmptyState icon="🎱" title={t("community.empty")} />
			) : (
				<ul className="divide-y divide-line rounded-3xl bg-white shadow-(--shadow-card)">
					{page.items.map((item) => (
						<li key={item.id} className="p-4" data-testid="post-summary">
							<Link to={`/community/p/${item.id}`} className="text-lg font-medium hover:underline">
								{item.kind === "question" ? `【${t("community.kinds.question")}】` : ""}
								{item.title}
							</Link>
							{item.answered ? <span className="ml-2 text-sm text-cloth-700">{t("community.answered")}</span> : null}
							<p className="mt-1 line-clamp-2 text-sm text-muted">{item.excerpt}</p>
							<p className="mt-1 text-xs text-muted">
								{item.author.displayName} · {t("community.likes", { count: item.likeCount })} ·{" "}
								{t("community.comments", { count: item.commentCount })}
							</p>
						</li>
					))}
				</ul>
			)}
			{page.nextCursor ? (
				<Link className="underline" to={`?sort=${sort}&cursor=${page.nextCursor}`}>
					{t("community.more")}
				</Link>
			) : null}
			{loaderData.signedIn ? (
				<Form method="post" className="space-y-3 rounded-3xl bg-white p-5 shadow-(--shadow-card)">
					<h2 className="text-lg font-semibold">{t("community.newPost")}</h2>
					<FormAlert messageKey={actionData?.errors.formError} params={actionData?.errors.params} />
					<fieldset className="flex gap-4">
						<legend className="sr-only">{t("community.form.kind")}</legend>
						<label className="flex items-center gap-1">
							<input type="radio" name="kind" value="post" defaultChecked={board.slug !== "questions"} />
							{t("community.kinds.post")}
						</label>
						<label className="flex items-center gap-1">
							<input type="radio" name="kind" value="question" defaultChecked={board.slug === "questions"} />
							{t("community.kinds.question")}
						</label>
					</fieldset>
					<Field
						label={t("community.form.title")}
						name="title"
						maxLength={80}
						defaultValue={actionData?.title}
						error={fieldError("title")}
					/>
					<Field label={t("community.form.body")} error={fieldError("body")}>
						{(wiring) => (
							<textarea
								{...wiring}
								name="body"
								rows={5}
								defaultValue={actionData?.body}
								className="w-full rounded-xl border border-line p-3"
							/>
						)}
					</Field>
					<Button type="submit">{t("community.form.submit")}</Button>
				</Form>
			) : (
				<p className="text-sm text-muted">
					<Link to="/login" className="underline">
						{t("community.post.signInToComment")}
					</Link>
				</p>
			)}
		</div>
	);
}
