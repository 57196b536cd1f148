import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { formErrorsOf } from "~/lib/form.server";
import { pageTitle } from "~/lib/i18n";
import { redirectWithToast } from "~/lib/toast.server";
import { requirePermission } from "~/modules/accounts/guards.server";
import { communityQueue, decideContent } from "~/modules/community/moderation/decide.server";
import { contentDecisionSchema } from "~/modules/community/posts/schema";
import { Button } from "~/ui/button";
import { EmptyState } from "~/ui/empty-state";
import { FormAlert } from "~/ui/form-alert";
import type { Route } from "./+types/community";

/** The community's part of the moderation queue: held posts and comments, those flags hid, and flagged ones. */
export async function loader({ request }: Route.LoaderArgs) {
	await requirePermission(request, "moderate:content:any");
	return { items: await communityQueue(), title: pageTitle(request, "community.admin.title") };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request }: Route.ActionArgs) {
	const session = await requirePermission(request, "moderate:content:any");
	const form = Object.fromEntries(await request.formData()) as Record<string, string>;
	const decision = contentDecisionSchema.safeParse(form);
	if (!decision.success) {
		return data({ errors: { formError: decision.error.issues[0]?.message ?? "errors.badRequest" } }, { status: 400 });
	}
	try {
		await decideContent({
			staffId: session.user.id,
			kind: form.kind === "comment" ? "comment" : "post",
			id: form.id ?? "",
			decision: decision.data,
		});
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		return data({ errors }, init);
	}
	return redirectWithToast("/admin/community", { kind: "success", messageKey: "community.admin.decided" });
}

const actionsFor = (status: string): Array<"publish" | "hide" | "restore" | "delete" | "dismiss"> =>
	status === "held"
		? ["publish", "hide", "delete"]
		: status === "hidden"
			? ["restore", "dismiss", "delete"]
			: ["hide", "dismiss", "delete"];

export default function AdminCommunity({ loaderData, actionData }: Route.ComponentProps) {
	const { t } = useTranslation();
	return (
		<div className="space-y-6">
			<h1 className="text-2xl font-semibold sm:text-3xl">{t("community.admin.title")}</h1>
			<FormAlert messageKey={actionData?.errors.formError} />
			{loaderData.items.length === 0 ? (
				<EmptyState icon="✓" title={t("community.admin.empty")} />
			) : (
				<ul className="space-y-4">
					{loaderData.items.map((item) => (
						<li
							key={`${item.kind}-${item.id}`}
							className="space-y-2 rounded-3xl bg-white p-5 shadow-(--shadow-card)"
							data-testid="queue-item"
						>
							<p className="text-sm text-muted">
								{item.kind === "post" ? t("community.kinds.post") : t("community.post.comment")} · {item.author.displayName} ·{" "}
								{t(`community.status.${item.status}`)}
								{item.hiddenByFlags ? ` · ${t("community.admin.hiddenByFlags")}` : ""}
							</p>
							{item.title ? (
								<Link to={`/community/p/${item.postId}`} className="text-lg font-medium underline">
									{item.title}
								</Link>
							) : null}
							<p className="whitespace-pre-wrap">{item.body.slice(0, 500)}</p>
							{item.matchedWords.length > 0 ? (
								<p className="text-sm text-wood-800">{t("moderation.queue.hits", { words: item.matchedWords.join("、") })}</p>
							) : null}
							{item.reports ? (
								<p className="text-sm text-wood-800">
									{t("moderation.queue.reports", {
										count: item.reports.count,
										reasons: Object.keys(item.reports.reasons)
											.map((reason) => t(`moderation.reasons.${reason}`))
											.join("、"),
									})}
								</p>
							) : null}
							<Form method="post" className="flex flex-wrap items-end gap-2">
								<input type="hidden" name="kind" value={item.kind} />
								<input type="hidden" name="id" value={item.id} />
								<label className="min-w-0 flex-1 basis-60 text-sm">
									{t("community.admin.reason")}
									<input
										name="reason"
										required
										minLength={2}
										maxLength={500}
										className="mt-1 block w-full rounded-xl border border-line px-3 py-1.5"
									/>
								</label>
								{actionsFor(item.status).map((move) => (
									<Button
										key={move}
										type="submit"
										name="action"
										value={move}
										size="sm"
										variant={move === "publish" || move === "restore" ? "primary" : "secondary"}
									>
										{t(`community.admin.actions.${move}`)}
									</Button>
								))}
							</Form>
						</li>
					))}
				</ul>
			)}
		</div>
	);
}
