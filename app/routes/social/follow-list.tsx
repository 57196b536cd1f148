import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { isAppError } from "~/lib/errors";
import { localeOfRequest } from "~/lib/i18n";
import { listFollows } from "~/modules/community/follows/follows.server";
import { readPublicProfile } from "~/modules/community/profiles/public-profile.server";
import type { Route } from "./+types/follow-list";

/** /u/:userId/followers and /u/:userId/following: newest first, by keyset pages. */
export async function loader({ request, params }: Route.LoaderArgs) {
	if (params.side !== "followers" && params.side !== "following") throw data(null, { status: 404 });
	const cursor = new URL(request.url).searchParams.get("cursor") ?? undefined;
	const profile = await readPublicProfile({ userId: params.userId, locale: localeOfRequest(request) }).catch((error: unknown) => {
		if (isAppError(error) && error.status === 404) throw data(null, { status: 404 });
		throw error;
	});
	const page = await listFollows({ userId: params.userId, side: params.side, before: cursor });
	return { side: params.side, user: profile.user, page };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `${loaderData?.user.displayName ?? ""} · 球伴` }];

export default function FollowList({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const { side, user, page } = loaderData;
	return (
		<div className="mx-auto max-w-2xl space-y-4 px-4 py-6 sm:py-10">
			<Link to={`/u/${user.id}`} className="text-sm text-cloth-700 hover:underline">
				← {user.displayName}
			</Link>
			<h1 className="text-2xl font-semibold">
				{t(side === "followers" ? "social.follows.followersTitle" : "social.follows.followingTitle", { name: user.displayName })}
			</h1>
			{page.items.length === 0 ? (
				<p className="text-muted">{t("social.follows.empty")}</p>
			) : (
				<ul className="divide-y divide-line rounded-2xl bg-white shadow-(--shadow-card)">
					{page.items.map((item) => (
						<li key={item.id}>
							<Link to={`/u/${item.id}`} className="flex items-center gap-3 p-3 hover:bg-cloth-50">
								<span
									aria-hidden
									className="flex size-9 items-center justify-center rounded-full bg-cloth-100 font-semibold text-cloth-800"
								>
									{item.displayName.slice(0, 1)}
								</span>
								{item.displayName}
							</Link>
						</li>
					))}
				</ul>
			)}
			{page.nextCursor ? (
				<Link
					to={`?cursor=${encodeURIComponent(page.nextCursor)}`}
					className="block text-center text-sm text-cloth-700 hover:underline"
				>
					{t("social.follows.more")}
				</Link>
			) : null}
		</div>
	);
}
