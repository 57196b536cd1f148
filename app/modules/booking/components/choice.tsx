import type { ReactNode } from "react";
import { cn } from "~/ui/cn";

/** A radio drawn as a card or a button (the native radio stays, so it posts and works by keyboard without JavaScript). */
export function Choice({
	name,
	value,
	defaultChecked,
	children,
	compact,
	describedBy,
}: {
	name: string;
	value: string;
	defaultChecked?: boolean;
	children: ReactNode;
	compact?: boolean;
	describedBy?: string;
}) {
	return (
		<label className="relative flex cursor-pointer">
			<input
				type="radio"
				name={name}
				value={value}
				defaultChecked={defaultChecked}
				aria-describedby={describedBy}
				className={cn("peer absolute accent-cloth-700", compact ? "sr-only" : "top-4 right-4 size-4")}
			/>
			<span
				className={cn(
					"flex-1 ring-1 ring-line ring-inset transition-colors peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-cloth-500",
					compact
						? "rounded-xl bg-white px-2 py-2 text-center text-[15px] peer-checked:bg-cloth-700 peer-checked:text-white peer-checked:ring-cloth-700"
						: "rounded-2xl p-4 pr-10 peer-checked:bg-cloth-50 peer-checked:ring-2 peer-checked:ring-cloth-600",
				)}
			>
				{children}
			</span>
		</label>
	);
}
