import type { ReactNode } from "react";
import { cn } from "~/ui/cn";

/** One part of the application on the review page: a titled card, with an optional hint and aside. */
export function ReviewCard({
	id,
	title,
	hint,
	aside,
	className,
	children,
}: {
	id: string;
	title: string;
	hint?: string;
	aside?: ReactNode;
	className?: string;
	children: ReactNode;
}) {
	return (
		<section aria-labelledby={`${id}-title`} className={cn("rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6", className)}>
			<div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
				<h2 id={`${id}-title`} className="text-lg font-semibold">
					{title}
				</h2>
				{aside}
			</div>
			{hint ? <p className="mt-1 text-sm text-muted">{hint}</p> : null}
			<div className="mt-3">{children}</div>
		</section>
	);
}

/** Label and value rows; long values (a bio) wrap under their label on a phone. */
export function Facts({ rows }: { rows: Array<{ label: string; value: ReactNode; block?: boolean }> }) {
	return (
		<dl className="divide-y divide-line">
			{rows.map((row) => (
				<div
					key={row.label}
					className={cn(
						"gap-4 py-2.5 text-[15px]",
						row.block ? "space-y-1 sm:flex sm:space-y-0" : "flex justify-between sm:justify-start",
					)}
				>
					<dt className="shrink-0 text-muted sm:w-28">{row.label}</dt>
					<dd className={cn("min-w-0 break-words", row.block ? "whitespace-pre-line" : "text-right sm:text-left")}>
						{row.value}
					</dd>
				</div>
			))}
		</dl>
	);
}
