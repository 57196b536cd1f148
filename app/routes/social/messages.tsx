import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { pageTitle } from "~/lib/i18n";
import { useLiveRevalidation } from "~/lib/use-live-revalidation";
import { requireUser } from "~/modules/accounts/guards.server";
import { listConversations, unreadMessageCount } from "~/modules/community/messages/conversations.server";
import { cn } from "~/ui/cn";
import { EmptyState } from "~/ui/empty-state";
import type { Route } from "./+types/messages";

/** The inbox: the player's conversations, the latest first, with unread counts that update live. */
export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const [conversations, unread] = await Promise.all([listConversations(session.user.id), unreadMessageCount(session.user.id)]);
	return { title: pageTitle(request, "social.messages.title"), conversations, unread };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function Messages({ loaderData }: Route.ComponentProps) {
	const { t, i18n } = useTranslation();
	useLiveRevalidation("/messages/live", "social_messages");
	const { conversations, unread } = loaderData;
	return (
		<div className="mx-auto max-w-2xl space-y-6 px-4 py-6 sm:py-10">
			<div>
				<h1 className="text-2xl font-semibold">{t("social.messages.title")}</h1>
				{unread > 0 ? <p className="text-sm text-muted">{t("social.messages.unread", { count: unread })}</p> : null}
			</div>
			{conversations.length === 0 ? (
				<EmptyState icon="💬" title={t("social.messages.empty")} body={t("social.messages.emptyBody")} />
			) : (
				<ul className="space-y-2">
					{conversations.map((conversation) => (
						<li key={conversation.id}>
							<Link
								to={`/messages/${conversation.id}`}
								className={cn(
									"flex items-center gap-3 rounded-2xl bg-white p-4 shadow-(--shadow-card) hover:bg-cloth-50",
									conversation.unread > 0 && "ring-2 ring-cloth-200",
								)}
							>
								<span
									aria-hidden
									className="flex size-10 shrink-0 items-center justify-center rounded-full bg-cloth-100 font-semibold text-cloth-800"
								>
									{conversation.with.displayName.slice(0, 1)}
								</span>
								<span className="min-w-0 flex-1">
									<span className="flex items-center justify-between gap-2">
										<span className="font-medium">{conversation.with.displayName}</span>
										<span className="text-xs text-muted">
											{new Date(conversation.lastMessageAt).toLocaleString(i18n.language, {
												timeZone: "Asia/Shanghai",
												dateStyle: "short",
												timeStyle: "short",
											})}
										</span>
									</span>
									<span className="block truncate text-sm text-muted">
										{conversation.lastMessage
											? `${conversation.lastMessage.mine ? `${t("social.messages.mine")}：` : ""}${conversation.lastMessage.body}`
											: t("social.messages.noMessages")}
									</span>
								</span>
								{conversation.unread > 0 ? (
									<span className="rounded-full bg-cloth-600 px-2 py-0.5 text-xs font-semibold text-white">
										<span className="sr-only">{t("social.messages.unread", { count: conversation.unread })}</span>
										<span aria-hidden>{conversation.unread}</span>
									</span>
								) : null}
							</Link>
						</li>
					))}
				</ul>
			)}
		</div>
	);
}
