import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import type { Place } from "~/modules/places/place";
import { Button } from "~/ui/button";
import { inputClasses } from "~/ui/field";
import type { CoachPlaceSearch } from "../find-places.server";

/** What the API answers (GET /api/v1/places): its notice is already in the reader's language. */
interface LiveResults {
	query: string;
	places: Place[];
	notice: string | null;
}

const typingPauseMs = 350;

/**
 * Type a hall's name or an address, see what AMap (or the bundled district list) has, pick one.
 * Without JavaScript the query is a GET form and each result a link that picks it (`pick=<index>`);
 * with it, results follow the typing (from the API, after a pause) and picking fills the form at once.
 */
export function PlaceFinder({
	cityCode,
	search,
	onPick,
}: {
	cityCode: string | null;
	search: CoachPlaceSearch | null;
	onPick: (place: Place) => void;
}) {
	const { t } = useTranslation();
	const [query, setQuery] = useState(search?.query ?? "");
	const [live, setLive] = useState<LiveResults | null>(null);
	const [busy, setBusy] = useState(false);
	const latest = useRef(0);

	useEffect(() => {
		if (!cityCode || query.trim() === "" || query === search?.query) return;
		const ticket = ++latest.current;
		const timer = setTimeout(async () => {
			setBusy(true);
			try {
				const response = await fetch(`/api/v1/places?${new URLSearchParams({ q: query, city: cityCode })}`);
				if (!response.ok) return;
				const body = (await response.json()) as { items: Place[]; notice: string | null };
				// A slower answer to an earlier query must not replace the newer one.
				if (ticket === latest.current) setLive({ query, places: body.items, notice: body.notice });
			} catch {
				// Offline or refused: the form still submits the query without scripts' help.
			} finally {
				if (ticket === latest.current) setBusy(false);
			}
		}, typingPauseMs);
		return () => clearTimeout(timer);
	}, [query, cityCode, search?.query]);

	if (!cityCode) return <p className="text-sm text-muted">{t("places.search.cityFirst")}</p>;

	const shown = live && live.query === query ? live : null;
	const places = shown ? shown.places : (search?.places ?? []);
	const shownQuery = shown ? shown.query : (search?.query ?? "");
	const notice = shown ? shown.notice : search?.notice ? t(search.notice.key, { ...search.notice.params }) : null;
	const districtsOnly = shown ? shown.notice !== null : search?.source === "districts";
	const searched = shown !== null || search !== null;

	return (
		<div className="space-y-3">
			<Form method="get" action="/coach/apply#where" preventScrollReset className="flex gap-2" role="search">
				<label htmlFor="place-query" className="sr-only">
					{t("places.search.label")}
				</label>
				<input
					id="place-query"
					name="placeQuery"
					type="search"
					className={inputClasses}
					maxLength={60}
					autoComplete="off"
					placeholder={t("places.search.placeholder")}
					value={query}
					onChange={(event) => setQuery(event.target.value)}
				/>
				<Button type="submit" variant="secondary" busy={busy} className="shrink-0">
					{t("places.search.submit")}
				</Button>
			</Form>
			<div aria-live="polite" className="space-y-2">
				{notice ? <p className="rounded-xl bg-wood-100 px-3 py-2 text-sm text-wood-700">{notice}</p> : null}
				{searched && places.length === 0 && !notice && shownQuery !== "" ? (
					<p className="text-sm text-muted">{t("places.search.none", { query: shownQuery })}</p>
				) : null}
				{places.length > 0 ? (
					<>
						<p className="text-sm font-medium">{t(districtsOnly ? "places.search.districts" : "places.search.results")}</p>
						<ul
							className="max-h-72 divide-y divide-line overflow-y-auto rounded-2xl bg-white ring-1 ring-line"
							data-testid="place-results"
						>
							{places.map((place, index) => (
								<li key={`${place.name}-${place.latitude}-${place.longitude}`}>
									<Link
										to={`/coach/apply?${new URLSearchParams({ placeQuery: shownQuery, pick: String(index) })}#where`}
										preventScrollReset
										onClick={(event) => {
											event.preventDefault();
											onPick(place);
										}}
										className="flex min-h-12 items-center gap-3 px-4 py-2.5 hover:bg-paper focus-visible:bg-paper"
									>
										<span className="min-w-0 flex-1">
											<span className="block truncate font-medium">{place.name}</span>
											{place.address !== place.name ? (
												<span className="block truncate text-sm text-muted">{place.address}</span>
											) : null}
										</span>
										<span className="shrink-0 text-sm font-medium text-cloth-700">{t("places.search.pick")}</span>
									</Link>
								</li>
							))}
						</ul>
						<p className="text-sm text-muted">{t("places.search.pickHint")}</p>
					</>
				) : null}
			</div>
		</div>
	);
}
