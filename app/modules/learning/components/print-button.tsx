import { useTranslation } from "react-i18next";
import { Button } from "~/ui/button";

/** Opens the browser's print dialog (the report's print CSS lays it out for paper). */
export function PrintButton() {
	const { t } = useTranslation();
	return (
		<Button type="button" size="sm" onClick={() => window.print()}>
			{t("learning.report.print")}
		</Button>
	);
}
