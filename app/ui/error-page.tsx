import { useTranslation } from "react-i18next";
import { isRouteErrorResponse, useRouteError } from "react-router";
import { ButtonLink } from "./button";
import { cn } from "./cn";

const pages: Record<number, { icon: string; title: string; body: string }> = {
	403: { icon: "🔒", title: "errors.forbidden", body: "errors.forbiddenBody" },
	404: { icon: "🔍", title: "errors.notFound", body: "errors.notFoundBody" },
	503: { icon: "🛠", title: "errors.serviceUnavailable", body: "errors.serviceUnavailableBody" },
};
const unexpected = { icon: "⚠", title: "errors.internal", body: "errors.internalBody" };

/**
 * The friendly page an error boundary shows for the route error it caught (404, 403, 503 or
 * anything unexpected as 500): what happened in the reader's language and the way home, never a
 * stack trace. `appName` is the i18n key of the name in the title; `className` places it in its frame.
 */
export function RouteErrorPage({ appName, className }: { appName: string; className: string }) {
	const error = useRouteError();
	const { t } = useTranslation();
	const status = isRouteErrorResponse(error) ? error.status : 500;
	const page = pages[status] ?? unexpected;
	return (
		<div className={cn("flex items-center justify-center px-6 py-16", className)}>
			<title>{`${t(page.title)} · ${t(appName)}`}</title>
			<div className="max-w-md text-center">
				<div aria-hidden className="mx-auto mb-6 flex size-20 items-center justify-center rounded-full bg-cloth-50 text-4xl">
					{page.icon}
				</div>
				<p className="text-sm font-medium tracking-widest text-cloth-700">{status}</p>
				<h1 className="mt-2 text-2xl font-semibold">{t(page.title)}</h1>
				<p className="mt-3 text-muted">{t(page.body)}</p>
				<div className="mt-8 flex justify-center gap-3">
					<ButtonLink to="/" reloadDocument>
						{t("common.actions.goHome")}
					</ButtonLink>
				</div>
			</div>
		</div>
	);
}
