import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { AppError } from "~/lib/errors";
import { formErrorsOf } from "~/lib/form.server";
import { localeOfRequest, pageTitle } from "~/lib/i18n";
import { redirectWithToast } from "~/lib/toast.server";
import { requireUser } from "~/modules/accounts/guards.server";
import { type ApplyIntent, applyIntents, runApplyForm, typedValues } from "~/modules/coaches/application/apply-form.server";

import { type RequiredSection, requiredSections, sectionComplete } from "~/modules/coaches/application/completeness";
import { CertificatesSection } from "~/modules/coaches/application/components/certificates-section";
import { IdentitySection } from "~/modules/coaches/application/components/identity-section";
import { PhotosSection } from "~/modules/coaches/application/components/photos-section";
import { ProfileSection } from "~/modules/coaches/application/components/profile-section";
import { ApplicationStatusMessage, CoachStatusChip, VerifiedBadges } from "~/modules/coaches/application/components/status-chip";
import { SubmitSection } from "~/modules/coaches/application/components/submit-section";
import { VideoSection } from "~/modules/coaches/application/components/video-section";
import { WhereSection } from "~/modules/coaches/application/components/where-section";
import { centreDistricts, findPlacesForCoach } from "~/modules/coaches/application/find-places.server";
import { getMyApplication } from "~/modules/coaches/application/get-my-application.server";
import { type ApplicationView, blankApplication } from "~/modules/coaches/application/present.server";
import { readApplyForm } from "~/modules/coaches/application/read-apply-form.server";
import { cityOptions } from "~/modules/coaches/cities";
import { kindPolicies, maxMegabytes } from "~/modules/files/kinds";
import { Button, ButtonLink } from "~/ui/button";
import { FormAlert } from "~/ui/form-alert";
import { type FormOutcome, useFormOutcome } from "~/ui/use-form-outcome";
import type { Route } from "./+types/apply";

export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const application = await getMyApplication(session.user.id);
	const approved = application?.status === "approved";
	const cityCode = application?.area.cityCode ?? null;
	// The place search without JavaScript: `?placeQuery=` lists what was found, `&pick=<index>` picks one.
	const url = new URL(request.url);
	const placeQuery = url.searchParams.get("placeQuery");
	const placeSearch =
		placeQuery === null ? null : await findPlacesForCoach({ userId: session.user.id, cityCode, query: placeQuery });
	const pick = Number(url.searchParams.get("pick") ?? Number.NaN);
	return {
		application: application ?? blankApplication(session.user.id),
		started: Boolean(application),
		cityOptions: cityOptions(localeOfRequest(request)),
		placeSearch,
		picked: (placeSearch && Number.isInteger(pick) ? placeSearch.places[pick] : undefined) ?? null,
		centreDistricts: centreDistricts(cityCode),
		title: pageTitle(request, approved ? "coaching.apply.editTitle" : "coaching.apply.title"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

/** The largest upload the page takes (the intro video), plus room for the form's other fields. */
const maxBodyBytes = kindPolicies.intro_video.maxBytes + 1024 * 1024;

const isApplyIntent = (value: unknown): value is ApplyIntent => (applyIntents as readonly unknown[]).includes(value);

/** Each section is its own form; a refusal comes back with the field names the API uses. */
export async function action({ request }: Route.ActionArgs) {
	const session = await requireUser(request);
	// The upload forms also name their intent in the URL, so that a refusal made before the body is
	// read still shows in the form that sent it.
	const declared = new URL(request.url).searchParams.get("intent");
	const early = isApplyIntent(declared) ? declared : null;
	// request.formData() buffers the whole body in memory and, unlike the API, page actions have no
	// body limit in front of them: refuse a body larger than this page ever takes by its
	// Content-Length, before reading it.
	if (Number(request.headers.get("content-length") ?? 0) > maxBodyBytes) {
		const maxMb = maxMegabytes(kindPolicies.intro_video.maxBytes);
		const { errors, init } = formErrorsOf(new AppError(413, "payload_too_large", "files.errors.tooLarge", { params: { maxMb } }));
		return data<FormOutcome>({ intent: early, errors }, init);
	}
	let form: FormData;
	try {
		form = await readApplyForm(request, early);
	} catch (error) {
		// Too large a file, a second one, or a malformed body: shown in the form that sent it.
		const { errors, init } = formErrorsOf(error);
		return data<FormOutcome>({ intent: early, errors }, init);
	}
	const intent = form.get("intent");
	if (!isApplyIntent(intent)) {
		return data<FormOutcome>({ intent: null, errors: { formError: "errors.badRequest" } }, { status: 400 });
	}
	try {
		const done = await runApplyForm(session.user.id, intent, form);
		const anchor = done.anchor === "top" ? "" : `#${done.anchor}`;
		return redirectWithToast(`/coach/apply${anchor}`, { kind: "success", messageKey: done.messageKey });
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		return data<FormOutcome>({ intent, errors, values: typedValues(form) }, init);
	}
}

function StatusPanel({ application }: { application: ApplicationView }) {
	const { t } = useTranslation();
	const withdraw = useFormOutcome("withdraw");
	const { status } = application;
	return (
		<div className="rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6" role="status">
			<div className="flex flex-wrap items-center gap-2">
				<CoachStatusChip status={status} />
				<VerifiedBadges badges={application.badges} />
			</div>
			<ApplicationStatusMessage
				status={status}
				submittedAt={application.submittedAt}
				reviewNote={application.reviewNote}
				className="mt-3"
			/>
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
	const { application, started, cityOptions, placeSearch, picked } = loaderData;
	const approved = application.status === "approved";
	const sections = Object.keys(requiredSections) as RequiredSection[];
	const doneCount = sections.filter((section) => sectionComplete(application.missing, section)).length;
	const total = sections.length;
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
			<WhereSection
				application={application}
				step={4}
				cityOptions={cityOptions}
				placeSearch={placeSearch}
				picked={picked}
				centreDistricts={loaderData.centreDistricts}
			/>
			<CertificatesSection application={application} step={5} />
			<VideoSection application={application} step={6} />
			{showSubmit ? <SubmitSection application={application} step={7} /> : null}
		</div>
	);
}
