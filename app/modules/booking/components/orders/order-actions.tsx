import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Form, useNavigation } from "react-router";
import type { FormErrors } from "~/lib/form.server";
import { Button } from "~/ui/button";
import { Field, inputClasses } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import type { CoachActionState } from "../../coach-actions";
import { momentOf } from "./format";

export interface OrderActionOutcome {
	intent?: string;
	errors?: FormErrors;
}

/**
 * The coach's answers to a booking, each a plain form (they work before and without JavaScript).
 * Declining and cancelling open a short form first, so the reason, the refund and what it costs
 * the coach are read before anything is sent.
 */
export function OrderActions({
	actions,
	refundFen,
	money,
	outcome,
}: {
	actions: CoachActionState[];
	refundFen: number;
	money: (fen: number) => string;
	outcome?: OrderActionOutcome;
}) {
	const { t, i18n } = useTranslation();
	const navigation = useNavigation();
	const busyWith = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
	const failed = (intent: string) => (outcome?.intent === intent ? outcome.errors : undefined);
	if (actions.length === 0) return <p className="text-muted">{t("booking.orders.detail.nothing")}</p>;

	const simple = (intent: string, label: string, variant: "primary" | "secondary" = "primary") => (
		<Form method="post" key={intent}>
			<input type="hidden" name="intent" value={intent} />
			<Button type="submit" variant={variant} className="w-full sm:w-auto" busy={busyWith === intent}>
				{label}
			</Button>
		</Form>
	);
	const waiting = (label: string, note: string, key: string) => (
		<div key={key} className="space-y-1">
			<Button type="button" variant="secondary" disabled className="w-full sm:w-auto">
				{label}
			</Button>
			<p className="text-sm text-muted">{note}</p>
		</div>
	);

	const items: ReactNode[] = [];
	for (const { action, from } of actions) {
		if (action === "confirm") items.push(simple("confirm", t("booking.orders.actions.confirm")));
		if (action === "start")
			items.push(
				from
					? waiting(
							t("booking.orders.actions.start"),
							t("booking.orders.actions.startFrom", { time: momentOf(from, i18n.language) }),
							"start",
						)
					: simple("start", t("booking.orders.actions.start")),
			);
		if (action === "finish") items.push(simple("finish", t("booking.orders.actions.finish")));
		if (action === "no_show")
			items.push(
				from
					? waiting(
							t("booking.orders.actions.no_show"),
							t("booking.orders.actions.noShowFrom", { time: momentOf(from, i18n.language) }),
							"no_show",
						)
					: simple("no_show", t("booking.orders.actions.no_show"), "secondary"),
			);
	}
	const errors = (intent: string) => failed(intent)?.fields ?? {};
	const formError = outcome?.errors?.formError;
	const fieldError = (key?: string) => (key ? t(key) : null);

	return (
		<div className="space-y-4">
			<FormAlert messageKey={formError} params={outcome?.errors?.params} />
			{items.length ? <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-start">{items}</div> : null}
			{actions.some((item) => item.action === "reject") ? (
				<Disclosure title={t("booking.orders.actions.reject")} open={Boolean(failed("reject"))}>
					<Form method="post" className="space-y-3">
						<input type="hidden" name="intent" value="reject" />
						<Field
							label={t("booking.orders.actions.rejectReason")}
							hint={t("booking.orders.actions.rejectHint")}
							error={fieldError(errors("reject").reason)}
						>
							{(wiring) => <textarea name="reason" rows={3} maxLength={300} className={inputClasses} {...wiring} />}
						</Field>
						<Button type="submit" variant="danger" busy={busyWith === "reject"} className="w-full sm:w-auto">
							{t("booking.orders.actions.rejectSubmit")}
						</Button>
					</Form>
				</Disclosure>
			) : null}
			{actions.some((item) => item.action === "cancel") ? (
				<Disclosure title={t("booking.orders.actions.cancel")} open={Boolean(failed("cancel"))}>
					<Form method="post" className="space-y-3">
						<input type="hidden" name="intent" value="cancel" />
						<p className="rounded-xl bg-wood-100 px-3 py-2 text-sm text-wood-700 ring-1 ring-wood-300 ring-inset">
							{t("booking.orders.actions.cancelWarning", { amount: money(refundFen) })}
						</p>
						<Field label={t("booking.orders.actions.cancelReason")} error={fieldError(errors("cancel").reason)}>
							{(wiring) => <textarea name="reason" rows={2} maxLength={300} className={inputClasses} {...wiring} />}
						</Field>
						<Button type="submit" variant="danger" busy={busyWith === "cancel"} className="w-full sm:w-auto">
							{t("booking.orders.actions.cancelSubmit")}
						</Button>
					</Form>
				</Disclosure>
			) : null}
		</div>
	);
}

/** A native disclosure: opens without JavaScript, and stays open when its form comes back with an error. */
function Disclosure({ title, open, children }: { title: string; open: boolean; children: ReactNode }) {
	return (
		<details open={open} className="group rounded-2xl ring-1 ring-line ring-inset">
			<summary className="flex cursor-pointer list-none items-center justify-between px-4 py-3 font-medium text-ink">
				{title}
				<span aria-hidden className="text-muted transition-transform group-open:rotate-90">
					›
				</span>
			</summary>
			<div className="px-4 pb-4">{children}</div>
		</details>
	);
}
