import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { isAppError } from "~/lib/errors";
import { localeOfRequest } from "~/lib/i18n";
import { redirectWithToast } from "~/lib/toast.server";
import { getUserSession, requireUser } from "~/modules/accounts/guards.server";
import { FeedPostCard } from "~/modules/community/feed/components/feed-post-card";
import { follow, unfollow } from "~/modules/community/follows/follows.server";
import { LevelBadge } from "~/modules/community/partners/components/level-badge";
import { readPublicProfile } from "~/modules/community/profiles/public-profile.server";
import { Button, ButtonLink } from "~/ui/button";
import type { Route } from "./+types/profile";

/** A person's public page: name, coach badge, follows, the level they show, their posts; follow or unfollow. */
export async function loader({ request, params }: Route.LoaderArgs) {
	const session = await getUserSession(request);
	const cursor = new URL(request.url).searchParams.get("cursor") ?? undefined;
	const profile = await readPublicProfile({
		userId: params.userId,
		viewerId: session?.user.id,
		cursor,
		locale: localeOfRequest(request),
	}).catch((error: unknown) => {
		if (isAppError(error) && error.status === 404) throw data(null, { status: 404 });
		throw error;
	});
	return { profile, signedIn: Boolean(session), title: `${profile.user.displayName} · 球伴` };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params }: Route.ActionArgs) {
	const session = await requireUser(request);
	const form = await request.formData();
	const back = `/u/${params.userId}`;
	try {
		if (form.get("intent") === "unfollow") await unfollow({ followerId: session.user.id, followeeId: params.userId });
		else await follow({ followerId: session.user.id, followeeId: params.userId });
	} catch (error) {
		if (!isAppError(error)) throw error;
		return redirectWithToast(back, { kind: "error", messageKey: error.messageKey });
	}
	return redirectWithToast(back, {
		kind: "success",
		messageKey: form.get("intent") === "unfollow" ? "social.follows.unfollow" : "social.follows.follow",
	});
}

export default function Profile({ loaderData }: Route.ComponentProps) {
	const { t, i18n } = useTranslation();
	const { profile } = loaderData;
	const { user, counts, level, posts } = profile;
	return (
		<div className="mx-auto max-w-2xl space-y-6 px-4 py-6 sm:py-10">
			<header className="flex flex-wrap items-start gap-4 rounded-2xl bg-white p-5 shadow-(--shadow-card)">
				<span
					aria-hidden
					className="flex size-16 shrink-0 items-center justify-center rounded-full bg-cloth-100 text-2xl font-semibold text-cloth-800"
				>
					{user.displayName.slice(0, 1)}
				</span>
				<div className="min-w-0 flex-1 space-y-1.5">
					<h1 className="text-2xl font-semibold">
						{user.displayName}
						{user.isCoach ? (
							<span className="ml-2 rounded-full bg-cloth-600 px-2 py-0.5 align-middle text-xs text-white">
								{t("social.profile.coach")}
							</span>
						) : null}
					</h1>
					<p className="text-sm text-muted">
						{t("social.profile.joined", {
							date: new Date(user.joinedAt).toLocaleDateString(i18n.language, { timeZone: "Asia/Shanghai" }),
						})}
					</p>
					<p className="flex gap-4 text-sm">
						<Link to={`/u/${user.id}/followers`} className="hover:underline">
							<strong>{counts.followers}</strong> {t("social.follows.followers")}
						</Link>
						<Link to={`/u/${user.id}/following`} className="hover:underline">
							<strong>{counts.following}</strong> {t("social.follows.following")}
						</Link>
					</p>
					{level ? (
						<div className="space-y-1">
							<p className="text-sm text-muted">
								{t("social.profile.level", { discipline: t(`learning.disciplines.${level.discipline}`) })}
							</p>
							<LevelBadge level={level} />
						</div>
					) : null}
					{profile.openToSparring ? <p className="text-sm text-cloth-700">🎱 {t("social.profile.openToSparring")}</p> : null}
				</div>
				{profile.mine ? (
					<ButtonLink to="/partners" variant="secondary" size="sm">
						{t("social.profile.editCard")}
					</ButtonLink>
				) : loaderData.signedIn ? (
					<Form method="post">
						<input type="hidden" name="intent" value={profile.following ? "unfollow" : "follow"} />
						<Button type="submit" size="sm" variant={profile.following ? "secondary" : "primary"}>
							{t(profile.following ? "social.follows.unfollow" : "social.follows.follow")}
						</Button>
					</Form>
				) : (
					<ButtonLink to={`/login?redirectTo=${encodeURIComponent(`/u/${user.id}`)}`} size="sm">
						{t("social.follows.follow")}
					</ButtonLink>
				)}
			</header>
			<section className="space-y-3">
				<h2 className="text-lg font-semibold">{t("social.profile.posts")}</h2>
				{posts.items.length === 0 ? (
					<p className="text-muted">{t("social.profile.noPosts")}</p>
				) : (
					<div className="space-y-3">
						{posts.items.map((post) => (
							<FeedPostCard key={post.id} post={post} showAuthor={false} />
						))}
					</div>
				)}
				{posts.nextCursor ? (
					<Link to={`?cursor=${posts.nextCursor}`} className="block text-center text-sm text-cloth-700 hover:underline">
						{t("social.profile.morePosts")}
					</Link>
				) : null}
			</section>
		</div>
	);
}
