import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { Pagination } from "~/ui/pagination";
import { keysetLinks } from "../format";

/** Previous / next for a keyset-paged list, keeping every filter in the address. */
export function KeysetPagination({ nextCursor }: { nextCursor: string | null }) {
	const { t } = useTranslation();
	const [searchParams] = useSearchParams();
	const links = keysetLinks(searchParams, nextCursor);
	return <Pagination previous={links.previous} next={links.next} label={t("common.pagination.page", { page: links.page })} />;
}
