import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "~/ui/button";
import { Dialog } from "~/ui/dialog";

/** Remembered in this browser once agreed, so the confirm is asked one time, not before every search. */
const agreedKey = "cuepal.precise-location-consent";

/**
 * Precise location is sensitive personal information (PIPL): before the browser's own prompt, say
 * what it is used for and ask once. `ask(locate)` runs `locate` at once if already agreed.
 */
export function useLocationConsent() {
	const { t } = useTranslation();
	const [pending, setPending] = useState<(() => void) | null>(null);
	const ask = (locate: () => void) => {
		if (window.localStorage.getItem(agreedKey) === "yes") return locate();
		setPending(() => locate);
	};
	const dialog = (
		<Dialog open={pending !== null} onClose={() => setPending(null)} title={t("legal.consent.location.title")}>
			<p className="leading-7 text-ink">{t("legal.consent.location.body")}</p>
			<div className="mt-5 flex flex-wrap justify-end gap-2">
				<Button type="button" variant="secondary" onClick={() => setPending(null)}>
					{t("legal.consent.location.cancel")}
				</Button>
				<Button
					type="button"
					onClick={() => {
						window.localStorage.setItem(agreedKey, "yes");
						const locate = pending;
						setPending(null);
						locate?.();
					}}
				>
					{t("legal.consent.location.allow")}
				</Button>
			</div>
		</Dialog>
	);
	return { ask, dialog };
}
