import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { Button } from "~/ui/button";
import { Field } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import { Select } from "~/ui/select";
import { useFormOutcome } from "~/ui/use-form-outcome";
import { sectionComplete } from "../completeness";
import type { ApplicationView } from "../present.server";
import { maxPlaces } from "../schema";
import { ListError, SectionCard } from "./section-card";

export interface CityOption {
	value: string;
	label: string;
}

/** A latitude and longitude pair, optional together. */
function PointFields({
	prefix,
	legend,
	hint,
	values,
	error,
}: {
	prefix: string;
	legend: string;
	hint?: string;
	values: { latitude?: string; longitude?: string };
	error: (name: string) => string | null;
}) {
	const { t } = useTranslation();
	return (
		<fieldset className="space-y-2">
			<legend className="text-sm font-medium text-ink">{legend}</legend>
			{hint ? <p className="text-sm text-muted">{hint}</p> : null}
			<div className="grid grid-cols-2 gap-3">
				<Field
					label={t("coaching.apply.where.latitude")}
					name="latitude"
					inputMode="decimal"
					placeholder="31.2304"
					defaultValue={values.latitude ?? ""}
					error={error(`${prefix}.latitude`)}
				/>
				<Field
					label={t("coaching.apply.where.longitude")}
					name="longitude"
					inputMode="decimal"
					placeholder="121.4737"
					defaultValue={values.longitude ?? ""}
					error={error(`${prefix}.longitude`)}
				/>
			</div>
		</fieldset>
	);
}

/** Where the coach teaches: a city, then venues they teach at and/or a service area around a point. */
export function WhereSection({
	application,
	step,
	cityOptions,
}: {
	application: ApplicationView;
	step: number;
	cityOptions: CityOption[];
}) {
	const { t } = useTranslation();
	const areaForm = useFormOutcome("area");
	const placeForm = useFormOutcome(["add-place", "remove-place"]);
	const { area, places, missing, editable } = application;
	const done = sectionComplete(missing, "where");
	const text = (value: number | null) => (value === null ? undefined : String(value));
	return (
		<SectionCard id="where" step={step} title={t("coaching.apply.sections.where")} state={done ? "done" : "todo"}>
			<p className="text-sm text-muted">{t("coaching.apply.where.hint")}</p>
			{missing.places && !missing["area.cityCode"] ? (
				<p className="mt-2 text-sm font-medium text-wood-700">{t(missing.places)}</p>
			) : null}

			<Form method="post" className="mt-4 space-y-4">
				<input type="hidden" name="intent" value="area" />
				<fieldset disabled={!editable} className="space-y-4">
					<div className="grid gap-4 sm:grid-cols-2">
						<Field label={t("coaching.apply.where.city")} error={areaForm.error("area.cityCode")}>
							{(wiring) => (
								<Select
									{...wiring}
									name="cityCode"
									defaultValue={areaForm.value("cityCode") ?? area.cityCode ?? ""}
									options={[{ value: "", label: t("coaching.apply.where.cityPlaceholder") }, ...cityOptions]}
								/>
							)}
						</Field>
						<Field
							label={t("coaching.apply.where.radius")}
							hint={t("coaching.apply.where.radiusHint")}
							name="serviceRadiusKm"
							type="number"
							inputMode="numeric"
							min={1}
							max={200}
							step={1}
							defaultValue={areaForm.value("serviceRadiusKm") ?? text(area.serviceRadiusKm) ?? ""}
							error={areaForm.error("area.serviceRadiusKm")}
						/>
					</div>
					<PointFields
						prefix="area"
						legend={t("coaching.apply.where.point")}
						hint={t("coaching.apply.where.pointHint")}
						values={{
							latitude: areaForm.value("latitude") ?? text(area.latitude),
							longitude: areaForm.value("longitude") ?? text(area.longitude),
						}}
						error={areaForm.error}
					/>
				</fieldset>
				<FormAlert messageKey={areaForm.formError} params={areaForm.formParams} />
				{editable ? (
					<Button type="submit" variant="secondary" busy={areaForm.busy()}>
						{t("coaching.apply.where.saveArea")}
					</Button>
				) : null}
			</Form>

			<h3 className="mt-8 text-base font-semibold">{t("coaching.apply.where.places")}</h3>
			{places.length > 0 ? (
				<ul className="mt-3 divide-y divide-line rounded-2xl ring-1 ring-line">
					{places.map((place) => (
						<li key={place.id} className="flex items-center gap-3 px-4 py-3">
							<span aria-hidden className="text-lg">
								🎱
							</span>
							<div className="min-w-0 flex-1">
								<p className="truncate font-medium">{place.name}</p>
								{place.address ? <p className="truncate text-sm text-muted">{place.address}</p> : null}
							</div>
							{editable ? (
								<Form method="post">
									<input type="hidden" name="intent" value="remove-place" />
									<input type="hidden" name="placeId" value={place.id} />
									<Button
										type="submit"
										variant="ghost"
										size="sm"
										busy={placeForm.busy("remove-place", "placeId", place.id)}
										aria-label={t("coaching.apply.where.removePlaceLabel", { name: place.name })}
									>
										{t("coaching.apply.where.removePlace")}
									</Button>
								</Form>
							) : null}
						</li>
					))}
				</ul>
			) : (
				<p className="mt-3 flex h-16 items-center justify-center rounded-2xl border border-dashed border-line text-sm text-muted">
					{t("coaching.apply.where.placesEmpty")}
				</p>
			)}
			<ListError message={placeForm.error("places")} />
			<FormAlert messageKey={placeForm.formError} params={placeForm.formParams} />
			{editable && places.length < maxPlaces ? (
				<Form
					// A new key after each save empties the form (with JavaScript the page is not reloaded).
					key={places.length}
					method="post"
					className="mt-4 space-y-4 rounded-2xl bg-paper p-4"
				>
					<input type="hidden" name="intent" value="add-place" />
					<div className="grid gap-4 sm:grid-cols-2">
						<Field
							label={t("coaching.apply.where.placeName")}
							name="name"
							maxLength={40}
							placeholder={t("coaching.apply.where.placeNamePlaceholder")}
							defaultValue={placeForm.value("name") ?? ""}
							error={placeForm.error("place.name")}
						/>
						<Field
							label={t("coaching.apply.where.address")}
							name="address"
							maxLength={120}
							placeholder={t("coaching.apply.where.addressPlaceholder")}
							defaultValue={placeForm.value("address") ?? ""}
							error={placeForm.error("place.address")}
						/>
					</div>
					<PointFields
						prefix="place"
						legend={t("coaching.apply.where.placePoint")}
						values={{ latitude: placeForm.value("latitude"), longitude: placeForm.value("longitude") }}
						error={placeForm.error}
					/>
					<Button type="submit" variant="secondary" busy={placeForm.busy("add-place")}>
						{t("coaching.apply.where.addPlace")}
					</Button>
				</Form>
			) : null}
		</SectionCard>
	);
}
