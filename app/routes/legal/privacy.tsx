import { i18nFor, localeOfRequest, pageTitle } from "~/lib/i18n";
import { LegalDocument } from "~/modules/legal/components/legal-document";
import { privacySections } from "~/modules/legal/documents";
import type { Route } from "./+types/privacy";

export function loader({ request }: Route.LoaderArgs) {
	return {
		title: pageTitle(request, "legal.privacy.title"),
		description: i18nFor(localeOfRequest(request)).t("legal.privacy.metaDescription"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
	{ title: loaderData?.title },
	{ name: "description", content: loaderData?.description },
];

export default function Privacy() {
	return <LegalDocument document="privacy" sections={privacySections} />;
}
