import { type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { cn } from "./cn";

/**
 * A modal built on the native <dialog>: the browser traps focus, closes on Escape and marks the
 * rest of the page inert. `variant="sheet"` slides up from the bottom on a phone (filters, menus)
 * and is a centred dialog on a desktop.
 */
export function Dialog({
	open,
	onClose,
	title,
	children,
	variant = "dialog",
}: {
	open: boolean;
	onClose: () => void;
	title: string;
	children: ReactNode;
	variant?: "dialog" | "sheet";
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
				"bg-white p-0 text-ink shadow-(--shadow-card) backdrop:bg-ink/40",
				variant === "sheet"
					? "mt-auto mb-0 w-full max-w-none rounded-t-3xl sm:m-auto sm:max-w-lg sm:rounded-3xl"
					: "m-auto w-[calc(100%-2rem)] max-w-lg rounded-3xl",
			)}
		>
			<div className="flex items-center justify-between border-b border-line px-5 py-4">
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
			<div className="max-h-[75vh] overflow-y-auto px-5 py-4">{children}</div>
		</dialog>
	);
}
