import { useTranslation } from "react-i18next";
import { cn } from "~/ui/cn";

const coachTones = {
	draft: "bg-paper text-muted ring-line",
	pending_review: "bg-wood-100 text-wood-700 ring-wood-300",
	approved: "bg-cloth-50 text-cloth-800 ring-cloth-200",
	rejected: "bg-red-50 text-danger ring-red-200",
	suspended: "bg-red-50 text-danger ring-red-200",
} as const;

const itemTones = {
	pending: "bg-wood-100 text-wood-700 ring-wood-300",
	approved: "bg-cloth-50 text-cloth-800 ring-cloth-200",
	rejected: "bg-red-50 text-danger ring-red-200",
} as const;

const chip = "inline-flex shrink-0 items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset";

/** Where a coach's application stands. */
export function CoachStatusChip({ status }: { status: keyof typeof coachTones }) {
	const { t } = useTranslation();
	return <span className={cn(chip, coachTones[status])}>{t(`coaching.status.${status}`)}</span>;
}

/**
 * What an application's status means for its owner (the day it was sent, for one in review) and,
 * when it was sent back, the reviewer's reason. Used by the apply page and the coach's desk.
 */
export function ApplicationStatusMessage({
	status,
	submittedAt,
	reviewNote,
	className,
}: {
	status: keyof typeof coachTones;
	submittedAt: string | null;
	reviewNote: string | null;
	className?: string;
}) {
	const { t, i18n } = useTranslation();
	const submittedOn = submittedAt
		? new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeZone: "Asia/Shanghai" }).format(new Date(submittedAt))
		: "";
	const message = {
		draft: t("coaching.apply.statusDraft"),
		pending_review: t("coaching.apply.statusPending", { date: submittedOn }),
		rejected: t("coaching.apply.statusRejected"),
		approved: t("coaching.apply.statusApproved"),
		suspended: t("coaching.apply.statusSuspended"),
	}[status];
	return (
		<div className={className}>
			<p className="text-[15px]">{message}</p>
			{status === "rejected" && reviewNote ? (
				<p className="mt-3 rounded-2xl bg-red-50 px-4 py-3 text-sm text-danger ring-1 ring-red-200">
					{t("coaching.apply.statusRejectedReason", { reason: reviewNote })}
				</p>
			) : null}
		</div>
	);
}

/** Where one photo, certificate or name change stands in review. */
export function ItemStatusChip({ status, className }: { status: keyof typeof itemTones; className?: string }) {
	const { t } = useTranslation();
	return <span className={cn(chip, itemTones[status], className)}>{t(`coaching.itemStatus.${status}`)}</span>;
}

/** The verification badges, only for what a reviewer verified. */
export function VerifiedBadges({ badges }: { badges: { realName: boolean; certificate: boolean } }) {
	const { t } = useTranslation();
	const shown = (["realName", "certificate"] as const).filter((badge) => badges[badge]);
	if (shown.length === 0) return null;
	return (
		<ul className="flex flex-wrap gap-1.5">
			{shown.map((badge) => (
				<li key={badge} className="inline-flex items-center gap-1 rounded-full bg-cloth-50 px-2.5 py-0.5 text-xs text-cloth-800">
					<span aria-hidden>✓</span>
					{t(`coaching.badges.${badge}`)}
				</li>
			))}
		</ul>
	);
}
