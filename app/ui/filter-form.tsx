import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Form, useLocation, useNavigation } from "react-router";
import { Button, ButtonLink } from "./button";

/** Whether any filter of a list is set (the clear link and the "no match" empty state depend on it). */
export const isFiltered = (values: Record<string, string>) => Object.values(values).some(Boolean);

/** A filter field's message, translated, or nothing. */
export function useFilterError(errors: Record<string, string>) {
	const { t } = useTranslation();
	return (name: string) => (errors[name] ? t(errors[name]) : null);
}

/**
 * The filter bar of a list filtered through the address: the fields (children, laid out by
 * `gridClassName`), apply, clear when something is set, and a message that belongs to no one field
 * (a stale page cursor).
 */
export function FilterForm({
	label,
	values,
	alert,
	gridClassName,
	children,
}: {
	label: string;
	values: Record<string, string>;
	/** An i18n key. */
	alert?: string | null;
	gridClassName: string;
	children: ReactNode;
}) {
	const { t } = useTranslation();
	const { pathname } = useLocation();
	const navigation = useNavigation();
	const filtering = navigation.state === "loading" && navigation.location.pathname === pathname;
	return (
		<Form method="get" aria-label={label} className="rounded-3xl bg-white p-4 shadow-(--shadow-card) sm:p-5">
			<div className={gridClassName}>{children}</div>
			<div className="mt-3 flex gap-2">
				<Button type="submit" busy={filtering} className="flex-1 sm:flex-none">
					{t("common.filters.apply")}
				</Button>
				{isFiltered(values) ? (
					<ButtonLink to={pathname} variant="ghost" className="flex-1 sm:flex-none">
						{t("common.filters.clear")}
					</ButtonLink>
				) : null}
			</div>
			{alert ? (
				<p role="alert" className="mt-3 text-sm text-danger">
					{t(alert)}
				</p>
			) : null}
		</Form>
	);
}
