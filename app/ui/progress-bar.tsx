import { useTranslation } from "react-i18next";
import { useNavigation } from "react-router";

/** A thin bar at the top of the window while a navigation or form submission is under way. */
export function NavigationProgress() {
	const { t } = useTranslation();
	const navigation = useNavigation();
	if (navigation.state === "idle") return null;
	return (
		<div
			role="progressbar"
			aria-label={t("common.loading")}
			className="fixed inset-x-0 top-0 z-50 h-0.5 overflow-hidden bg-cloth-100"
		>
			<div className="h-full w-2/5 bg-cloth-500 animate-[progress-indeterminate_1s_ease-in-out_infinite]" />
		</div>
	);
}
