import { useTranslation } from "react-i18next";
import { pageTitle } from "~/lib/i18n";
import { requirePermission } from "~/modules/accounts/guards.server";
import { QueueFilter, QueueList } from "~/modules/coaches/review/components/queue-list";
import { listReviewQueue } from "~/modules/coaches/review/list-review-queue.server";
import { queueFilterSchema } from "~/modules/coaches/review/schema";
import { ButtonLink } from "~/ui/button";
import { EmptyState } from "~/ui/empty-state";
import type { Route } from "./+types/coach-reviews";

/** What waits for a reviewer, oldest first: new applications and changes of approved coaches. */
export async function loader({ request }: Route.LoaderArgs) {
	await requirePermission(request, "access:admin");
	const parsed = queueFilterSchema.safeParse({ kind: new URL(request.url).searchParams.get("kind") ?? undefined });
	// An unknown filter (a hand-edited link) shows everything rather than an error.
	const kind = parsed.success ? (parsed.data.kind ?? null) : null;
	return {
		title: pageTitle(request, "coaching.review.title"),
		kind,
		entries: await listReviewQueue(kind ? { kind } : {}),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function AdminCoachReviews({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const { kind, entries } = loaderData;
	return (
		<div className="space-y-5">
			<div>
				<h1 className="text-2xl font-semibold sm:text-3xl">{t("coaching.review.title")}</h1>
				<p className="mt-1 text-muted">{t("coaching.review.queueIntro")}</p>
			</div>
			<div className="flex flex-wrap items-center justify-between gap-3">
				<QueueFilter kind={kind} />
				{entries.length > 0 ? (
					<p className="text-sm text-muted" aria-live="polite">
						{t("coaching.review.count", { count: entries.length })}
					</p>
				) : null}
			</div>
			{entries.length > 0 ? (
				<QueueList entries={entries} />
			) : (
				<EmptyState
					icon="✓"
					title={t("coaching.review.emptyTitle")}
					body={t("coaching.review.emptyBody")}
					action={
						kind ? (
							<ButtonLink to="/admin/coach-reviews" variant="secondary">
								{t("coaching.review.filters.all")}
							</ButtonLink>
						) : null
					}
				/>
			)}
		</div>
	);
}
