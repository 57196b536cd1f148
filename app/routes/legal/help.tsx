import { useTranslation } from "react-i18next";
import { i18nFor, localeOfRequest, pageTitle } from "~/lib/i18n";
import { privacyContactEmail } from "~/modules/legal/documents";
import type { Route } from "./+types/help";

const questions = ["book", "cancel", "problem", "coach", "data"] as const;

export function loader({ request }: Route.LoaderArgs) {
	return {
		title: pageTitle(request, "legal.help.title"),
		description: i18nFor(localeOfRequest(request)).t("legal.help.metaDescription"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
	{ title: loaderData?.title },
	{ name: "description", content: loaderData?.description },
];

export default function Help() {
	const { t } = useTranslation();
	return (
		<article className="mx-auto max-w-3xl px-4 py-8 sm:px-6 sm:py-12">
			<h1 className="text-2xl font-bold text-ink sm:text-3xl">{t("legal.help.title")}</h1>
			<div className="mt-6 space-y-3">
				{questions.map((id) => (
					<details key={id} className="rounded-2xl bg-white p-4 ring-1 ring-line" open={id === "book"}>
						<summary className="cursor-pointer font-medium text-ink">{t(`legal.help.questions.${id}.q`)}</summary>
						<p className="mt-2 leading-7 text-ink">{t(`legal.help.questions.${id}.a`)}</p>
					</details>
				))}
			</div>
			<h2 className="mt-8 text-lg font-semibold text-ink">{t("legal.help.contactTitle")}</h2>
			<p className="mt-2 leading-7 text-ink">{t("legal.help.contact", { email: privacyContactEmail })}</p>
		</article>
	);
}
