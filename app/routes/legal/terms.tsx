import { i18nFor, localeOfRequest, pageTitle } from "~/lib/i18n";
import { LegalDocument } from "~/modules/legal/components/legal-document";
import { termsSections } from "~/modules/legal/documents";
import type { Route } from "./+types/terms";

export function loader({ request }: Route.LoaderArgs) {
	return {
		title: pageTitle(request, "legal.terms.title"),
		description: i18nFor(localeOfRequest(request)).t("legal.terms.metaDescription"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
	{ title: loaderData?.title },
	{ name: "description", content: loaderData?.description },
];

export default function Terms() {
	return <LegalDocument document="terms" sections={termsSections} />;
}
