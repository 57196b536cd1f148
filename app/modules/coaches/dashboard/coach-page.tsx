import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ButtonLink } from "~/ui/button";
import { cn } from "~/ui/cn";
import { EmptyState } from "~/ui/empty-state";
import { FormAlert } from "~/ui/form-alert";
import type { MyCoachStatus } from "./get-dashboard.server";

/** The frame of the coach's own pages: the way back to the dashboard, the heading and a line of introduction. */
export function CoachPage({
	title,
	intro,
	back = true,
	wide = false,
	aside,
	children,
}: {
	title: string;
	intro?: ReactNode;
	/** Whether to show the link back to the dashboard (the dashboard itself has none). */
	back?: boolean;
	/** Room for two columns on a desktop (the dashboard); forms stay narrow. */
	wide?: boolean;
	/** Beside the heading on a wide screen, below it on a phone: a status chip, a link. */
	aside?: ReactNode;
	children: ReactNode;
}) {
	const { t } = useTranslation();
	return (
		<div className={cn("mx-auto space-y-5 px-4 pt-5 pb-16 sm:px-6 sm:pt-10", wide ? "max-w-5xl" : "max-w-3xl")}>
			<header className="space-y-2">
				{back ? (
					<Link to="/coach" className="text-sm text-muted hover:text-ink">
						← {t("coaching.dashboard.title")}
					</Link>
				) : null}
				<div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
					<h1 className="text-2xl font-semibold sm:text-3xl">{title}</h1>
					{aside}
				</div>
				{intro ? <p className="text-muted">{intro}</p> : null}
			</header>
			{children}
		</div>
	);
}

/** The invitation shown to someone with no coach record yet: what they get, and where to apply. */
export function BecomeCoach() {
	const { t } = useTranslation();
	const benefits = [
		{ icon: "¥", key: "offerings" },
		{ icon: "◷", key: "hours" },
		{ icon: "✓", key: "bookings" },
	] as const;
	return (
		<EmptyState
			icon="8"
			title={t("coaching.dashboard.noRecordTitle")}
			body={t("coaching.dashboard.noRecordBody")}
			action={
				<div className="space-y-6">
					<ul className="mx-auto max-w-xs space-y-2.5 text-left text-[15px]">
						{benefits.map((benefit) => (
							<li key={benefit.key} className="flex items-start gap-3">
								<span
									aria-hidden
									className="mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full bg-cloth-50 text-sm text-cloth-700"
								>
									{benefit.icon}
								</span>
								<span>{t(`coaching.dashboard.benefits.${benefit.key}`)}</span>
							</li>
						))}
					</ul>
					<ButtonLink to="/coach/apply" size="lg">
						{t("coaching.dashboard.startApplication")}
					</ButtonLink>
				</div>
			}
		/>
	);
}

/**
 * What the offerings and hours pages show around their forms, following what the services allow:
 * nothing to edit without a coach record (an invitation to apply instead), nothing while suspended,
 * and a reminder that players see it only once approved.
 */
export function CoachGate({ coach, children }: { coach: MyCoachStatus | null; children: ReactNode }) {
	const { t } = useTranslation();
	if (!coach) return <BecomeCoach />;
	if (coach.status === "suspended") {
		return (
			<EmptyState
				icon="‖"
				title={t("coaching.dashboard.suspendedTitle")}
				body={t("coaching.apply.statusSuspended")}
				action={
					<ButtonLink to="/coach" variant="secondary">
						{t("coaching.dashboard.title")}
					</ButtonLink>
				}
			/>
		);
	}
	return (
		<>
			{coach.status === "approved" ? null : (
				<div className="flex flex-col gap-3 rounded-2xl bg-wood-100 px-4 py-3 text-sm text-wood-700 ring-1 ring-wood-300 ring-inset sm:flex-row sm:items-center sm:justify-between">
					<p>{t("coaching.dashboard.notPublicYet")}</p>
					<Link to="/coach/apply" className="shrink-0 font-medium underline underline-offset-2">
						{/* In review it cannot be edited, only seen (as ApplicationCard says). */}
						{t(
							coach.status === "pending_review" ? "coaching.dashboard.viewApplication" : "coaching.dashboard.continueApplication",
						)}
					</Link>
				</div>
			)}
			{children}
		</>
	);
}

/**
 * The save button of a long form, kept in sight while scrolling (above the phone's tab bar), with
 * the form's own message and an optional note such as what players will see.
 */
export function SaveBar({
	formError,
	params,
	note,
	children,
}: {
	formError?: string | null;
	params?: Record<string, string | number>;
	note?: ReactNode;
	children: ReactNode;
}) {
	return (
		<div className="sticky bottom-20 z-30 space-y-3 rounded-3xl bg-white/95 p-3 shadow-(--shadow-card) ring-1 ring-line backdrop-blur sm:p-4 md:bottom-4">
			<FormAlert messageKey={formError} params={params} />
			<div className="flex items-center justify-between gap-3">
				{note ? <p className="min-w-0 pl-1 text-sm text-muted">{note}</p> : null}
				<div className={note ? "shrink-0" : "flex flex-1 justify-end *:w-full sm:*:w-auto"}>{children}</div>
			</div>
		</div>
	);
}
