import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { isAppError } from "~/lib/errors";
import { localeOfRequest, pageTitle } from "~/lib/i18n";
import { redirectWithToast } from "~/lib/toast.server";
import { requireUser } from "~/modules/accounts/guards.server";
import { disciplines } from "~/modules/coaches/catalog";
import { cityOptions, defaultCityCode } from "~/modules/coaches/cities";
import { LevelBadge } from "~/modules/community/partners/components/level-badge";
import { sendInvitation } from "~/modules/community/partners/invitations.server";
import { readMyPartnerCard, savePartnerCard } from "~/modules/community/partners/partner-card.server";
import { invitationInputSchema, partnerCardSchema, partnerSearchSchema } from "~/modules/community/partners/schema";
import { searchPartners } from "~/modules/community/partners/search-partners.server";
import { partnerLevels, usualTimes } from "~/modules/community/partners/vocabulary";
import { citiesWithDistricts, districtsOf } from "~/modules/places/districts";
import { Button } from "~/ui/button";
import { EmptyState } from "~/ui/empty-state";
import { Field } from "~/ui/field";
import { Select } from "~/ui/select";
import type { Route } from "./+types/partners";

/**
 * 找球友: search players open to sparring near a district (its centre is the search point: the page
 * never asks for or shows a precise place), invite one with a note, and keep one's own card.
 */
export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const url = new URL(request.url);
	const card = await readMyPartnerCard(session.user.id);
	const cityCode = url.searchParams.get("city") ?? card?.cityCode ?? defaultCityCode;
	const district = url.searchParams.get("district") ?? card?.district ?? "";
	const discipline = url.searchParams.get("discipline") ?? card?.discipline ?? "chinese_8_ball";
	const minLevel = url.searchParams.get("minLevel") ?? "";
	const maxLevel = url.searchParams.get("maxLevel") ?? "";
	const centre = districtsOf(cityCode).find((candidate) => candidate.name === district);
	let results: Awaited<ReturnType<typeof searchPartners>> | null = null;
	let searchError: string | null = null;
	if (centre) {
		const parsed = partnerSearchSchema.safeParse({
			lat: centre.latitude,
			lng: centre.longitude,
			discipline,
			minLevel: minLevel || undefined,
			maxLevel: maxLevel || undefined,
		});
		if (parsed.success) results = await searchPartners({ ...parsed.data, viewerId: session.user.id });
		else searchError = parsed.error.issues[0]?.message ?? "errors.badRequest";
	}
	const locale = localeOfRequest(request);
	const cityChoices = cityOptions(locale).filter((option) => citiesWithDistricts.includes(option.value));
	return {
		title: pageTitle(request, "social.partners.title"),
		card,
		query: { cityCode, district, discipline, minLevel, maxLevel },
		districtsByCity: Object.fromEntries(citiesWithDistricts.map((code) => [code, districtsOf(code).map((d) => d.name)])),
		cityChoices,
		results,
		searchError,
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request }: Route.ActionArgs) {
	const session = await requireUser(request);
	const form = await request.formData();
	const back = `/partners${new URL(request.url).search}`;
	const intent = form.get("intent");
	try {
		if (intent === "invite") {
			const parsed = invitationInputSchema.safeParse(Object.fromEntries(form));
			if (!parsed.success)
				return redirectWithToast(back, { kind: "error", messageKey: parsed.error.issues[0]?.message ?? "errors.badRequest" });
			await sendInvitation({ fromUserId: session.user.id, toUserId: parsed.data.toUserId, note: parsed.data.note });
			return redirectWithToast(back, { kind: "success", messageKey: "social.partners.inviteSent" });
		}
		const submitted = { ...Object.fromEntries(form), usualTimes: form.getAll("usualTimes") };
		const parsed = partnerCardSchema.safeParse(submitted);
		if (!parsed.success)
			return redirectWithToast(back, { kind: "error", messageKey: parsed.error.issues[0]?.message ?? "errors.badRequest" });
		const saved = await savePartnerCard(session.user.id, parsed.data);
		return redirectWithToast(
			`/partners?city=${saved.cityCode}&district=${encodeURIComponent(saved.district)}&discipline=${saved.discipline}`,
			{
				kind: "success",
				messageKey: "social.partners.saved",
			},
		);
	} catch (error) {
		if (!isAppError(error)) throw error;
		return redirectWithToast(back, { kind: "error", messageKey: error.messageKey });
	}
}

export default function Partners({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const { card, query, results, districtsByCity, cityChoices, searchError } = loaderData;
	const disciplineOptions = disciplines.map((value) => ({ value, label: t(`learning.disciplines.${value}`) }));
	const levelOptions = [
		{ value: "", label: t("social.partners.anyLevel") },
		...partnerLevels.map((level) => ({ value: String(level), label: t(`social.levels.${level}`) })),
	];
	const districtOptions = (city: string) => [
		{ value: "", label: "—" },
		...(districtsByCity[city] ?? []).map((name) => ({ value: name, label: name })),
	];
	return (
		<div className="mx-auto max-w-3xl space-y-8 px-4 py-6 sm:py-10">
			<header className="space-y-2">
				<div className="flex flex-wrap items-center justify-between gap-3">
					<h1 className="text-2xl font-semibold">{t("social.partners.title")}</h1>
					<div className="flex gap-3 text-sm">
						<Link className="text-cloth-700 hover:underline" to="/partners/invitations">
							{t("social.partners.invitationsLink")}
						</Link>
						<Link className="text-cloth-700 hover:underline" to="/messages">
							{t("social.messages.title")}
						</Link>
					</div>
				</div>
				<p className="text-muted">{t("social.partners.intro")}</p>
			</header>

			<section aria-labelledby="search-title" className="space-y-4">
				<h2 id="search-title" className="text-lg font-semibold">
					{t("social.partners.searchTitle")}
				</h2>
				<Form method="get" className="grid grid-cols-2 gap-3 rounded-2xl bg-white p-4 shadow-(--shadow-card) sm:grid-cols-3">
					<Field label={t("social.partners.city")}>
						{(wiring) => <Select {...wiring} name="city" defaultValue={query.cityCode} options={cityChoices} />}
					</Field>
					<Field label={t("social.partners.near")}>
						{(wiring) => (
							<Select {...wiring} name="district" defaultValue={query.district} options={districtOptions(query.cityCode)} />
						)}
					</Field>
					<Field label={t("social.partners.discipline")}>
						{(wiring) => <Select {...wiring} name="discipline" defaultValue={query.discipline} options={disciplineOptions} />}
					</Field>
					<Field label={t("social.partners.minLevel")}>
						{(wiring) => <Select {...wiring} name="minLevel" defaultValue={query.minLevel} options={levelOptions} />}
					</Field>
					<Field label={t("social.partners.maxLevel")}>
						{(wiring) => <Select {...wiring} name="maxLevel" defaultValue={query.maxLevel} options={levelOptions} />}
					</Field>
					<div className="flex items-end">
						<Button type="submit" className="w-full">
							{t("social.partners.search")}
						</Button>
					</div>
				</Form>
				{searchError ? (
					<p role="alert" className="text-sm text-danger">
						{t(searchError)}
					</p>
				) : null}
				{results === null ? (
					<p className="text-muted">{t("social.partners.noPoint")}</p>
				) : results.length === 0 ? (
					<EmptyState icon="🎱" title={t("social.partners.empty")} body={t("social.partners.emptyBody")} />
				) : (
					<ul className="space-y-3" aria-label={t("social.partners.searchTitle")}>
						{results.map((partner) => (
							<li key={partner.userId} className="space-y-3 rounded-2xl bg-white p-4 shadow-(--shadow-card)">
								<div className="flex flex-wrap items-start justify-between gap-2">
									<div className="space-y-1">
										<Link to={`/u/${partner.userId}`} className="font-semibold hover:underline">
											{partner.displayName}
										</Link>
										<div>
											<LevelBadge level={partner.level} />
										</div>
									</div>
									<p className="text-sm text-muted">
										{partner.district} ·{" "}
										{partner.distanceKm <= 1
											? t("social.partners.distanceNear")
											: t("social.partners.distance", { km: partner.distanceKm })}
									</p>
								</div>
								<p className="text-sm text-muted">
									{partner.usualTimes.map((time) => t(`social.usualTimes.${time}`)).join(" · ")}
								</p>
								<details>
									<summary className="cursor-pointer text-sm font-medium text-cloth-700">{t("social.partners.invite")}</summary>
									<Form method="post" className="mt-2 space-y-2">
										<input type="hidden" name="intent" value="invite" />
										<input type="hidden" name="toUserId" value={partner.userId} />
										<Field
											label={t("social.partners.note")}
											name="note"
											maxLength={200}
											required
											placeholder={t("social.partners.invitePlaceholder")}
										/>
										<Button type="submit" size="sm">
											{t("social.partners.sendInvite")}
										</Button>
									</Form>
								</details>
							</li>
						))}
					</ul>
				)}
			</section>

			<section aria-labelledby="card-title" className="space-y-3 rounded-2xl bg-white p-4 shadow-(--shadow-card)">
				<h2 id="card-title" className="text-lg font-semibold">
					{t("social.partners.myCard")}
				</h2>
				<p className="text-sm text-muted">{t("social.partners.myCardIntro")}</p>
				{card && !card.open ? <p className="text-sm text-muted">{t("social.partners.closedNote")}</p> : null}
				<Form method="post" className="grid gap-3 sm:grid-cols-2">
					<input type="hidden" name="intent" value="card" />
					<Field label={t("social.partners.discipline")}>
						{(wiring) => (
							<Select
								{...wiring}
								name="discipline"
								defaultValue={card?.discipline ?? "chinese_8_ball"}
								options={disciplineOptions}
							/>
						)}
					</Field>
					<Field label={t("social.partners.selfLevel")}>
						{(wiring) => (
							<Select {...wiring} name="selfLevel" defaultValue={String(card?.selfLevel ?? 2)} options={levelOptions.slice(1)} />
						)}
					</Field>
					<Field label={t("social.partners.city")}>
						{(wiring) => (
							<Select {...wiring} name="cityCode" defaultValue={card?.cityCode ?? query.cityCode} options={cityChoices} />
						)}
					</Field>
					<Field label={t("social.partners.district")}>
						{(wiring) => (
							<Select
								{...wiring}
								name="district"
								defaultValue={card?.district ?? query.district}
								options={districtOptions(card?.cityCode ?? query.cityCode)}
							/>
						)}
					</Field>
					<fieldset className="sm:col-span-2">
						<legend className="mb-1.5 text-sm font-medium">{t("social.partners.usualTimesLabel")}</legend>
						<div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
							{usualTimes.map((time) => (
								<label key={time} className="flex items-center gap-2 text-sm">
									<input
										type="checkbox"
										name="usualTimes"
										value={time}
										defaultChecked={card?.usualTimes.includes(time) ?? false}
									/>
									{t(`social.usualTimes.${time}`)}
								</label>
							))}
						</div>
					</fieldset>
					<label className="flex items-start gap-2 text-sm sm:col-span-2">
						<input
							type="checkbox"
							name="shareLearningLevel"
							defaultChecked={card?.shareLearningLevel ?? false}
							className="mt-1"
						/>
						{t("social.partners.shareLearningLevel")}
					</label>
					<label className="flex items-start gap-2 text-sm sm:col-span-2">
						{/* Unchecked boxes send nothing: the hidden "false" before it says so, the box's "on" wins when checked. */}
						<input type="hidden" name="open" value="false" />
						<input type="checkbox" name="open" defaultChecked={card?.open ?? true} className="mt-1" />
						{t("social.partners.open")}
					</label>
					<div className="sm:col-span-2">
						<Button type="submit">{t("social.partners.save")}</Button>
					</div>
				</Form>
			</section>
		</div>
	);
}
