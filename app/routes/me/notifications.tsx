import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { pageTitle } from "~/lib/i18n";
import { requireUser } from "~/modules/accounts/guards.server";
import { listNotifications, markRead } from "~/modules/accounts/notifications.server";
import { Button } from "~/ui/button";
import { cn } from "~/ui/cn";
import { EmptyState } from "~/ui/empty-state";
import type { Route } from "./+types/notifications";

export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	return { notifications: await listNotifications(session.user.id), title: pageTitle(request, "accounts.notifications.title") };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request }: Route.ActionArgs) {
	const session = await requireUser(request);
	await markRead(session.user.id);
	return { ok: true };
}

export default function Notifications({ loaderData }: Route.ComponentProps) {
	const { t, i18n } = useTranslation();
	const { notifications } = loaderData;
	const unread = notifications.filter((item) => !item.read).length;
	return (
		<div className="mx-auto max-w-2xl px-4 py-6 sm:py-10">
			<div className="flex items-center justify-between gap-4">
				<div>
					<h1 className="text-2xl font-semibold">{t("accounts.notifications.title")}</h1>
					{unread > 0 ? <p className="text-sm text-muted">{t("accounts.notifications.unread", { count: unread })}</p> : null}
				</div>
				{unread > 0 ? (
					<Form method="post">
						<Button type="submit" variant="secondary" size="sm">
							{t("accounts.notifications.markAllRead")}
						</Button>
					</Form>
				) : null}
			</div>
			{notifications.length === 0 ? (
				<div className="mt-6">
					<EmptyState icon="🔔" title={t("accounts.notifications.empty")} body={t("accounts.notifications.emptyBody")} />
				</div>
			) : (
				<ul className="mt-6 space-y-3">
					{notifications.map((item) => {
						const text = t(`accounts.notifications.kinds.${item.kind}`, item.params);
						const time = new Date(item.createdAt).toLocaleString(i18n.language, { timeZone: "Asia/Shanghai" });
						return (
							<li
								key={item.id}
								className={cn("rounded-2xl bg-white p-4 shadow-(--shadow-card)", !item.read && "ring-2 ring-cloth-200")}
							>
								<div className="flex items-start gap-3">
									<span
										aria-hidden
										className={cn("mt-2 size-2 shrink-0 rounded-full", item.read ? "bg-transparent" : "bg-cloth-500")}
									/>
									<div className="min-w-0 flex-1">
										{item.link ? (
											<Link to={item.link} className="hover:underline">
												{text}
											</Link>
										) : (
											<p>{text}</p>
										)}
										<p className="mt-1 text-xs text-muted">{time}</p>
									</div>
								</div>
							</li>
						);
					})}
				</ul>
			)}
		</div>
	);
}
