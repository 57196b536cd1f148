import { useTranslation } from "react-i18next";
import { cn } from "./cn";

/** A message about the whole form (not one field): an error, or a quiet success note. */
export function FormAlert({
	messageKey,
	params,
	tone = "error",
}: {
	messageKey?: string | null;
	params?: Record<string, string | number>;
	tone?: "error" | "success";
}) {
	const { t } = useTranslation();
	if (!messageKey) return null;
	return (
		<p
			role={tone === "error" ? "alert" : "status"}
			className={cn(
				"rounded-xl px-4 py-3 text-sm",
				tone === "error" ? "bg-red-50 text-danger ring-1 ring-red-200" : "bg-cloth-50 text-cloth-800 ring-1 ring-cloth-200",
			)}
		>
			{t(messageKey, params ?? {})}
		</p>
	);
}
