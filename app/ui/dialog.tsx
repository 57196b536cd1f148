import { type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { cn } from "./cn";

/**
 * A modal built on the native <dialog>: the browser traps focus, closes on Escape and marks the
 * rest of the page inert. `variant="sheet"` slides up from the bottom on a phone (filters, menus)
 * and is a centred dialog on a desktop. A `footer` (the sheet's main action) stays pinned below the
 * scrolling body, so it is on screen however long the body is.
 */
export function Dialog({
	open,
	onClose,
	title,
	children,
	variant = "dialog",
	footer,
}: {
	open: boolean;
	onClose: () => void;
	title: string;
	children: ReactNode;
	variant?: "dialog" | "sheet";
	footer?: ReactNode;
}) {
	const { t } = useTranslation();
	const ref = useRef<HTMLDialogElement>(null);
	useEffect(() => {
		const dialog = ref.current;
		if (!dialog) return;
		if (open && !dialog.open) dialog.showModal();
		if (!open && dialog.open) dialog.close();
	}, [open]);
	return (
		// biome-ignore lint/a11y/useKeyWithClickEvents: a click on the backdrop closes; keyboard users have Escape and the close button.
		<dialog
			ref={ref}
			aria-label={title}
			onClose={onClose}
			onClick={(event) => {
				if (event.target === ref.current) onClose();
			}}
			className={cn(
				// A column no taller than the visible screen (dvh: without the phone browser's bars), so the
				// body scrolls between a fixed header and footer.
				"bg-white p-0 text-ink shadow-(--shadow-card) backdrop:bg-ink/40 open:flex open:flex-col",
				variant === "sheet"
					? "mt-auto mb-0 max-h-[90dvh] w-full max-w-none rounded-t-3xl sm:m-auto sm:max-h-[85dvh] sm:max-w-lg sm:rounded-3xl"
					: "m-auto max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] max-w-lg rounded-3xl",
			)}
		>
			<div className="flex shrink-0 items-center justify-between border-b border-line px-5 py-4">
				<h2 className="text-lg font-semibold">{title}</h2>
				<button
					type="button"
					onClick={onClose}
					className="flex size-9 items-center justify-center rounded-full text-muted hover:bg-paper"
					aria-label={t("common.actions.close")}
				>
					<span aria-hidden>✕</span>
				</button>
			</div>
			<div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">{children}</div>
			{footer ? (
				<div className="shrink-0 border-t border-line px-5 pt-3 pb-[max(0.75rem,env(safe-area-inset-bottom))]">{footer}</div>
			) : null}
		</dialog>
	);
}
