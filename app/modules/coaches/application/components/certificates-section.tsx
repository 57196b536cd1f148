import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { Button } from "~/ui/button";
import { Field } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import { useFormOutcome } from "~/ui/use-form-outcome";
import type { ApplicationView } from "../present.server";
import { maxCertificates } from "../schema";
import { fileInputClasses, ListError, SectionCard } from "./section-card";
import { ItemStatusChip } from "./status-chip";

/** Coaching certificates: private files seen only by the coach and reviewers, each reviewed on its own. */
export function CertificatesSection({ application, step }: { application: ApplicationView; step: number }) {
	const { t } = useTranslation();
	const form = useFormOutcome(["add-certificate", "remove-certificate"]);
	const { certificates, editable } = application;
	const active = certificates.filter((certificate) => certificate.status !== "rejected").length;
	return (
		<SectionCard
			id="certificates"
			step={step}
			title={t("coaching.apply.sections.certificates")}
			state={certificates.some((certificate) => certificate.status !== "rejected") ? "done" : "optional"}
		>
			<p className="text-sm text-muted">{t("coaching.apply.certificates.hint")}</p>
			{certificates.length > 0 ? (
				<ul className="mt-4 space-y-3">
					{certificates.map((certificate) => (
						<li key={certificate.id} className="flex items-start gap-3 rounded-2xl p-3 ring-1 ring-line">
							<a
								href={certificate.url}
								target="_blank"
								rel="noreferrer"
								className="flex size-16 shrink-0 items-center justify-center overflow-hidden rounded-xl bg-paper text-2xl"
							>
								{certificate.thumbUrl ? (
									<img src={certificate.thumbUrl} alt="" className="size-full object-cover" width={64} height={64} />
								) : (
									<span aria-hidden>📄</span>
								)}
								<span className="sr-only">
									{t("coaching.apply.certificates.view")} {certificate.issuer} {certificate.level}
								</span>
							</a>
							<div className="min-w-0 flex-1 space-y-1">
								<div className="flex flex-wrap items-center gap-2">
									<p className="font-medium">{certificate.level}</p>
									<ItemStatusChip status={certificate.status} />
								</div>
								<p className="text-sm text-muted">{certificate.issuer}</p>
								{certificate.reviewNote ? (
									<p className="text-sm text-danger">{t("coaching.apply.photos.note", { note: certificate.reviewNote })}</p>
								) : null}
							</div>
							{editable ? (
								<Form method="post">
									<input type="hidden" name="intent" value="remove-certificate" />
									<input type="hidden" name="certificateId" value={certificate.id} />
									<Button
										type="submit"
										variant="ghost"
										size="sm"
										busy={form.busy("remove-certificate", "certificateId", certificate.id)}
										aria-label={t("coaching.apply.certificates.removeLabel", {
											issuer: certificate.issuer,
											level: certificate.level,
										})}
									>
										{t("coaching.apply.certificates.remove")}
									</Button>
								</Form>
							) : null}
						</li>
					))}
				</ul>
			) : (
				<p className="mt-4 flex h-16 items-center justify-center rounded-2xl border border-dashed border-line text-sm text-muted">
					{t("coaching.apply.certificates.empty")}
				</p>
			)}
			<ListError message={form.error("certificates")} />
			<FormAlert messageKey={form.formError} params={form.formParams} />
			{editable && active < maxCertificates ? (
				<Form
					// A new key after each save empties the form (with JavaScript the page is not reloaded).
					key={certificates.length}
					method="post"
					action="?intent=add-certificate"
					encType="multipart/form-data"
					className="mt-4 space-y-4 rounded-2xl bg-paper p-4"
				>
					<input type="hidden" name="intent" value="add-certificate" />
					<div className="grid gap-4 sm:grid-cols-2">
						<Field
							label={t("coaching.apply.certificates.issuer")}
							name="issuer"
							maxLength={40}
							placeholder={t("coaching.apply.certificates.issuerPlaceholder")}
							defaultValue={form.value("issuer") ?? ""}
							error={form.error("certificate.issuer")}
						/>
						<Field
							label={t("coaching.apply.certificates.level")}
							name="level"
							maxLength={40}
							placeholder={t("coaching.apply.certificates.levelPlaceholder")}
							defaultValue={form.value("level") ?? ""}
							error={form.error("certificate.level")}
						/>
					</div>
					<Field label={t("coaching.apply.certificates.file")} error={form.error("certificate.file")}>
						{(wiring) => (
							<input
								{...wiring}
								type="file"
								name="certificate"
								accept="image/jpeg,image/png,image/webp,image/heic,image/avif,application/pdf"
								className={fileInputClasses}
							/>
						)}
					</Field>
					<Button type="submit" variant="secondary" busy={form.busy("add-certificate")}>
						{t("coaching.apply.certificates.add")}
					</Button>
				</Form>
			) : null}
		</SectionCard>
	);
}
