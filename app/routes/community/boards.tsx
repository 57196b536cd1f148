import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { localeOfRequest, pageTitle } from "~/lib/i18n";
import { listBoards } from "~/modules/community/boards/boards.server";
import type { Route } from "./+types/boards";

/** 球友社区: the boards, in their order. */
export async function loader({ request }: Route.LoaderArgs) {
	return { boards: await listBoards({ locale: localeOfRequest(request) }), title: pageTitle(request, "community.title") };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function CommunityBoards({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	return (
		<div className="mx-auto max-w-4xl space-y-6 px-4 py-6">
			<header>
				<h1 className="text-2xl font-semibold sm:text-3xl">{t("community.title")}</h1>
				<p className="mt-1 text-muted">{t("community.intro")}</p>
			</header>
			<section aria-labelledby="boards-heading">
				<h2 id="boards-heading" className="sr-only">
					{t("community.boards")}
				</h2>
				<ul className="grid grid-cols-2 gap-3 sm:grid-cols-3">
					{loaderData.boards.map((board) => (
						<li key={board.id}>
							<Link
								to={`/community/b/${board.slug}`}
								className="block rounded-3xl bg-white p-5 text-lg font-medium shadow-(--shadow-card) hover:bg-cloth-50"
							>
								{board.name}
							</Link>
						</li>
					))}
				</ul>
			</section>
		</div>
	);
}
