import { I18nextProvider } from "react-i18next";
import { Links, Meta, Outlet, Scripts, useRouteLoaderData } from "react-router";
import { i18nOf } from "./texts";

export function Layout({ children }: { children: React.ReactNode }) {
	const locale = useRouteLoaderData<{ locale: string }>("routes/coaches")?.locale ?? "zh-CN";
	return (
		<html lang={locale}>
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<Meta />
				<Links />
			</head>
			<body>
				<I18nextProvider i18n={i18nOf(locale)}>{children}</I18nextProvider>
				<Scripts />
			</body>
		</html>
	);
}

export default function App() {
	return <Outlet />;
}
