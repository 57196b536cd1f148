import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { i18nFor, localeOfRequest } from "~/lib/i18n";
import { getUserSession } from "~/modules/accounts/guards.server";
import { PlayerHomePanel } from "~/modules/booking/components/player-home-panel";
import { playerHomeSummary } from "~/modules/booking/player-home.server";
import { courseTypeDescriptions, courseTypeNames, courseTypes, disciplineNames, disciplines } from "~/modules/coaches/catalog";
import { defaultCityCode, findCity } from "~/modules/coaches/cities";
import { CoachCard } from "~/modules/coaches/components/coach-card";
import { coachSearchSchema } from "~/modules/coaches/search/schema";
import { searchCoaches } from "~/modules/coaches/search/search-coaches.server";
import type { Route } from "./+types/home";

/** The cities with the most coaches, as entry points; every other city is one tap away in search. */
const popularCities = ["shanghai", "beijing", "guangzhou", "shenzhen", "hangzhou", "chengdu"] as const;

export async function loader({ request }: Route.LoaderArgs) {
	const locale = localeOfRequest(request);
	const t = i18nFor(locale).t;
	// The same for every signed-out visitor (the page stays cacheable): the best-rated coaches of the
	// default city, through search and its short result cache.
	const city = findCity(defaultCityCode);
	const featured = await searchCoaches(coachSearchSchema.parse({ city: defaultCityCode, sort: "rating", limit: 4 }));
	const session = await getUserSession(request);
	return {
		locale,
		signedIn: Boolean(session),
		// A signed-in visitor's own lessons first (their page is never cached: the cache skips sessions).
		mine: session ? await playerHomeSummary({ userId: session.user.id, roles: session.roles, user: session.user }) : null,
		featured: featured.items,
		featuredCity: { code: defaultCityCode, name: city ? (locale === "en" ? city.nameEn : city.nameZh) : "" },
		cities: popularCities.flatMap((code) => {
			const entry = findCity(code);
			return entry ? [{ code, name: locale === "en" ? entry.nameEn : entry.nameZh }] : [];
		}),
		meta: { title: t("home.metaTitle"), description: t("home.metaDescription") },
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
	{ title: loaderData?.meta.title },
	{ name: "description", content: loaderData?.meta.description },
	{ property: "og:title", content: loaderData?.meta.title },
	{ property: "og:description", content: loaderData?.meta.description },
	{ property: "og:type", content: "website" },
];

const disciplineArt: Record<string, string> = { chinese_8_ball: "8", nine_ball: "9", snooker: "S" };

/** Where each audience goes next (halls join when venue sign-up exists: no card promises it before). */
const audienceLinks: Record<"players" | "coaches", { to: string; labelKey: string }> = {
	players: { to: "/coaches", labelKey: "home.audiences.playersAction" },
	coaches: { to: "/coach/apply", labelKey: "home.audiences.coachesAction" },
};

export default function Home({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const { locale, signedIn, featured, featuredCity, cities, mine } = loaderData;
	return (
		<>
			<section className="relative overflow-hidden bg-cloth-900 text-white">
				<div aria-hidden className="absolute -right-24 -top-24 size-96 rounded-full bg-cloth-700/60 blur-3xl sm:-right-10" />
				<div className="relative mx-auto max-w-6xl px-5 pb-14 pt-12 sm:px-6 sm:pb-24 sm:pt-20">
					<p className="text-sm tracking-widest text-cloth-200">{t("home.hero.eyebrow")}</p>
					<h1 className="mt-4 whitespace-pre-line text-4xl font-bold sm:text-6xl">{t("home.hero.title")}</h1>
					<p className="mt-5 max-w-xl text-[17px] text-cloth-100">{t("home.hero.body")}</p>
					<div className="mt-8 flex flex-wrap gap-3">
						<Link
							to="/coaches"
							className="inline-flex h-12 items-center rounded-full bg-wood-300 px-6 font-medium text-cloth-950 hover:bg-wood-100"
						>
							{t("home.hero.findCoach")}
						</Link>
						<Link
							to={signedIn ? "/me" : "/login"}
							className="inline-flex h-12 items-center rounded-full px-6 font-medium text-white ring-1 ring-inset ring-white/40 hover:bg-white/10"
						>
							{t(signedIn ? "home.hero.primarySignedIn" : "home.hero.primary")}
						</Link>
					</div>
				</div>
			</section>
			{mine ? <PlayerHomePanel next={mine.next} waiting={mine.waiting} locale={locale} /> : null}

			<section className="mx-auto max-w-6xl px-5 py-12 sm:px-6 sm:py-16" aria-labelledby="disciplines-title">
				<h2 id="disciplines-title" className="text-2xl font-semibold sm:text-3xl">
					{t("home.disciplines.title")}
				</h2>
				<p className="mt-2 text-muted">{t("home.disciplines.body")}</p>
				<ul className="mt-6 grid grid-cols-3 gap-3 sm:gap-5">
					{disciplines.map((discipline) => (
						<li key={discipline}>
							{/* The card looks tappable, so it is: the search for that discipline. */}
							<Link
								to={`/coaches?${new URLSearchParams({ discipline })}`}
								className="block h-full rounded-(--radius-card) bg-white p-4 text-center shadow-(--shadow-card) hover:ring-2 hover:ring-cloth-200 sm:p-6"
							>
								<span
									aria-hidden
									className="mx-auto flex size-12 items-center justify-center rounded-full bg-cloth-800 text-lg font-bold text-white ring-4 ring-cloth-100 sm:size-16 sm:text-2xl"
								>
									{disciplineArt[discipline]}
								</span>
								<span className="mt-3 block font-medium sm:text-lg">{disciplineNames[discipline][locale]}</span>
							</Link>
						</li>
					))}
				</ul>
			</section>

			{featured.length > 0 ? (
				<section className="mx-auto max-w-6xl px-5 pb-12 sm:px-6 sm:pb-16" aria-labelledby="featured-title">
					<div className="flex items-baseline justify-between gap-3">
						<h2 id="featured-title" className="text-2xl font-semibold sm:text-3xl">
							{t("home.featured.title", { city: featuredCity.name })}
						</h2>
						<Link
							to={`/coaches?${new URLSearchParams({ city: featuredCity.code })}`}
							className="shrink-0 font-medium text-cloth-700 hover:text-cloth-900"
						>
							{t("home.featured.all")} <span aria-hidden>→</span>
						</Link>
					</div>
					<ul className="mt-6 grid gap-3 md:grid-cols-2" data-testid="featured-coaches">
						{featured.map((coach) => (
							<CoachCard key={coach.id} coach={coach} locale={locale} profileSearch="" />
						))}
					</ul>
				</section>
			) : null}

			<section className="mx-auto max-w-6xl px-5 pb-12 sm:px-6 sm:pb-16" aria-labelledby="cities-title">
				<h2 id="cities-title" className="text-2xl font-semibold sm:text-3xl">
					{t("home.cities.title")}
				</h2>
				<ul className="mt-4 flex flex-wrap gap-2">
					{cities.map((city) => (
						<li key={city.code}>
							<Link
								to={`/coaches?${new URLSearchParams({ city: city.code })}`}
								className="inline-flex h-11 items-center rounded-full bg-white px-5 font-medium text-cloth-800 ring-1 ring-inset ring-cloth-200 hover:bg-cloth-50"
							>
								{city.name}
							</Link>
						</li>
					))}
				</ul>
			</section>

			<section className="bg-white" aria-labelledby="courses-title">
				<div className="mx-auto max-w-6xl px-5 py-12 sm:px-6 sm:py-16">
					<h2 id="courses-title" className="text-2xl font-semibold sm:text-3xl">
						{t("home.courses.title")}
					</h2>
					<p className="mt-2 text-muted">{t("home.courses.body")}</p>
					<ul className="mt-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
						{courseTypes.map((courseType) => (
							<li key={courseType} className="rounded-(--radius-card) border border-line p-4">
								<h3 className="font-semibold text-cloth-800">{courseTypeNames[courseType][locale]}</h3>
								<p className="mt-1 text-sm text-muted">{courseTypeDescriptions[courseType][locale]}</p>
							</li>
						))}
					</ul>
				</div>
			</section>

			<section id="how" className="mx-auto max-w-6xl scroll-mt-20 px-5 py-12 sm:px-6 sm:py-16" aria-labelledby="how-title">
				<h2 id="how-title" className="text-2xl font-semibold sm:text-3xl">
					{t("home.how.title")}
				</h2>
				<ol className="mt-6 grid gap-4 sm:grid-cols-3">
					{[1, 2, 3].map((step) => (
						<li key={step} className="flex gap-4 rounded-(--radius-card) bg-white p-5 shadow-(--shadow-card)">
							<span
								aria-hidden
								className="flex size-10 shrink-0 items-center justify-center rounded-full bg-wood-100 font-semibold text-wood-700"
							>
								{step}
							</span>
							<div>
								<h3 className="font-semibold">{t(`home.how.step${step}Title`)}</h3>
								<p className="mt-1 text-sm text-muted">{t(`home.how.step${step}Body`)}</p>
							</div>
						</li>
					))}
				</ol>
			</section>

			<section className="bg-cloth-50" aria-labelledby="trust-title">
				<div className="mx-auto max-w-6xl px-5 py-12 sm:px-6 sm:py-16">
					<h2 id="trust-title" className="text-2xl font-semibold sm:text-3xl">
						{t("home.trust.title")}
					</h2>
					<ul className="mt-6 grid gap-4 sm:grid-cols-3">
						{(["verified", "prices", "pay"] as const).map((item) => (
							<li key={item} className="rounded-(--radius-card) bg-white p-5">
								<h3 className="font-semibold text-cloth-800">{t(`home.trust.${item}Title`)}</h3>
								<p className="mt-2 text-sm text-muted">{t(`home.trust.${item}Body`)}</p>
							</li>
						))}
					</ul>
				</div>
			</section>

			<section className="mx-auto max-w-6xl px-5 py-12 sm:px-6 sm:py-16" aria-labelledby="audiences-title">
				<h2 id="audiences-title" className="text-2xl font-semibold sm:text-3xl">
					{t("home.audiences.title")}
				</h2>
				<ul className="mt-6 grid gap-4 sm:grid-cols-2">
					{(["players", "coaches"] as const).map((audience) => (
						<li key={audience} className="rounded-(--radius-card) border border-line bg-white p-5">
							<h3 className="text-lg font-semibold">{t(`home.audiences.${audience}Title`)}</h3>
							<p className="mt-2 text-muted">{t(`home.audiences.${audience}Body`)}</p>
							<Link
								to={audienceLinks[audience].to}
								className="mt-3 inline-flex items-center gap-1 font-medium text-cloth-700 hover:text-cloth-900"
							>
								{t(audienceLinks[audience].labelKey)} <span aria-hidden>→</span>
							</Link>
						</li>
					))}
				</ul>
			</section>
			{signedIn ? null : (
				<section className="bg-cloth-900 text-white" aria-labelledby="cta-title">
					<div className="mx-auto flex max-w-6xl flex-col items-start gap-4 px-5 py-12 sm:flex-row sm:items-center sm:justify-between sm:px-6">
						<div>
							<h2 id="cta-title" className="text-2xl font-semibold">
								{t("home.cta.title")}
							</h2>
							<p className="mt-1 text-cloth-100">{t("home.cta.body")}</p>
						</div>
						<Link
							to="/login"
							className="inline-flex h-12 items-center rounded-full bg-wood-300 px-6 font-medium text-cloth-950 hover:bg-wood-100"
						>
							{t("home.cta.action")}
						</Link>
					</div>
				</section>
			)}
		</>
	);
}
