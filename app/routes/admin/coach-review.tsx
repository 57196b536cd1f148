import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { z } from "zod";
import { isAppError } from "~/lib/errors";
import { formErrorsOf } from "~/lib/form.server";
import { localeOfRequest, pageTitle } from "~/lib/i18n";
import { redirectWithToast } from "~/lib/toast.server";
import { fieldErrorKeys } from "~/lib/validation";
import { listAudit } from "~/modules/accounts/admin/audit-log.server";
import { AuditList } from "~/modules/accounts/admin/components/audit-list";
import { StatusBadge } from "~/modules/accounts/admin/components/status-badge";
import { formatShanghai } from "~/modules/accounts/admin/format";
import { requirePermission } from "~/modules/accounts/guards.server";
import { can } from "~/modules/accounts/permissions";
import { CoachStatusChip } from "~/modules/coaches/application/components/status-chip";
import { findCity } from "~/modules/coaches/cities";
import { approveApplication } from "~/modules/coaches/review/approve-application.server";
import { IdentityCard, ProfileCard, WhereCard } from "~/modules/coaches/review/components/application-sections";
import { ApplicationDecision, type ReviewActionData } from "~/modules/coaches/review/components/decision-forms";
import { CertificatesCard, NameChangeCard, PhotosCard, VideoCard } from "~/modules/coaches/review/components/item-sections";
import { ReviewCard } from "~/modules/coaches/review/components/review-card";
import { getReviewDetail } from "~/modules/coaches/review/get-review-detail.server";
import { rejectApplication } from "~/modules/coaches/review/reject-application.server";
import { reviewChange } from "~/modules/coaches/review/review-change.server";
import { reviewItems } from "~/modules/coaches/review/reviewer";
import { coachIdSchema, decisionBodySchema, decisionSchema, reasonRequiredFor } from "~/modules/coaches/review/schema";
import { FormAlert } from "~/ui/form-alert";
import type { Route } from "./+types/coach-review";

function coachIdOf(params: { coachId?: string }): string {
	const parsed = coachIdSchema.safeParse(params.coachId);
	if (!parsed.success) throw data(null, { status: 404 });
	return parsed.data;
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const session = await requirePermission(request, "access:admin");
	const coachId = coachIdOf(params);
	let detail: Awaited<ReturnType<typeof getReviewDetail>>;
	try {
		detail = await getReviewDetail(coachId, { id: session.user.id, roles: session.roles });
	} catch (error) {
		if (isAppError(error) && error.status === 404) throw data(null, { status: 404 });
		throw error;
	}
	const city = detail.application.area.cityCode ? findCity(detail.application.area.cityCode) : undefined;
	// The review decisions about this person, newest first (the audit log is kept per account).
	const audit = can(session.roles, "read:audit:any")
		? (await listAudit({ targetId: detail.account.id, limit: 30 })).entries
				.filter((entry) => entry.action.startsWith("coach."))
				.slice(0, 10)
		: null;
	return {
		detail,
		cityName: city ? (localeOfRequest(request) === "en" ? city.nameEn : city.nameZh) : null,
		audit,
		isOwn: session.user.id === detail.account.id,
		title: pageTitle(request, "coaching.review.title"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
	{ title: loaderData ? `${loaderData.detail.application.profile.displayName} · ${loaderData.title}` : undefined },
];

/** One form per decision: the application as a whole, or one photo, certificate, name change or video. */
const reviewFormSchema = decisionBodySchema
	.extend({
		intent: z.enum(["application", ...reviewItems], { error: "errors.field.invalidOption" }),
		decision: decisionSchema,
		itemId: z.preprocess((value) => (value === "" ? undefined : value), coachIdSchema.optional()),
	})
	.superRefine((value, context) => {
		// A video decision names the file the reviewer watched (the coach may have replaced it since).
		if ((value.intent === "photo" || value.intent === "certificate" || value.intent === "video") && !value.itemId) {
			context.addIssue({ code: "custom", path: ["itemId"], message: "errors.badRequest" });
		}
	});

const itemToasts = { approve: "coaching.review.toast.itemApproved", reject: "coaching.review.toast.itemRejected" } as const;

export async function action({ request, params }: Route.ActionArgs) {
	const session = await requirePermission(request, "access:admin");
	const reviewer = { id: session.user.id, roles: session.roles };
	const coachId = coachIdOf(params);
	const form = Object.fromEntries(await request.formData());
	// Which form this was, as far as it can be told, so the errors show beside it.
	const intentOf = z.enum(["application", ...reviewItems]).safeParse(form.intent);
	const decisionOf = decisionSchema.safeParse(form.decision);
	const target = {
		intent: intentOf.success ? intentOf.data : null,
		itemId: typeof form.itemId === "string" && form.itemId ? form.itemId.slice(0, 64) : null,
		decision: decisionOf.success ? decisionOf.data : null,
		values: { reason: String(form.reason ?? "").slice(0, 500) },
	};
	const refuse = (errors: ReviewActionData["errors"], init: ResponseInit = { status: 400 }) =>
		data({ ...target, errors } satisfies ReviewActionData, init);

	const parsed = reviewFormSchema.safeParse(form);
	if (!parsed.success) return refuse({ fields: fieldErrorKeys(parsed.error) });
	const { intent, decision, itemId, reason } = parsed.data;
	const missing = reasonRequiredFor(decision, reason);
	if (missing) return refuse({ fields: missing });
	try {
		if (intent === "application") {
			if (decision === "approve") await approveApplication({ reviewer, coachId, note: reason });
			else await rejectApplication({ reviewer, coachId, reason: reason as string });
		} else {
			await reviewChange({ reviewer, coachId, item: intent, itemId, decision, reason });
		}
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		return refuse(errors, init);
	}
	if (intent === "application") {
		return redirectWithToast("/admin/coach-reviews", {
			kind: "success",
			messageKey: decision === "approve" ? "coaching.review.toast.approved" : "coaching.review.toast.rejected",
		});
	}
	return redirectWithToast(`/admin/coach-reviews/${coachId}`, { kind: "success", messageKey: itemToasts[decision] });
}

export default function AdminCoachReview({ loaderData, actionData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const { detail, cityName, audit, isOwn } = loaderData;
	const { application, account } = detail;
	const { status } = application;
	const canDecideItems = !isOwn && status !== "draft" && status !== "rejected";
	const inReview = status === "pending_review";
	// A refusal for no form on this page (a tampered intent, an item that is gone) reports at the top.
	const shown =
		actionData?.intent === "application"
			? inReview && !isOwn
			: canDecideItems &&
				((actionData?.intent === "name" && Boolean(application.profile.pendingDisplayName)) ||
					(actionData?.intent === "photo" && application.photos.some((photo) => photo.id === actionData.itemId)) ||
					(actionData?.intent === "video" && application.introVideo?.fileId === actionData.itemId) ||
					(actionData?.intent === "certificate" &&
						application.certificates.some((certificate) => certificate.id === actionData.itemId)));
	const pageError = actionData && !shown ? (actionData.errors.formError ?? "errors.badRequest") : null;
	const cover = application.photos.find((photo) => photo.status === "approved") ?? application.photos[0];
	return (
		<div className="space-y-5">
			<Link to="/admin/coach-reviews" className="inline-flex items-center gap-1 text-sm text-cloth-700 hover:underline">
				<span aria-hidden>←</span> {t("coaching.review.back")}
			</Link>
			<header className="flex items-center gap-4">
				<span className="size-16 shrink-0 overflow-hidden rounded-2xl bg-cloth-800 sm:size-20">
					{cover ? (
						<img src={cover.thumbUrl} alt="" width={80} height={80} className="size-full object-cover" />
					) : (
						<span aria-hidden className="flex size-full items-center justify-center text-2xl font-semibold text-white">
							{(application.profile.displayName || "?").slice(0, 1)}
						</span>
					)}
				</span>
				<div className="min-w-0 space-y-1">
					<div className="flex flex-wrap items-center gap-2">
						<h1 className="truncate text-2xl font-semibold">{application.profile.displayName || t("coaching.review.none")}</h1>
						<CoachStatusChip status={status} />
					</div>
					<p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-muted">
						<span>{t("coaching.review.account")}</span>
						<span className="text-ink">{account.displayName || t("admin.deletedUser")}</span>
						{account.status === "suspended" || account.status === "deleted" ? <StatusBadge status={account.status} /> : null}
						<Link to={`/admin/users/${account.id}`} className="text-cloth-700 underline underline-offset-2">
							{t("coaching.review.viewAccount")}
						</Link>
					</p>
					<p className="text-sm tabular-nums text-muted">
						{application.submittedAt ? (
							<time dateTime={application.submittedAt}>
								{t("coaching.review.submitted")} {formatShanghai(application.submittedAt)}
							</time>
						) : null}
						{application.approvedAt ? (
							<>
								{application.submittedAt ? <span aria-hidden> · </span> : null}
								<time dateTime={application.approvedAt}>
									{t("coaching.review.approvedAt")} {formatShanghai(application.approvedAt)}
								</time>
							</>
						) : null}
					</p>
				</div>
			</header>
			<FormAlert messageKey={pageError} />

			<div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start">
				<div className="min-w-0 space-y-5 lg:col-start-1">
					<NameChangeCard profile={application.profile} canDecide={canDecideItems} actionData={actionData} />
					<IdentityCard identity={application.identity} />
					<ProfileCard profile={application.profile} />
					<PhotosCard photos={application.photos} canDecide={canDecideItems} actionData={actionData} />
					<CertificatesCard certificates={application.certificates} canDecide={canDecideItems} actionData={actionData} />
					<WhereCard area={application.area} places={application.places} cityName={cityName} />
					<VideoCard video={application.introVideo} canDecide={canDecideItems} actionData={actionData} />
				</div>
				<div className="min-w-0 lg:sticky lg:top-6 lg:col-start-2 lg:row-span-2 lg:row-start-1 lg:self-start">
					<ReviewCard id="decision" title={t("coaching.review.decision")} className="ring-2 ring-cloth-200">
						{inReview && !isOwn ? (
							<ApplicationDecision actionData={actionData}>
								<p className="text-sm text-muted">{t("coaching.review.decisionHint")}</p>
							</ApplicationDecision>
						) : (
							<div className="space-y-2">
								<p className="text-muted">{t(isOwn ? "coaching.errors.ownApplication" : "coaching.review.notInReview")}</p>
								{status === "rejected" && application.reviewNote ? (
									<p className="whitespace-pre-line break-words rounded-xl bg-red-50 px-3 py-2 text-sm text-danger ring-1 ring-red-200">
										{t("coaching.review.previousReason", { reason: application.reviewNote })}
									</p>
								) : null}
							</div>
						)}
					</ReviewCard>
				</div>
				<div className="min-w-0 lg:col-start-1">
					{audit ? (
						<ReviewCard
							id="audit"
							title={t("coaching.review.auditTrail")}
							aside={
								audit.length > 0 ? (
									<Link to={`/admin/audit?targetId=${account.id}`} className="text-sm text-cloth-700 hover:underline">
										{t("admin.user.allActivity")}
									</Link>
								) : null
							}
						>
							{audit.length > 0 ? (
								<AuditList entries={audit} showTarget={false} />
							) : (
								<p className="text-muted">{t("coaching.review.noAudit")}</p>
							)}
						</ReviewCard>
					) : null}
				</div>
			</div>
		</div>
	);
}
