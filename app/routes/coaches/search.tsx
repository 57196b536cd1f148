import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, Link, useNavigate, useNavigation, useSearchParams } from "react-router";
import { isAppError } from "~/lib/errors";
import { i18nFor, localeOfRequest } from "~/lib/i18n";
import { parseOrThrow } from "~/lib/validation";
import { cityOptions, defaultCityCode, findCity, nearestCity } from "~/modules/coaches/cities";
import { CoachCard } from "~/modules/coaches/components/coach-card";
import { ApplyFiltersButton, SearchFilters } from "~/modules/coaches/components/search-filters";
import { coachSearchSchema, searchPagePriceSchema, searchSorts } from "~/modules/coaches/search/schema";
import { searchCoaches } from "~/modules/coaches/search/search-coaches.server";
import { useLocationConsent } from "~/modules/legal/components/location-consent";
import { storedFromWgs84 } from "~/modules/places/datum";
import { Button } from "~/ui/button";
import { Dialog } from "~/ui/dialog";
import { EmptyState } from "~/ui/empty-state";
import { FormAlert } from "~/ui/form-alert";
import { Select } from "~/ui/select";
import { Skeleton } from "~/ui/skeleton";
import type { Route } from "./+types/search";

const filterNames = [
	"discipline",
	"courseType",
	"level",
	"minYuan",
	"maxYuan",
	"gender",
	"freeOn",
	"evening",
	"online",
	"accepting",
] as const;

export async function loader({ request }: Route.LoaderArgs) {
	const url = new URL(request.url);
	const params = Object.fromEntries(url.searchParams);
	const locale = localeOfRequest(request);
	const { t } = i18nFor(locale);
	// With a point ("使用我的位置") the city is the one the point is in, so the picker names where the results are.
	const here = params.lat && params.lng ? { latitude: Number(params.lat), longitude: Number(params.lng) } : null;
	const cityCode =
		here && Number.isFinite(here.latitude) && Number.isFinite(here.longitude)
			? nearestCity(here.latitude, here.longitude).code
			: params.city && findCity(params.city)
				? params.city
				: defaultCityCode;
	const city = findCity(cityCode);
	let invalidKey: string | null = null;
	let result: Awaited<ReturnType<typeof searchCoaches>> | null = null;
	try {
		// Prices are typed in yuan on the page and searched in fen.
		const { minYuan: minPriceFen, maxYuan: maxPriceFen } = parseOrThrow(searchPagePriceSchema, params);
		const search = parseOrThrow(coachSearchSchema, {
			...params,
			city: cityCode,
			minPriceFen,
			maxPriceFen,
			minYuan: undefined,
			maxYuan: undefined,
		});
		result = await searchCoaches(search);
	} catch (error) {
		if (!isAppError(error)) throw error;
		invalidKey = Object.values(error.options.fields ?? {})[0] ?? error.messageKey;
	}
	const cityName = city ? (locale === "en" ? city.nameEn : city.nameZh) : "";
	// A search the page refuses answers 400 (a link or a crawler learns it is wrong), with the form and its message.
	return data(
		{
			locale,
			values: { ...params, city: cityCode } as Record<string, string | undefined>,
			cityName,
			usingMyLocation: Boolean(params.lat && params.lng),
			// The radius the search used: never a refused one from the address ("99999 公里内").
			radiusKm: result?.origin?.radiusKm ?? null,
			result,
			invalidKey,
			meta: {
				title: `${t("coaches.search.metaTitle", { city: cityName })} · ${t("common.appNameFull")}`,
				description: t("coaches.search.metaDescription", { city: cityName }),
			},
		},
		{ status: invalidKey ? 400 : 200 },
	);
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
	{ title: loaderData?.meta.title },
	{ name: "description", content: loaderData?.meta.description },
	{ property: "og:title", content: loaderData?.meta.title },
	{ property: "og:description", content: loaderData?.meta.description },
];

export default function CoachSearch({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const { locale, values, result, invalidKey, cityName, usingMyLocation, radiusKm } = loaderData;
	// The city list is the same for every search: built here from the bundled cities (already in the
	// page's JavaScript) rather than carried in every answer's loader data (issue 12.1).
	const cities = useMemo(() => cityOptions(locale), [locale]);
	const [searchParams] = useSearchParams();
	const navigate = useNavigate();
	const navigation = useNavigation();
	const [filtersOpen, setFiltersOpen] = useState(false);
	const [locating, setLocating] = useState<"idle" | "busy" | "denied">("idle");
	const activeFilters = filterNames.filter((name) => values[name as keyof typeof values]).length;
	const searching = navigation.state === "loading" && navigation.location.pathname === "/coaches";

	useEffect(() => setFiltersOpen(false), [searchParams]);

	const withParams = (change: Record<string, string | null>) => {
		const next = new URLSearchParams(searchParams);
		for (const [key, value] of Object.entries(change)) {
			if (value) next.set(key, value);
			else next.delete(key);
		}
		next.delete("cursor");
		return `/coaches?${next}`;
	};

	const locationConsent = useLocationConsent();
	const useMyLocation = () => {
		if (!("geolocation" in navigator)) return setLocating("denied");
		setLocating("busy");
		navigator.geolocation.getCurrentPosition(
			(position) => {
				setLocating("idle");
				// The browser answers in WGS-84; coaches' places are stored in GCJ-02 (decision 021).
				const here = storedFromWgs84(position.coords);
				navigate(
					withParams({
						lat: here.latitude.toFixed(5),
						lng: here.longitude.toFixed(5),
						city: nearestCity(here.latitude, here.longitude).code,
						sort: "distance",
					}),
				);
			},
			() => setLocating("denied"),
			{ timeout: 10_000, maximumAge: 300_000 },
		);
	};

	const profileSearch = values.lat && values.lng ? `?lat=${values.lat}&lng=${values.lng}` : "";

	return (
		<div className="mx-auto max-w-6xl px-4 py-5 sm:px-6 sm:py-8">
			<h1 className="text-2xl font-semibold sm:text-3xl">{t("coaches.search.title")}</h1>
			<p className="mt-1 text-sm text-muted">
				{radiusKm === null
					? cityName
					: usingMyLocation
						? t("coaches.search.nearMe", { radius: radiusKm })
						: t("coaches.search.near", { city: cityName, radius: radiusKm })}
			</p>

			<div className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end">
				<Form method="get" action="/coaches" className="flex flex-1 gap-2" role="search">
					{Object.entries(values)
						.filter(([name, value]) => value && !["q", "cursor", "city"].includes(name))
						.map(([name, value]) => (
							<input key={name} type="hidden" name={name} value={value} />
						))}
					<label className="sr-only" htmlFor="coach-city">
						{t("coaches.search.city")}
					</label>
					<Select
						id="coach-city"
						// Keyed by the city, so it follows a navigation (the detected city) instead of keeping its first value.
						key={values.city}
						name="city"
						defaultValue={values.city}
						options={cities}
						// As wide as the chosen city's name in either language ("Shanghai", not "Sha").
						className="w-auto! shrink-0 field-sizing-content sm:min-w-36"
						onChange={(event) => navigate(withParams({ city: event.target.value, lat: null, lng: null }))}
					/>
					<label className="sr-only" htmlFor="coach-q">
						{t("coaches.search.keyword")}
					</label>
					<input
						id="coach-q"
						name="q"
						type="search"
						defaultValue={values.q ?? ""}
						placeholder={t("coaches.search.keywordPlaceholder")}
						className="min-w-0 flex-1 rounded-xl border border-line bg-white px-3.5 py-2.5"
					/>
					{/* An icon on a phone, so the keyword field keeps room for its whole placeholder. */}
					<Button type="submit" variant="secondary" className="shrink-0 max-sm:w-11 max-sm:px-0">
						<svg aria-hidden viewBox="0 0 24 24" className="size-5 sm:hidden" fill="none" stroke="currentColor" strokeWidth="2">
							<circle cx="11" cy="11" r="7" />
							<path d="m20 20-3.5-3.5" strokeLinecap="round" />
						</svg>
						<span className="max-sm:sr-only">{t("coaches.search.title")}</span>
					</Button>
				</Form>
			</div>

			{locationConsent.dialog}
			<div className="mt-3 flex flex-wrap items-center gap-2">
				<Button
					type="button"
					variant="secondary"
					size="sm"
					onClick={() => locationConsent.ask(useMyLocation)}
					busy={locating === "busy"}
				>
					<span aria-hidden>◎</span> {locating === "busy" ? t("coaches.search.locating") : t("coaches.search.useMyLocation")}
				</Button>
				<Button type="button" variant="secondary" size="sm" className="md:hidden" onClick={() => setFiltersOpen(true)}>
					{t("coaches.search.filters")}
					{activeFilters > 0 ? (
						<span className="rounded-full bg-cloth-700 px-1.5 text-xs text-white">{activeFilters}</span>
					) : null}
				</Button>
				<label className="sr-only" htmlFor="coach-sort">
					{t("coaches.search.sort")}
				</label>
				<Select
					id="coach-sort"
					value={result?.sort ?? values.sort ?? "distance"}
					onChange={(event) => navigate(withParams({ sort: event.target.value }))}
					options={searchSorts.map((sort) => ({ value: sort, label: t(`coaches.search.sorts.${sort}`) }))}
					className="ml-auto w-auto! py-1.5 text-sm"
				/>
				{activeFilters > 0 ? (
					<Link
						to={withParams(Object.fromEntries(filterNames.map((name) => [name, null])))}
						className="text-sm text-cloth-700 hover:underline"
					>
						{t("coaches.search.clearFilters")}
					</Link>
				) : null}
			</div>
			{locating === "denied" ? (
				<div className="mt-3">
					<FormAlert messageKey="coaches.search.locationDenied" />
				</div>
			) : null}

			<div className="mt-5 grid gap-6 md:grid-cols-[16rem_1fr]">
				<aside className="hidden md:block">
					<div className="sticky top-20 rounded-3xl bg-white p-5 shadow-(--shadow-card)">
						<h2 className="mb-3 font-semibold">{t("coaches.search.filters")}</h2>
						<SearchFilters values={values} locale={locale} idPrefix="side" />
					</div>
				</aside>
				<section aria-labelledby="results-title" aria-busy={searching}>
					<h2 id="results-title" className="sr-only">
						{t("coaches.search.results")}
					</h2>
					{invalidKey ? <FormAlert messageKey={invalidKey} /> : null}
					{searching ? (
						<ul className="space-y-3">
							{[0, 1, 2].map((index) => (
								<li key={index}>
									<Skeleton className="h-32 rounded-3xl" />
								</li>
							))}
						</ul>
					) : result && result.items.length > 0 ? (
						<>
							<ul className="space-y-3" data-testid="coach-results">
								{result.items.map((coach) => (
									<CoachCard key={coach.id} coach={coach} locale={locale} profileSearch={profileSearch} />
								))}
							</ul>
							{result.nextCursor ? (
								<div className="mt-5 flex justify-center">
									<Link
										to={`/coaches?${new URLSearchParams({ ...Object.fromEntries(searchParams), cursor: result.nextCursor })}`}
										className="inline-flex h-11 items-center rounded-full bg-white px-6 ring-1 ring-inset ring-line hover:bg-cloth-50"
										rel="next"
									>
										{t("common.actions.next")} →
									</Link>
								</div>
							) : null}
						</>
					) : invalidKey ? null : (
						<EmptyState icon="🎱" title={t("coaches.search.noResults")} body={t("coaches.search.noResultsBody")} />
					)}
				</section>
			</div>

			<Dialog
				open={filtersOpen}
				onClose={() => setFiltersOpen(false)}
				title={t("coaches.search.filters")}
				variant="sheet"
				footer={<ApplyFiltersButton idPrefix="sheet" />}
			>
				<SearchFilters values={values} locale={locale} idPrefix="sheet" submitOutside />
			</Dialog>
		</div>
	);
}
