import { useTranslation } from "react-i18next";
import { VerifiedBadges } from "../../application/components/status-chip";
import { disciplineNames } from "../../catalog";
import { styleTagLabel } from "../../style-tags";
import type { ReviewDetail } from "../get-review-detail.server";
import { Facts, ReviewCard } from "./review-card";

type Application = ReviewDetail["application"];

function useLocale(): "zh-CN" | "en" {
	const { i18n } = useTranslation();
	return i18n.language === "en" ? "en" : "zh-CN";
}

/** Real name and ID number (in full while in review, when the reviewer checks them against each other; masked otherwise). */
export function IdentityCard({ identity }: { identity: Application["identity"] }) {
	const { t } = useTranslation();
	const none = <span className="text-muted">{t("coaching.review.none")}</span>;
	const idNumber = identity.idNumber ?? identity.idNumberMasked;
	return (
		<ReviewCard
			id="identity"
			title={t("coaching.review.identity")}
			aside={<VerifiedBadges badges={{ realName: identity.verified, certificate: false }} />}
		>
			<Facts
				rows={[
					{ label: t("coaching.review.realName"), value: identity.realName ?? none },
					{
						label: t("coaching.review.idNumber"),
						value: idNumber ? <span className="font-mono tabular-nums tracking-wide">{idNumber}</span> : none,
					},
					{ label: t("coaching.review.gender"), value: identity.gender ? t(`coaching.genders.${identity.gender}`) : none },
				]}
			/>
		</ReviewCard>
	);
}

/** What players will read: name, disciplines, level, experience, style and bio. */
export function ProfileCard({ profile }: { profile: Application["profile"] }) {
	const { t } = useTranslation();
	const locale = useLocale();
	const none = <span className="text-muted">{t("coaching.review.none")}</span>;
	return (
		<ReviewCard id="profile" title={t("coaching.review.profile")}>
			<Facts
				rows={[
					{ label: t("coaching.review.displayName"), value: profile.displayName || none },
					{
						label: t("coaching.review.disciplines"),
						value: profile.disciplines.length
							? profile.disciplines.map((code) => disciplineNames[code][locale]).join(" / ")
							: none,
					},
					{ label: t("coaching.review.level"), value: profile.level ? t(`coaching.levels.${profile.level}`) : none },
					{
						label: t("coaching.review.years"),
						value: profile.yearsExperience !== null ? t("coaching.review.yearsValue", { count: profile.yearsExperience }) : none,
					},
					{
						label: t("coaching.review.styleTags"),
						value: profile.styleTags.length ? (
							<span className="flex flex-wrap justify-end gap-1.5 sm:justify-start">
								{profile.styleTags.map((tag) => (
									<span key={tag} className="rounded-full bg-cloth-50 px-2.5 py-0.5 text-sm text-cloth-800">
										{styleTagLabel(tag, locale)}
									</span>
								))}
							</span>
						) : (
							none
						),
					},
					{ label: t("coaching.review.bio"), value: profile.bio || none, block: true },
				]}
			/>
		</ReviewCard>
	);
}

/** The city, the service area around a point, and the halls they teach in. */
export function WhereCard({
	area,
	places,
	cityName,
}: {
	area: Application["area"];
	places: Application["places"];
	cityName: string | null;
}) {
	const { t } = useTranslation();
	const none = <span className="text-muted">{t("coaching.review.none")}</span>;
	const radius = area.serviceRadiusKm;
	const serviceArea =
		radius === null
			? none
			: area.latitude !== null && area.longitude !== null
				? t("coaching.review.serviceAreaValue", {
						radius,
						latitude: area.latitude.toFixed(4),
						longitude: area.longitude.toFixed(4),
					})
				: t("coaches.search.radiusKm", { km: radius });
	return (
		<ReviewCard id="where" title={t("coaching.review.where")}>
			<Facts
				rows={[
					{ label: t("coaching.review.city"), value: cityName ?? area.cityCode ?? none },
					{ label: t("coaching.review.serviceArea"), value: serviceArea },
					{
						label: t("coaching.review.places"),
						block: true,
						value: places.length ? (
							<ul className="space-y-2">
								{places.map((place) => (
									<li key={place.id}>
										<p className="font-medium">{place.name}</p>
										{place.address ? <p className="text-sm text-muted">{place.address}</p> : null}
										<p className="text-xs tabular-nums text-muted">
											{place.latitude.toFixed(4)}, {place.longitude.toFixed(4)}
										</p>
									</li>
								))}
							</ul>
						) : (
							none
						),
					},
				]}
			/>
		</ReviewCard>
	);
}
