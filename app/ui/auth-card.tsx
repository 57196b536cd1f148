import type { ReactNode } from "react";

/** The narrow centred card of the sign-in, sign-up and recovery pages. */
export function AuthCard({
	title,
	subtitle,
	children,
	footer,
}: {
	title: string;
	subtitle?: string;
	children: ReactNode;
	footer?: ReactNode;
}) {
	return (
		<div className="mx-auto w-full max-w-md px-4 py-8 sm:py-14">
			<div className="rounded-3xl bg-white p-6 shadow-(--shadow-card) sm:p-8">
				<h1 className="text-2xl font-semibold">{title}</h1>
				{subtitle ? <p className="mt-1 text-sm text-muted">{subtitle}</p> : null}
				<div className="mt-6">{children}</div>
			</div>
			{footer ? <div className="mt-5 text-center text-sm text-muted">{footer}</div> : null}
		</div>
	);
}
