import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { z } from "zod";
import { i18nFor, localeOfRequest } from "~/lib/i18n";
import { formatFen } from "~/lib/money";
import { orPageError } from "~/lib/page-errors.server";
import { getUserSession } from "~/modules/accounts/guards.server";
import { weekOfFreeTimes } from "~/modules/booking/booking-form.server";
import { CancellationPolicyText } from "~/modules/booking/components/cancellation-policy";
import { WeekStrip } from "~/modules/booking/components/week-strip";
import { courseTypeNames, disciplineNames } from "~/modules/coaches/catalog";
import { Badges } from "~/modules/coaches/components/badges";
import { PhotoGallery } from "~/modules/coaches/profile/components/photo-gallery";
import { ReliabilityFacts } from "~/modules/coaches/profile/components/reliability-facts";
import { getPublicCoachProfile } from "~/modules/coaches/profile/get-public-profile.server";
import { RatingSummaryCard } from "~/modules/coaches/reviews/components/rating-summary";
import { ReviewCard } from "~/modules/coaches/reviews/components/review-card";
import { listCoachReviews } from "~/modules/coaches/reviews/list-reviews.server";
import { reviewSorts } from "~/modules/coaches/reviews/schema";
import { ButtonLink } from "~/ui/button";
import { cn } from "~/ui/cn";
import { EmptyState } from "~/ui/empty-state";
import type { Route } from "./+types/profile";

const viewerSchema = z.object({ lat: z.coerce.number().min(-90).max(90), lng: z.coerce.number().min(-180).max(180) });
const reviewPageSchema = z.object({
	reviewSort: z.enum(reviewSorts).catch("newest"),
	reviewCursor: z.string().max(200).optional().catch(undefined),
});

export async function loader({ request, params }: Route.LoaderArgs) {
	const url = new URL(request.url);
	const viewer = viewerSchema.safeParse(Object.fromEntries(url.searchParams));
	const locale = localeOfRequest(request);
	const coach = await orPageError(
		getPublicCoachProfile(params.coachId, viewer.success ? { latitude: viewer.data.lat, longitude: viewer.data.lng } : undefined),
	);
	const { t } = i18nFor(locale);
	const week = await weekOfFreeTimes({ coachId: coach.id, offeringId: url.searchParams.get("offeringId") ?? undefined });
	const reviewPage = reviewPageSchema.parse(Object.fromEntries(url.searchParams));
	// A signed-in visitor's 有用 votes show as pressed toggles on the cards.
	const viewerId = (await getUserSession(request))?.user.id;
	// A stale or foreign cursor shows the first page rather than an error page.
	const reviews = await listCoachReviews({
		coachId: coach.id,
		sort: reviewPage.reviewSort,
		cursor: reviewPage.reviewCursor,
		limit: 10,
		viewerId,
	}).catch(() => listCoachReviews({ coachId: coach.id, sort: reviewPage.reviewSort, limit: 10, viewerId }));
	const cheapest = coach.offerings.reduce<(typeof coach.offerings)[number] | null>(
		(low, item) => (!low || item.priceFen < low.priceFen ? item : low),
		null,
	);
	const level = coach.level ? t(`coaches.levels.${coach.level}`) : "";
	const summary = [
		level,
		coach.disciplines.map((code) => disciplineNames[code][locale]).join("/"),
		cheapest
			? `${courseTypeNames[cheapest.courseType][locale]} ${t("coaches.profile.minutes", { minutes: cheapest.durationMinutes })} ${formatFen(cheapest.priceFen, locale)}`
			: "",
	]
		.filter(Boolean)
		.join(" · ");
	return {
		coach,
		week,
		reviews,
		reviewSort: reviewPage.reviewSort,
		locale,
		origin: url.origin,
		meta: {
			title: `${coach.displayName} · ${level || t("coaches.search.title")} · ${t("common.appNameFull")}`,
			description: `${summary}。${(coach.bio ?? "").slice(0, 80)}`,
			image: coach.photos[0]?.cardUrl ?? null,
		},
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => {
	if (!loaderData) return [];
	const { meta: page, origin } = loaderData;
	return [
		{ title: page.title },
		{ name: "description", content: page.description },
		{ property: "og:type", content: "profile" },
		{ property: "og:title", content: page.title },
		{ property: "og:description", content: page.description },
		...(page.image ? [{ property: "og:image", content: `${origin}${page.image}` }] : []),
		{ name: "twitter:card", content: page.image ? "summary_large_image" : "summary" },
	];
};

function Section({ title, children }: { title: string; children: React.ReactNode }) {
	return (
		<section className="rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6">
			<h2 className="text-lg font-semibold">{title}</h2>
			<div className="mt-3">{children}</div>
		</section>
	);
}

export default function CoachProfile({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const { coach, week, locale, reviews, reviewSort } = loaderData;
	const bookLink = (offeringId: string) => `/coaches/${coach.id}/book?${new URLSearchParams({ offeringId })}`;
	const cityName = coach.city ? (locale === "en" ? coach.city.nameEn : coach.city.nameZh) : "";
	const byCourse = new Map<string, typeof coach.offerings>();
	for (const offering of coach.offerings)
		byCourse.set(offering.courseType, [...(byCourse.get(offering.courseType) ?? []), offering]);

	return (
		<div className="mx-auto max-w-3xl space-y-5 px-4 py-5 sm:py-8">
			<Link to="/coaches" className="text-sm text-cloth-700 hover:underline">
				← {t("coaches.profile.back")}
			</Link>

			{coach.photos.length > 0 ? <PhotoGallery photos={coach.photos} coachName={coach.displayName} /> : null}

			<header className="rounded-3xl bg-cloth-900 p-5 text-white sm:p-6">
				<h1 className="text-2xl font-semibold sm:text-3xl">{coach.displayName}</h1>
				<p className="mt-1 text-cloth-100">
					{[
						coach.level ? t(`coaches.levels.${coach.level}`) : null,
						coach.yearsExperience ? t("coaches.profile.yearsExperience", { years: coach.yearsExperience }) : null,
						coach.gender ? t(`coaches.genders.${coach.gender}`) : null,
					]
						.filter(Boolean)
						.join(" · ")}
				</p>
				{coach.rating ? (
					<a href="#reviews" className="mt-2 inline-block text-wood-300 hover:underline">
						★ {t("coaches.search.ratingCount", { rating: coach.rating.average.toFixed(1), count: coach.rating.count })}
					</a>
				) : null}
				<div className="[&_li]:bg-white/15 [&_li]:text-white">
					<Badges badges={coach.badges} />
				</div>
				<ReliabilityFacts reliability={coach.reliability} />
				{coach.acceptingBookings ? null : (
					<p className="mt-3 rounded-xl bg-wood-300 px-3 py-2 text-sm text-cloth-950">{t("coaches.profile.paused")}</p>
				)}
			</header>

			<Section title={t("coaches.profile.about")}>
				<dl className="grid gap-3 text-sm sm:grid-cols-2">
					<div>
						<dt className="text-muted">{t("coaches.profile.disciplines")}</dt>
						<dd className="mt-1 flex flex-wrap gap-1.5">
							{coach.disciplines.map((code) => (
								<span key={code} className="rounded-full bg-cloth-50 px-2.5 py-0.5 text-cloth-800">
									{disciplineNames[code][locale]}
								</span>
							))}
						</dd>
					</div>
					{coach.styleTags.length > 0 ? (
						<div>
							<dt className="text-muted">{t("coaches.profile.style")}</dt>
							<dd className="mt-1 flex flex-wrap gap-1.5">
								{coach.styleTags.map((tag) => (
									<span key={tag} className="rounded-full bg-wood-100 px-2.5 py-0.5 text-wood-700">
										{tag}
									</span>
								))}
							</dd>
						</div>
					) : null}
				</dl>
				{coach.bio ? <p className="mt-4 whitespace-pre-line leading-relaxed">{coach.bio}</p> : null}
				{coach.certificates.length > 0 ? (
					<div className="mt-4">
						<h3 className="text-sm text-muted">{t("coaches.profile.certificates")}</h3>
						<ul className="mt-1 space-y-1 text-sm">
							{coach.certificates.map((certificate) => (
								<li key={`${certificate.issuer}-${certificate.level}`}>
									✓ {certificate.issuer} · {certificate.level}
								</li>
							))}
						</ul>
					</div>
				) : null}
			</Section>

			{coach.introVideoUrl ? (
				<Section title={t("coaches.profile.video")}>
					{/* biome-ignore lint/a11y/useMediaCaption: the coach's own introduction has no caption track to offer */}
					<video
						src={coach.introVideoUrl}
						controls
						preload="metadata"
						aria-label={t("coaches.profile.video")}
						className="aspect-video w-full rounded-2xl bg-ink"
					/>
				</Section>
			) : null}

			{week ? (
				<Section title={t("booking.player.week.title")}>
					{week.accepting ? (
						<>
							{coach.offerings.length > 1 ? (
								<ul className="mb-3 flex flex-wrap gap-2" aria-label={t("coaches.profile.offerings")}>
									{coach.offerings.map((offering) => (
										<li key={offering.id}>
											<Link
												to={`?${new URLSearchParams({ offeringId: offering.id })}`}
												preventScrollReset
												aria-current={offering.id === week.offeringId ? "true" : undefined}
												className={cn(
													"inline-flex h-9 items-center rounded-full px-3 text-sm ring-1 ring-inset",
													offering.id === week.offeringId
														? "bg-cloth-700 text-white ring-cloth-700"
														: "bg-white ring-line hover:bg-paper",
												)}
											>
												{courseTypeNames[offering.courseType][locale]} ·{" "}
												{t("coaches.profile.minutes", { minutes: offering.durationMinutes })}
											</Link>
										</li>
									))}
								</ul>
							) : null}
							<p className="mb-2 text-sm text-muted">{t("booking.player.week.hint")}</p>
							<WeekStrip coachId={coach.id} offeringId={week.offeringId} days={week.days} />
						</>
					) : (
						<p className="rounded-xl bg-wood-100 px-3 py-2 text-sm text-wood-700" data-testid="paused">
							<strong>{t("booking.player.paused")}</strong> · {t("booking.player.pausedBody")}
						</p>
					)}
				</Section>
			) : null}

			<Section title={t("coaches.profile.offerings")}>
				<p className="text-sm text-muted">{t("coaches.profile.offeringsBody")}</p>
				<div className="mt-3 divide-y divide-line" data-testid="offerings">
					{[...byCourse.entries()].map(([courseType, items]) => (
						<div key={courseType} className="py-3">
							<h3 className="font-medium">{courseTypeNames[courseType as keyof typeof courseTypeNames][locale]}</h3>
							<ul className="mt-1.5 space-y-1">
								{items.map((offering) => (
									<li key={offering.id} className="flex min-h-11 items-center justify-between gap-3 text-sm">
										<span>
											{t("coaches.profile.minutes", { minutes: offering.durationMinutes })}
											{offering.online ? (
												<span className="ml-2 rounded-full bg-cloth-50 px-2 py-0.5 text-xs text-cloth-800">
													{t("coaches.profile.online")}
												</span>
											) : null}
										</span>
										<span className="flex items-center gap-3">
											<strong className="text-base text-wood-700">{formatFen(offering.priceFen, locale)}</strong>
											{coach.acceptingBookings ? (
												<ButtonLink
													to={bookLink(offering.id)}
													size="sm"
													aria-label={`${t("booking.player.book")} ${courseTypeNames[offering.courseType][locale]} ${t("coaches.profile.minutes", { minutes: offering.durationMinutes })}`}
												>
													{t("booking.player.book")}
												</ButtonLink>
											) : null}
										</span>
									</li>
								))}
							</ul>
						</div>
					))}
				</div>
			</Section>

			<Section title={t("coaches.profile.where")}>
				<ul className="space-y-2 text-sm">
					{coach.places.map((place) => (
						<li key={place.id} className="flex justify-between gap-3">
							<span>
								<strong className="font-medium">{place.name}</strong>
								{place.address ? <span className="block text-muted">{place.address}</span> : null}
							</span>
							{place.distanceKm !== null ? (
								<span className="shrink-0 text-muted">{t("coaches.profile.distance", { km: place.distanceKm })}</span>
							) : null}
						</li>
					))}
					{coach.serviceArea ? (
						<li className="flex justify-between gap-3">
							<span>{t("coaches.profile.serviceArea", { city: cityName, radius: coach.serviceArea.radiusKm })}</span>
							{coach.serviceArea.distanceKm !== null ? (
								<span className="shrink-0 text-muted">{t("coaches.profile.distance", { km: coach.serviceArea.distanceKm })}</span>
							) : null}
						</li>
					) : null}
				</ul>
			</Section>

			<Section title={t("coaches.profile.policy")}>
				<CancellationPolicyText policy={coach.cancellationPolicy} />
			</Section>

			<section id="reviews" className="scroll-mt-4">
				<Section title={t("coaches.profile.reviews")}>
					{reviews.summary.count > 0 ? (
						<>
							<RatingSummaryCard summary={reviews.summary} />
							<nav aria-label={t("coaches.reviews.sortLabel")} className="mt-4 flex flex-wrap gap-2">
								{reviewSorts.map((sort) => (
									<Link
										key={sort}
										to={`?${new URLSearchParams({ reviewSort: sort })}#reviews`}
										preventScrollReset
										aria-current={sort === reviewSort ? "true" : undefined}
										className={cn(
											"inline-flex h-9 items-center rounded-full px-3 text-sm ring-1 ring-inset",
											sort === reviewSort ? "bg-cloth-700 text-white ring-cloth-700" : "bg-white ring-line hover:bg-paper",
										)}
									>
										{t(`coaches.reviews.sorts.${sort}`)}
									</Link>
								))}
							</nav>
							<div className="mt-2 divide-y divide-line">
								{reviews.items.map((review) => (
									<ReviewCard key={review.id} review={review} reportable votable />
								))}
							</div>
							{reviews.nextCursor ? (
								<ButtonLink
									to={`?${new URLSearchParams({ reviewSort, reviewCursor: reviews.nextCursor })}#reviews`}
									preventScrollReset
									variant="secondary"
									className="mt-2 w-full"
								>
									{t("coaches.reviews.more")}
								</ButtonLink>
							) : null}
						</>
					) : (
						<EmptyState icon="★" title={t("coaches.profile.noReviews")} body={t("coaches.profile.noReviewsBody")} />
					)}
				</Section>
			</section>
		</div>
	);
}
