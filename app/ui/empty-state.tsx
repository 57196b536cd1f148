import type { ReactNode } from "react";

export function EmptyState({
	icon,
	title,
	body,
	action,
}: {
	icon?: ReactNode;
	title: string;
	body?: string;
	action?: ReactNode;
}) {
	return (
		<div className="flex flex-col items-center rounded-(--radius-card) border border-dashed border-line bg-white px-6 py-12 text-center">
			<div aria-hidden className="mb-4 flex size-14 items-center justify-center rounded-full bg-cloth-50 text-2xl text-cloth-700">
				{icon ?? "🎱"}
			</div>
			<h2 className="text-lg font-semibold">{title}</h2>
			{body ? <p className="mt-1 max-w-sm text-muted">{body}</p> : null}
			{action ? <div className="mt-6">{action}</div> : null}
		</div>
	);
}
