import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { localeOfRequest, pageTitle } from "~/lib/i18n";
import { requireUser } from "~/modules/accounts/guards.server";
import { FeedPostCard } from "~/modules/community/feed/components/feed-post-card";
import { readFeed } from "~/modules/community/feed/feed.server";
import { ButtonLink } from "~/ui/button";
import { EmptyState } from "~/ui/empty-state";
import type { Route } from "./+types/feed";

/** 动态: posts of the people the player follows, newest first, and followed coaches free this week. */
export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const cursor = new URL(request.url).searchParams.get("cursor") ?? undefined;
	return {
		title: pageTitle(request, "social.feed.title"),
		feed: await readFeed({ userId: session.user.id, cursor, locale: localeOfRequest(request) }),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function Feed({ loaderData }: Route.ComponentProps) {
	const { t, i18n } = useTranslation();
	const { feed } = loaderData;
	const empty = feed.items.length === 0 && feed.coachesFreeSoon.length === 0;
	const day = (date: string) =>
		new Date(`${date}T12:00:00+08:00`).toLocaleDateString(i18n.language, {
			timeZone: "Asia/Shanghai",
			month: "short",
			day: "numeric",
			weekday: "short",
		});
	const clock = (at: string) =>
		new Date(at).toLocaleTimeString(i18n.language, { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit" });
	return (
		<div className="mx-auto max-w-2xl space-y-6 px-4 py-6 sm:py-10">
			<header className="space-y-1">
				<h1 className="text-2xl font-semibold">{t("social.feed.title")}</h1>
				<p className="text-muted">{t("social.feed.intro")}</p>
			</header>
			{empty ? <EmptyState icon="📰" title={t("social.feed.empty")} body={t("social.feed.emptyBody")} /> : null}
			{feed.coachesFreeSoon.length > 0 ? (
				<section className="space-y-3">
					<h2 className="text-lg font-semibold">{t("social.feed.coachesFree")}</h2>
					<ul className="space-y-2">
						{feed.coachesFreeSoon.map((coach) => (
							<li
								key={coach.coachId}
								className="flex flex-wrap items-center justify-between gap-3 rounded-2xl bg-white p-4 shadow-(--shadow-card)"
							>
								<div>
									<Link to={`/coaches/${coach.coachId}`} className="font-medium hover:underline">
										{coach.displayName}
									</Link>
									<ul className="mt-1 text-sm text-muted">
										{coach.days.map((free) => (
											<li key={free.date}>
												{t("social.feed.freeOn", { date: day(free.date), time: clock(free.firstFreeAt) })}
												{free.eveningFree ? ` · ${t("social.feed.evening")}` : ""}
											</li>
										))}
									</ul>
								</div>
								<ButtonLink to={`/coaches/${coach.coachId}/book`} size="sm">
									{t("social.feed.book")}
								</ButtonLink>
							</li>
						))}
					</ul>
				</section>
			) : null}
			{feed.items.length > 0 ? (
				<section className="space-y-3">
					{feed.items.map((post) => (
						<FeedPostCard key={post.id} post={post} />
					))}
				</section>
			) : null}
			{feed.nextCursor ? (
				<Link to={`?cursor=${feed.nextCursor}`} className="block text-center text-sm text-cloth-700 hover:underline">
					{t("social.feed.more")}
				</Link>
			) : null}
		</div>
	);
}
