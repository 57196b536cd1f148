import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";
import { loadLocaleTexts } from "./locales/client-texts";

// Only the page's language ships (see app/locales/client-texts.ts): its texts must be there before
// the first render, or hydration would meet keys where the server wrote words.
void loadLocaleTexts(document.documentElement.lang).then(() => {
	startTransition(() => {
		hydrateRoot(
			document,
			<StrictMode>
				<HydratedRouter />
			</StrictMode>,
		);
	});
});
