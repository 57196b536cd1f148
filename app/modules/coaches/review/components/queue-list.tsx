import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatShanghai } from "~/modules/accounts/admin/format";
import { cn } from "~/ui/cn";
import { disciplineNames } from "../../catalog";
import type { QueueKind, ReviewQueueEntry } from "../list-review-queue.server";

const filters = [
	{ kind: null, labelKey: "coaching.review.filters.all" },
	{ kind: "application", labelKey: "coaching.review.filters.application" },
	{ kind: "changes", labelKey: "coaching.review.filters.changes" },
] as const;

/** All / new applications / profile changes, as plain links (a GET filter, no JavaScript needed). */
export function QueueFilter({ kind }: { kind: QueueKind | null }) {
	const { t } = useTranslation();
	return (
		<nav aria-label={t("coaching.review.filterLabel")}>
			<ul className="inline-flex gap-1 rounded-full bg-white p-1 shadow-(--shadow-card)">
				{filters.map((filter) => {
					const current = filter.kind === kind;
					return (
						<li key={filter.kind ?? "all"}>
							<Link
								to={filter.kind ? `?kind=${filter.kind}` : "."}
								aria-current={current ? "page" : undefined}
								className={cn(
									"inline-flex h-9 items-center rounded-full px-4 text-sm transition-colors",
									current ? "bg-cloth-700 font-medium text-white" : "text-muted hover:bg-cloth-50 hover:text-ink",
								)}
							>
								{t(filter.labelKey)}
							</Link>
						</li>
					);
				})}
			</ul>
		</nav>
	);
}

const kindTones: Record<QueueKind, string> = {
	application: "bg-wood-100 text-wood-700 ring-wood-300",
	changes: "bg-cloth-50 text-cloth-800 ring-cloth-200",
};

export function QueueKindChip({ kind }: { kind: QueueKind }) {
	const { t } = useTranslation();
	return (
		<span
			className={cn(
				"inline-flex shrink-0 items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset",
				kindTones[kind],
			)}
		>
			{t(`coaching.review.kinds.${kind}`)}
		</span>
	);
}

/** The queue, oldest first: who, what kind, what waits (name, photos, certificates) and since when. */
export function QueueList({ entries }: { entries: ReviewQueueEntry[] }) {
	const { t, i18n } = useTranslation();
	const locale = i18n.language === "en" ? "en" : "zh-CN";
	return (
		<ul className="overflow-hidden rounded-3xl bg-white shadow-(--shadow-card)">
			{entries.map((entry) => (
				<li key={entry.coachId} className="border-b border-line last:border-b-0">
					<Link
						to={`/admin/coach-reviews/${entry.coachId}`}
						className="flex items-start gap-3 px-4 py-3.5 hover:bg-paper sm:items-center sm:gap-4 sm:px-5"
					>
						<span className="size-14 shrink-0 overflow-hidden rounded-2xl bg-cloth-100">
							{entry.coverThumbUrl ? (
								<img src={entry.coverThumbUrl} alt="" loading="lazy" width={56} height={56} className="size-full object-cover" />
							) : (
								<span aria-hidden className="flex size-full items-center justify-center text-xl font-semibold text-cloth-800">
									{(entry.displayName || "?").slice(0, 1)}
								</span>
							)}
						</span>
						<span className="min-w-0 flex-1 space-y-1 sm:grid sm:grid-cols-[minmax(0,1fr)_auto] sm:items-center sm:gap-x-4 sm:space-y-0">
							<span className="block min-w-0 space-y-1">
								<span className="flex min-w-0 flex-wrap items-center gap-2">
									<span className="truncate font-medium">{entry.displayName}</span>
									<QueueKindChip kind={entry.kind} />
								</span>
								{entry.disciplines.length > 0 ? (
									<span className="block truncate text-sm text-muted">
										{entry.disciplines.map((code) => disciplineNames[code][locale]).join(" / ")}
									</span>
								) : null}
								<PendingParts entry={entry} />
							</span>
							<span className="block text-xs text-muted sm:text-right sm:text-sm">
								<time dateTime={entry.waitingSince} className="tabular-nums">
									{t("coaching.review.waiting", { time: formatShanghai(entry.waitingSince) })}
								</time>
							</span>
						</span>
						<span aria-hidden className="self-center text-muted">
							›
						</span>
					</Link>
				</li>
			))}
		</ul>
	);
}

function PendingParts({ entry }: { entry: ReviewQueueEntry }) {
	const { t } = useTranslation();
	const parts = [
		entry.pendingDisplayName ? t("coaching.review.pendingNameValue", { name: entry.pendingDisplayName }) : null,
		entry.pendingPhotos > 0 ? t("coaching.review.pendingPhotos", { count: entry.pendingPhotos }) : null,
		entry.pendingCertificates > 0 ? t("coaching.review.pendingCertificates", { count: entry.pendingCertificates }) : null,
		entry.pendingVideo ? t("coaching.review.pendingVideo") : null,
	].filter((part): part is string => Boolean(part));
	if (parts.length === 0) return null;
	return (
		<span className="flex flex-wrap gap-1.5">
			{parts.map((part) => (
				<span key={part} className="rounded-full bg-paper px-2 py-0.5 text-xs text-ink ring-1 ring-inset ring-line">
					{part}
				</span>
			))}
		</span>
	);
}
