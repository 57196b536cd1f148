import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Form, useNavigation } from "react-router";
import { Button, buttonClasses } from "~/ui/button";
import { cn } from "~/ui/cn";
import { Field, inputClasses } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import type { Decision, ReviewItem } from "../reviewer";

export type ReviewIntent = "application" | ReviewItem;

/** What the review page's action hands back on failure: which form failed, and its errors as i18n keys. */
export interface ReviewActionData {
	intent: ReviewIntent | null;
	itemId: string | null;
	decision: Decision | null;
	errors: { fields?: Record<string, string>; formError?: string; params?: Record<string, string | number> };
	/** What was typed, so a page re-rendered without JavaScript keeps it. */
	values?: { reason?: string };
}

/** The errors and typed values of one form (intent, item and decision), and whether it is being sent. */
export function useDecisionForm(actionData: ReviewActionData | undefined, intent: ReviewIntent, itemId?: string) {
	const navigation = useNavigation();
	const mine = (decision: Decision) =>
		actionData?.intent === intent && (actionData.itemId ?? "") === (itemId ?? "") && actionData.decision === decision;
	return {
		failed: mine,
		errors: (decision: Decision) => (mine(decision) ? actionData?.errors : undefined),
		reason: (decision: Decision) => (mine(decision) ? actionData?.values?.reason : undefined),
		busy: (decision: Decision) => {
			const formData = navigation.formData;
			return Boolean(
				formData &&
					formData.get("intent") === intent &&
					(formData.get("itemId") ?? "") === (itemId ?? "") &&
					formData.get("decision") === decision,
			);
		},
	};
}

function Hidden({ intent, itemId, decision }: { intent: ReviewIntent; itemId?: string; decision: Decision }) {
	return (
		<>
			<input type="hidden" name="intent" value={intent} />
			{itemId ? <input type="hidden" name="itemId" value={itemId} /> : null}
			<input type="hidden" name="decision" value={decision} />
		</>
	);
}

/** A field error that is not about the reason (e.g. a tampered item id) is shown as the form's message. */
function formMessage(errors: ReviewActionData["errors"] | undefined): string | null {
	if (!errors) return null;
	if (errors.formError) return errors.formError;
	const other = Object.keys(errors.fields ?? {}).some((name) => name !== "reason");
	return other ? "errors.badRequest" : null;
}

const summaryClasses =
	"cursor-pointer list-none [&::-webkit-details-marker]:hidden focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-cloth-500";

/** The reason textarea of a rejection: required, read by the coach. */
function ReasonField({ error, defaultValue, compact }: { error?: string; defaultValue?: string; compact?: boolean }) {
	const { t } = useTranslation();
	return (
		<Field
			label={t("coaching.review.reason")}
			hint={compact ? undefined : t("coaching.review.reasonHint")}
			error={error ? t(error) : null}
		>
			{(wiring) => (
				<textarea
					name="reason"
					rows={3}
					required
					maxLength={500}
					defaultValue={defaultValue}
					placeholder={t("coaching.review.reasonPlaceholder")}
					className={cn(inputClasses, "resize-y text-[15px]")}
					{...wiring}
				/>
			)}
		</Field>
	);
}

/**
 * Approve, or reject with a reason, one photo, certificate, name change or video. The reason form opens
 * in a native disclosure, so it works without JavaScript; `subject` names the item for screen readers.
 */
export function ItemDecision({
	intent,
	itemId,
	subject,
	status,
	actionData,
	stacked = false,
}: {
	intent: ReviewItem;
	itemId?: string;
	subject: string;
	status: "pending" | "approved" | "rejected";
	actionData: ReviewActionData | undefined;
	/** One button under the other, for a narrow photo tile. */
	stacked?: boolean;
}) {
	const { t } = useTranslation();
	const form = useDecisionForm(actionData, intent, itemId);
	const message = formMessage(form.errors("approve")) ?? formMessage(form.errors("reject"));
	const srSubject = <span className="sr-only"> {subject}</span>;
	return (
		<div className="space-y-2">
			<FormAlert messageKey={message} params={(form.errors("approve") ?? form.errors("reject"))?.params} />
			<div className={cn("grid gap-2", stacked ? "grid-cols-1" : "grid-cols-2")}>
				{status !== "approved" ? (
					<Form method="post" className={status === "rejected" ? "col-span-full" : undefined}>
						<Hidden intent={intent} itemId={itemId} decision="approve" />
						<Button type="submit" size="sm" className="w-full" busy={form.busy("approve")}>
							{t("coaching.review.approve")}
							{srSubject}
						</Button>
					</Form>
				) : null}
				{status !== "rejected" ? (
					<details
						className={cn("open:col-span-full", status === "approved" && "col-span-full")}
						open={form.failed("reject") || undefined}
					>
						<summary
							className={cn(buttonClasses("secondary", "sm", "w-full text-danger ring-red-200 hover:bg-red-50"), summaryClasses)}
						>
							{t("coaching.review.rejectWithReason")}
							{srSubject}
						</summary>
						<Form method="post" className="mt-2 space-y-3 rounded-2xl bg-paper p-3 ring-1 ring-line">
							<Hidden intent={intent} itemId={itemId} decision="reject" />
							<ReasonField error={form.errors("reject")?.fields?.reason} defaultValue={form.reason("reject")} compact={stacked} />
							<Button type="submit" size="sm" variant="danger" className="w-full" busy={form.busy("reject")}>
								{t("coaching.review.confirmReject")}
								{srSubject}
							</Button>
						</Form>
					</details>
				) : null}
			</div>
		</div>
	);
}

/** The decision on the application as a whole: approve (with an optional note) or reject with a reason. */
export function ApplicationDecision({
	actionData,
	children,
}: {
	actionData: ReviewActionData | undefined;
	/** Shown above the forms: what approving does, or why no decision can be made. */
	children?: ReactNode;
}) {
	const { t } = useTranslation();
	const form = useDecisionForm(actionData, "application");
	const approveErrors = form.errors("approve");
	const rejectErrors = form.errors("reject");
	return (
		<div className="space-y-4">
			{children}
			<FormAlert messageKey={formMessage(approveErrors)} params={approveErrors?.params} />
			<Form method="post" className="space-y-3">
				<Hidden intent="application" decision="approve" />
				<Field
					label={t("coaching.review.note")}
					hint={t("coaching.review.noteHint")}
					name="reason"
					maxLength={500}
					autoComplete="off"
					defaultValue={form.reason("approve")}
					error={approveErrors?.fields?.reason ? t(approveErrors.fields.reason) : null}
				/>
				<Button type="submit" className="w-full" busy={form.busy("approve")}>
					{t("coaching.review.approveApplication")}
				</Button>
			</Form>
			<details className="border-t border-line pt-4" open={form.failed("reject") || undefined}>
				<summary
					className={cn(buttonClasses("secondary", "md", "w-full text-danger ring-red-200 hover:bg-red-50"), summaryClasses)}
				>
					{t("coaching.review.rejectApplication")}
				</summary>
				<Form method="post" className="mt-3 space-y-3">
					<Hidden intent="application" decision="reject" />
					<FormAlert messageKey={formMessage(rejectErrors)} params={rejectErrors?.params} />
					<ReasonField error={rejectErrors?.fields?.reason} defaultValue={form.reason("reject")} />
					<Button type="submit" variant="danger" className="w-full" busy={form.busy("reject")}>
						{t("coaching.review.confirmReject")}
					</Button>
				</Form>
			</details>
		</div>
	);
}
