import { lazy, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { pageTitle } from "~/lib/i18n";
import type { Route } from "./+types/second-camera";

// Loaded in the browser only: the key is in the address's fragment, which never reaches the server.
const SecondCamera = lazy(() => import("~/modules/booking/online-lesson/components/second-camera.client"));

export async function loader({ request }: Route.LoaderArgs) {
	return { title: pageTitle(request, "booking.online.secondCamera.pageTitle") };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

/** The phone over the table: no sign-in, the QR code's key makes it the same person's second camera. */
export default function SecondCameraPage() {
	const { t } = useTranslation();
	const [hydrated, setHydrated] = useState(false);
	useEffect(() => setHydrated(true), []);
	return (
		<div className="mx-auto max-w-3xl space-y-3 px-3 pt-4 pb-16">
			<h1 className="text-2xl font-semibold">{t("booking.online.secondCamera.title")}</h1>
			<p className="text-sm text-muted">{t("booking.online.secondCamera.intro")}</p>
			{hydrated ? (
				<Suspense fallback={<p className="text-muted">{t("booking.online.loading")}</p>}>
					<SecondCamera />
				</Suspense>
			) : (
				<p className="text-muted">{t("booking.online.loading")}</p>
			)}
		</div>
	);
}
