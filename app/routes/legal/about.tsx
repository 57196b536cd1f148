import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { i18nFor, localeOfRequest, pageTitle } from "~/lib/i18n";
import { SectionBody } from "~/modules/legal/components/legal-document";
import type { Route } from "./+types/about";

export function loader({ request }: Route.LoaderArgs) {
	return {
		title: pageTitle(request, "legal.about.title"),
		description: i18nFor(localeOfRequest(request)).t("legal.about.metaDescription"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
	{ title: loaderData?.title },
	{ name: "description", content: loaderData?.description },
];

export default function About() {
	const { t } = useTranslation();
	return (
		<article className="mx-auto max-w-3xl px-4 py-8 sm:px-6 sm:py-12">
			<h1 className="text-2xl font-bold text-ink sm:text-3xl">{t("legal.about.title")}</h1>
			<SectionBody text={t("legal.about.body")} />
			<p className="mt-6 flex flex-wrap gap-4 text-sm">
				<Link to="/help" className="text-cloth-700 hover:underline">
					{t("legal.footer.help")}
				</Link>
				<Link to="/terms" className="text-cloth-700 hover:underline">
					{t("legal.footer.terms")}
				</Link>
				<Link to="/privacy" className="text-cloth-700 hover:underline">
					{t("legal.footer.privacy")}
				</Link>
			</p>
		</article>
	);
}
