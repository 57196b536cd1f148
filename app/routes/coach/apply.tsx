import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { formErrorsOf } from "~/lib/form.server";
import { localeOfRequest, pageTitle } from "~/lib/i18n";
import { redirectWithToast } from "~/lib/toast.server";
import { requireUser } from "~/modules/accounts/guards.server";
import { type ApplyIntent, applyIntents, runApplyForm, typedValues } from "~/modules/coaches/application/apply-form.server";
import type { ApplyOutcome } from "~/modules/coaches/application/apply-outcome";
import { CertificatesSection } from "~/modules/coaches/application/components/certificates-section";
import { IdentitySection } from "~/modules/coaches/application/components/identity-section";
import { PhotosSection } from "~/modules/coaches/application/components/photos-section";
import { ProfileSection } from "~/modules/coaches/application/components/profile-section";
import { CoachStatusChip, VerifiedBadges } from "~/modules/coaches/application/components/status-chip";
import { SubmitSection } from "~/modules/coaches/application/components/submit-section";
import { useApplyOutcome } from "~/modules/coaches/application/components/use-apply-outcome";
import { VideoSection } from "~/modules/coaches/application/components/video-section";
import { WhereSection } from "~/modules/coaches/application/components/where-section";
import { getMyApplication } from "~/modules/coaches/application/get-my-application.server";
import { type ApplicationView, blankApplication } from "~/modules/coaches/application/present.server";
import { cityOptions } from "~/modules/coaches/cities";
import { Button, ButtonLink } from "~/ui/button";
import { FormAlert } from "~/ui/form-alert";
import type { Route } from "./+types/apply";

export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const application = await getMyApplication(session.user.id);
	const approved = application?.status === "approved";
	return {
		application: application ?? blankApplication(session.user.id),
		started: Boolean(application),
		cityOptions: cityOptions(localeOfRequest(request)),
		title: pageTitle(request, approved ? "coaching.apply.editTitle" : "coaching.apply.title"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

/** Each section is its own form; a refusal comes back with the field names the API uses. */
export async function action({ request }: Route.ActionArgs) {
	const session = await requireUser(request);
	const form = await request.formData();
	const intent = String(form.get("intent") ?? "");
	if (!(applyIntents as readonly string[]).includes(intent)) {
		return data<ApplyOutcome>({ intent: null, errors: { formError: "errors.badRequest" } }, { status: 400 });
	}
	try {
		const done = await runApplyForm(session.user.id, intent as ApplyIntent, form);
		const anchor = done.anchor === "top" ? "" : `#${done.anchor}`;
		return redirectWithToast(`/coach/apply${anchor}`, { kind: "success", messageKey: done.messageKey });
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		return data<ApplyOutcome>({ intent, errors, values: typedValues(form) }, init);
	}
}

/** Required sections: the ones submitting waits for. */
const requiredSections = {
	identity: ["identity.realName", "identity.idNumber", "identity.gender"],
	profile: ["profile.disciplines", "profile.level", "profile.yearsExperience", "profile.bio"],
	photos: ["photos"],
	where: ["area.cityCode", "places"],
} as const;

function StatusPanel({ application }: { application: ApplicationView }) {
	const { t, i18n } = useTranslation();
	const withdraw = useApplyOutcome("withdraw");
	const { status } = application;
	const submittedOn = application.submittedAt
		? new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeZone: "Asia/Shanghai" }).format(
				new Date(application.submittedAt),
			)
		: "";
	const message = {
		draft: t("coaching.apply.statusDraft"),
		pending_review: t("coaching.apply.statusPending", { date: submittedOn }),
		rejected: t("coaching.apply.statusRejected"),
		approved: t("coaching.apply.statusApproved"),
		suspended: t("coaching.apply.statusSuspended"),
	}[status];
	return (
		<div className="rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6" role="status">
			<div className="flex flex-wrap items-center gap-2">
				<CoachStatusChip status={status} />
				<VerifiedBadges badges={application.badges} />
			</div>
			<p className="mt-3 text-[15px]">{message}</p>
			{status === "rejected" && application.reviewNote ? (
				<p className="mt-2 rounded-2xl bg-red-50 px-4 py-3 text-sm text-danger ring-1 ring-red-200">
					{t("coaching.apply.statusRejectedReason", { reason: application.reviewNote })}
				</p>
			) : null}
			{status === "pending_review" ? (
				<Form method="post" className="mt-4 flex flex-wrap items-center gap-3">
					<input type="hidden" name="intent" value="withdraw" />
					<Button type="submit" variant="secondary" size="sm" busy={withdraw.busy()}>
						{t("coaching.apply.withdraw")}
					</Button>
					<span className="text-sm text-muted">{t("coaching.apply.withdrawHint")}</span>
				</Form>
			) : null}
			<FormAlert messageKey={withdraw.formError} params={withdraw.formParams} />
			{status === "approved" ? (
				<ButtonLink to="/coach" variant="secondary" size="sm" className="mt-4">
					{t("coaching.apply.toDashboard")}
				</ButtonLink>
			) : null}
		</div>
	);
}

export default function CoachApply({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const { application, started, cityOptions } = loaderData;
	const approved = application.status === "approved";
	const doneCount = Object.values(requiredSections).filter((fields) =>
		fields.every((field) => !application.missing[field]),
	).length;
	const total = Object.keys(requiredSections).length;
	const showSubmit = application.status === "draft" || application.status === "rejected";
	return (
		<div className="mx-auto max-w-3xl space-y-5 px-4 pt-5 pb-16 sm:px-6 sm:pt-10">
			<header id="top" className="scroll-mt-20 space-y-3">
				<Link to={approved ? "/coach" : "/me"} className="text-sm text-muted hover:text-ink">
					← {t(approved ? "coaching.dashboard.title" : "accounts.me.title")}
				</Link>
				<h1 className="text-2xl font-semibold sm:text-3xl">
					{t(approved ? "coaching.apply.editTitle" : "coaching.apply.title")}
				</h1>
				{approved ? null : <p className="text-muted">{t("coaching.apply.intro")}</p>}
				{showSubmit ? (
					<div className="space-y-1.5">
						<div className="flex justify-between text-sm">
							<span className="font-medium">{t("coaching.apply.progress")}</span>
							<span className="text-muted tabular-nums">{t("coaching.apply.progressCount", { done: doneCount, total })}</span>
						</div>
						<div
							role="progressbar"
							aria-label={t("coaching.apply.progress")}
							aria-valuemin={0}
							aria-valuemax={total}
							aria-valuenow={doneCount}
							className="h-2 overflow-hidden rounded-full bg-cloth-50"
						>
							<div
								className="h-full rounded-full bg-cloth-600 transition-all"
								style={{ width: `${(doneCount / total) * 100}%` }}
							/>
						</div>
					</div>
				) : null}
			</header>
			{started ? <StatusPanel application={application} /> : null}
			<IdentitySection application={application} step={1} />
			<ProfileSection application={application} step={2} />
			<PhotosSection application={application} step={3} />
			<WhereSection application={application} step={4} cityOptions={cityOptions} />
			<CertificatesSection application={application} step={5} />
			<VideoSection application={application} step={6} />
			{showSubmit ? <SubmitSection application={application} step={7} /> : null}
		</div>
	);
}
