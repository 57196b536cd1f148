import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { Button } from "~/ui/button";
import { cn } from "~/ui/cn";
import { FormAlert } from "~/ui/form-alert";
import { useFormOutcome } from "~/ui/use-form-outcome";
import { SectionCard } from "../../application/components/section-card";
import { availabilityFields } from "../form";

/** Whether players can book right now, and the one button that switches it (existing bookings are kept either way). */
export function StatusCard({ accepting }: { accepting: boolean }) {
	const { t } = useTranslation();
	const form = useFormOutcome("status");
	return (
		<SectionCard id="status" title={t("coaching.availability.status")}>
			<div className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
				<div className="flex items-start gap-3">
					<span
						aria-hidden
						className={cn(
							"mt-1.5 size-3 shrink-0 rounded-full",
							accepting ? "bg-cloth-500 ring-4 ring-cloth-100" : "bg-wood-500 ring-4 ring-wood-100",
						)}
					/>
					<div>
						<p className="font-medium">{t(accepting ? "coaching.availability.accepting" : "coaching.availability.paused")}</p>
						<p className="text-sm text-muted">
							{t(accepting ? "coaching.availability.acceptingHint" : "coaching.availability.pausedHint")}
						</p>
					</div>
				</div>
				<Form method="post" className="shrink-0">
					<input type="hidden" name="intent" value="status" />
					<input type="hidden" name={availabilityFields.accepting} value={String(!accepting)} />
					<Button type="submit" variant={accepting ? "secondary" : "primary"} busy={form.busy()} className="w-full sm:w-auto">
						{t(accepting ? "coaching.availability.pause" : "coaching.availability.resume")}
					</Button>
				</Form>
			</div>
			<div className="mt-3 empty:hidden">
				<FormAlert messageKey={form.formError} params={form.formParams} />
			</div>
		</SectionCard>
	);
}
