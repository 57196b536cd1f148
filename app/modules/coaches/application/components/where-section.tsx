import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import type { Place } from "~/modules/places/place";
import { Button } from "~/ui/button";
import { cn } from "~/ui/cn";
import { Field, inputClasses } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import { Select } from "~/ui/select";
import { useFormOutcome } from "~/ui/use-form-outcome";
import { sectionComplete } from "../completeness";
import type { CoachPlaceSearch } from "../find-places.server";
import type { ApplicationView } from "../present.server";
import { maxPlaces } from "../schema";
import { PlaceFinder } from "./place-finder";
import { ListError, SectionCard } from "./section-card";

export interface CentreDistrict {
	name: string;
	latitude: number;
	longitude: number;
}

export interface CityOption {
	value: string;
	label: string;
}

/** A point as the centre select writes it: "lat,lng" (the stored datum). */
const pointValue = (point: { latitude: number; longitude: number }) => `${point.latitude},${point.longitude}`;

/**
 * The centre of the service area, chosen rather than typed: the city centre, one of the coach's halls,
 * or a district of the city (the point saved now stays selectable when it is none of those).
 */
function CentreSelect({
	area,
	places,
	districts,
	value,
	error,
}: {
	area: ApplicationView["area"];
	places: ApplicationView["places"];
	districts: CentreDistrict[];
	value: string | undefined;
	error: string | null;
}) {
	const { t } = useTranslation();
	const saved =
		area.latitude !== null && area.longitude !== null ? pointValue({ latitude: area.latitude, longitude: area.longitude }) : "";
	const known = new Set([...places, ...districts].map(pointValue));
	return (
		<Field label={t("places.centre.label")} hint={t("places.centre.hint")} error={error}>
			{(wiring) => (
				<select {...wiring} name="centre" defaultValue={value ?? saved} className={cn(inputClasses, "appearance-auto pr-8")}>
					<option value="">{t("places.centre.cityCentre")}</option>
					{saved && !known.has(saved) ? <option value={saved}>{t("places.centre.saved")}</option> : null}
					{places.length > 0 ? (
						<optgroup label={t("places.centre.places")}>
							{places.map((place) => (
								<option key={place.id} value={pointValue(place)}>
									{place.name}
								</option>
							))}
						</optgroup>
					) : null}
					{districts.length > 0 ? (
						<optgroup label={t("places.centre.districts")}>
							{districts.map((district) => (
								<option key={district.name} value={pointValue(district)}>
									{district.name}
								</option>
							))}
						</optgroup>
					) : null}
				</select>
			)}
		</Field>
	);
}

/** Where the coach teaches: a city, then venues they teach at and/or a service area around a point. */
export function WhereSection({
	application,
	step,
	cityOptions,
	placeSearch,
	picked: pickedByPage,
	centreDistricts,
}: {
	application: ApplicationView;
	step: number;
	cityOptions: CityOption[];
	/** The page's place search (`?placeQuery=`), null when none was made. */
	placeSearch: CoachPlaceSearch | null;
	/** The result picked without JavaScript (`&pick=<index>`). */
	picked: Place | null;
	centreDistricts: CentreDistrict[];
}) {
	const { t } = useTranslation();
	const [picked, setPicked] = useState<Place | null>(pickedByPage);
	const { area, places, missing, editable } = application;
	// A saved hall (places.length changes) empties the pick, as a new search result or no-script pick replaces it.
	useEffect(() => setPicked(pickedByPage), [pickedByPage, places.length]);
	const areaForm = useFormOutcome("area");
	const placeForm = useFormOutcome(["add-place", "remove-place"]);
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
					<CentreSelect
						area={area}
						places={places}
						districts={centreDistricts}
						value={areaForm.value("centre")}
						error={areaForm.error("area.centre") ?? areaForm.error("area.latitude")}
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
				<div className="mt-4 space-y-4 rounded-2xl bg-paper p-4">
					<PlaceFinder
						// After a hall is added the search starts afresh.
						key={places.length}
						cityCode={area.cityCode}
						search={placeSearch}
						onPick={setPicked}
					/>
					<Form
						// A new key after each save, or pick, refills the form (with JavaScript the page is not reloaded).
						key={`${places.length}:${picked ? pointValue(picked) : ""}:${picked?.name ?? ""}`}
						method="post"
						action="/coach/apply"
						className="space-y-4"
					>
						<input type="hidden" name="intent" value="add-place" />
						{picked ? (
							<>
								<input type="hidden" name="latitude" value={picked.latitude} />
								<input type="hidden" name="longitude" value={picked.longitude} />
							</>
						) : null}
						<p className="text-sm text-muted" data-testid="picked-place">
							{picked ? t("places.search.picked", { name: picked.name }) : t("places.search.notPicked")}
						</p>
						<div className="grid gap-4 sm:grid-cols-2">
							<Field
								label={t("coaching.apply.where.placeName")}
								name="name"
								maxLength={40}
								placeholder={t("coaching.apply.where.placeNamePlaceholder")}
								defaultValue={placeForm.value("name") ?? picked?.name.slice(0, 40) ?? ""}
								error={placeForm.error("place.name")}
							/>
							<Field
								label={t("coaching.apply.where.address")}
								name="address"
								maxLength={120}
								placeholder={t("coaching.apply.where.addressPlaceholder")}
								defaultValue={placeForm.value("address") ?? picked?.address.slice(0, 120) ?? ""}
								error={placeForm.error("place.address") ?? placeForm.error("place.latitude")}
							/>
						</div>
						<div className="flex flex-wrap gap-3">
							<Button type="submit" variant="secondary" busy={placeForm.busy("add-place")}>
								{t("coaching.apply.where.addPlace")}
							</Button>
							{picked ? (
								<Button type="button" variant="ghost" onClick={() => setPicked(null)}>
									{t("places.search.clear")}
								</Button>
							) : null}
						</div>
					</Form>
				</div>
			) : null}
		</SectionCard>
	);
}
