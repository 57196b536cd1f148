import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ButtonLink } from "~/ui/button";
import { cn } from "~/ui/cn";
import { SectionCard } from "../application/components/section-card";
import { ApplicationStatusMessage } from "../application/components/status-chip";
import { WeeklySummary } from "../availability/components/weekly-summary";
import { OfferingsSummary, usePriceSummary } from "../offerings/components/offerings-summary";
import type { CoachDashboard } from "./get-dashboard.server";

/** Where an application not (or no longer) public stands, and the way back to it. */
export function ApplicationCard({ coach }: { coach: CoachDashboard }) {
	const { t } = useTranslation();
	const link =
		coach.status === "draft" || coach.status === "rejected"
			? "coaching.dashboard.continueApplication"
			: coach.status === "pending_review"
				? "coaching.dashboard.viewApplication"
				: null;
	return (
		<SectionCard id="application" title={t("coaching.dashboard.applicationTitle")}>
			<ApplicationStatusMessage status={coach.status} submittedAt={coach.submittedAt} reviewNote={coach.reviewNote} />
			{link ? (
				<ButtonLink to="/coach/apply" className="mt-4 w-full sm:w-auto">
					{t(link)}
				</ButtonLink>
			) : null}
		</SectionCard>
	);
}

/** The approved coach's name, whether bookings are open, and what search shows of the prices. */
export function CoachHero({ coach }: { coach: CoachDashboard }) {
	const { t } = useTranslation();
	const prices = usePriceSummary(coach.offerings);
	return (
		<section aria-label={coach.displayName} className="rounded-3xl bg-cloth-900 p-5 text-white sm:p-7">
			<div className="flex items-center gap-4">
				<span
					aria-hidden
					className="flex size-14 shrink-0 items-center justify-center rounded-full bg-cloth-700 text-2xl font-semibold"
				>
					{coach.displayName.slice(0, 1)}
				</span>
				<div className="min-w-0">
					<p className="truncate text-xl font-semibold">{coach.displayName}</p>
					<p className="text-sm text-cloth-100">{prices}</p>
				</div>
			</div>
			<p
				className={cn(
					"mt-4 inline-flex items-center gap-2 rounded-full px-3 py-1 text-sm",
					coach.acceptingBookings ? "bg-cloth-700 text-white" : "bg-wood-300 text-cloth-950",
				)}
			>
				<span aria-hidden className={cn("size-2 rounded-full", coach.acceptingBookings ? "bg-cloth-300" : "bg-wood-700")} />
				{t(coach.acceptingBookings ? "coaching.dashboard.accepting" : "coaching.dashboard.paused")}
			</p>
		</section>
	);
}

/** The four places a coach goes from here. */
export function Shortcuts({ coachId, toConfirm = 0 }: { coachId: string; toConfirm?: number }) {
	const { t } = useTranslation();
	const links: Array<{ to: string; icon: string; label: string; badge?: string }> = [
		{
			to: "/coach/orders",
			icon: "✓",
			label: t("booking.orders.title"),
			badge: toConfirm ? t("booking.orders.toConfirmBadge", { count: toConfirm }) : undefined,
		},
		{ to: "/coach/income", icon: "元", label: t("income.nav") },
		{ to: "/coach/reviews", icon: "★", label: t("coaches.profile.reviews") },
		{ to: "/coach/students", icon: "◎", label: t("learning.students.nav") },
		{ to: "/coach/drills", icon: "✎", label: t("learning.drillEditor.coachNav") },
		{ to: "/coach/offerings", icon: "¥", label: t("coaching.offerings.title") },
		{ to: "/coach/availability", icon: "◷", label: t("coaching.dashboard.availability") },
		{ to: "/coach/apply", icon: "✎", label: t("coaching.dashboard.editProfile") },
		{ to: `/coaches/${coachId}`, icon: "◉", label: t("coaching.dashboard.publicProfile") },
	];
	return (
		<nav aria-label={t("coaching.dashboard.shortcuts")}>
			<ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
				{links.map((link) => (
					<li key={link.to}>
						<Link
							to={link.to}
							className="flex h-full flex-col items-start gap-2 rounded-2xl bg-white p-4 shadow-(--shadow-card) transition-shadow hover:shadow-md"
						>
							<span
								aria-hidden
								className="flex size-9 items-center justify-center rounded-full bg-cloth-50 text-lg text-cloth-700"
							>
								{link.icon}
							</span>
							<span className="text-[15px] font-medium">{link.label}</span>
							{link.badge ? (
								<span className="rounded-full bg-danger px-2 text-xs leading-5 text-white" data-testid="to-confirm-badge">
									{link.badge}
								</span>
							) : null}
						</Link>
					</li>
				))}
			</ul>
		</nav>
	);
}

function Manage({ to, label }: { to: string; label: string }) {
	const { t } = useTranslation();
	return (
		<Link to={to} className="mt-4 inline-flex items-center gap-1 text-sm font-medium text-cloth-700 hover:underline">
			{t("coaching.dashboard.manage")}
			<span className="sr-only">{label}</span>
			<span aria-hidden>›</span>
		</Link>
	);
}

/** A card's own empty state: what is missing and the one button that fixes it. */
function Missing({ title, body, action, to }: { title: string; body: string; action: string; to: string }) {
	return (
		<div className="rounded-2xl border border-dashed border-line px-4 py-6 text-center">
			<p className="font-medium">{title}</p>
			<p className="mt-1 text-sm text-muted">{body}</p>
			<ButtonLink to={to} size="sm" className="mt-4">
				{action}
			</ButtonLink>
		</div>
	);
}

/** Name, photos, certificates and the video waiting for a reviewer, and the ones sent back. */
export function ReviewCard({ coach }: { coach: CoachDashboard }) {
	const { t } = useTranslation();
	const { review } = coach;
	const pending: ReactNode[] = [
		review.pendingName ? t("coaching.dashboard.pendingName", { name: review.pendingName }) : null,
		review.pendingPhotos > 0 ? t("coaching.dashboard.pendingPhotos", { count: review.pendingPhotos }) : null,
		review.pendingCertificates > 0 ? t("coaching.dashboard.pendingCertificates", { count: review.pendingCertificates }) : null,
		review.pendingVideo ? t("coaching.dashboard.pendingVideo") : null,
	].filter(Boolean);
	return (
		<SectionCard id="review" title={t("coaching.dashboard.pendingTitle")}>
			{pending.length > 0 ? (
				<ul className="flex flex-wrap gap-2">
					{pending.map((item) => (
						<li key={String(item)} className="rounded-full bg-wood-100 px-3 py-1 text-sm text-wood-700">
							{item}
						</li>
					))}
				</ul>
			) : (
				<p className="text-sm text-muted">{t("coaching.dashboard.nothingPending")}</p>
			)}
			{review.rejectedItems > 0 ? (
				<p className="mt-3 rounded-2xl bg-red-50 px-4 py-3 text-sm text-danger ring-1 ring-red-200">
					{t("coaching.dashboard.rejectedItems", { count: review.rejectedItems })}
				</p>
			) : null}
			<Manage to="/coach/apply" label={t("coaching.dashboard.editProfile")} />
		</SectionCard>
	);
}

/** The lessons itemised with their prices, or the invitation to set them. */
export function OfferingsCard({ coach }: { coach: CoachDashboard }) {
	const { t } = useTranslation();
	return (
		<SectionCard id="offerings" title={t("coaching.offerings.title")}>
			{coach.offerings.offerings.length > 0 ? (
				<>
					<OfferingsSummary view={coach.offerings} />
					<Manage to="/coach/offerings" label={t("coaching.offerings.title")} />
				</>
			) : (
				<Missing
					title={t("coaching.dashboard.noOfferingsTitle")}
					body={t("coaching.dashboard.noOfferingsBody")}
					action={t("coaching.dashboard.setOfferings")}
					to="/coach/offerings"
				/>
			)}
		</SectionCard>
	);
}

/** The week at a glance, or the invitation to set it. */
export function HoursCard({ coach }: { coach: CoachDashboard }) {
	const { t } = useTranslation();
	const { availability } = coach;
	return (
		<SectionCard id="hours" title={t("coaching.dashboard.availability")}>
			{availability.weeklyHours.length > 0 ? (
				<>
					<WeeklySummary view={availability} />
					{availability.exceptions.length > 0 ? (
						<p className="mt-3 text-sm text-muted">
							{t("coaching.dashboard.exceptionsCount", { count: availability.exceptions.length })}
						</p>
					) : null}
					<Manage to="/coach/availability" label={t("coaching.dashboard.availability")} />
				</>
			) : (
				<Missing
					title={t("coaching.dashboard.noHoursTitle")}
					body={t("coaching.dashboard.noHoursBody")}
					action={t("coaching.dashboard.setHours")}
					to="/coach/availability"
				/>
			)}
		</SectionCard>
	);
}
