import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { cn } from "./cn";

export interface ToastMessage {
	kind: "success" | "error" | "info";
	messageKey: string;
}

const tones: Record<ToastMessage["kind"], string> = {
	success: "bg-cloth-800 text-white",
	error: "bg-danger text-white",
	info: "bg-ink text-white",
};

/** Shows the flash toast handed over by the root loader, then fades it away after a few seconds. */
export function Toast({ toast }: { toast: ToastMessage | null }) {
	const { t } = useTranslation();
	const [visible, setVisible] = useState<ToastMessage | null>(toast);
	useEffect(() => {
		setVisible(toast);
		if (!toast) return;
		const timer = setTimeout(() => setVisible(null), 5000);
		return () => clearTimeout(timer);
	}, [toast]);
	return (
		<div aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-20 z-50 flex justify-center px-4 sm:bottom-6">
			{visible ? (
				<div
					role="status"
					className={cn(
						"pointer-events-auto flex max-w-md items-center gap-3 rounded-2xl px-4 py-3 shadow-lg animate-[toast-in_.2s_ease-out]",
						tones[visible.kind],
					)}
				>
					<span>{t(visible.messageKey)}</span>
					<button
						type="button"
						onClick={() => setVisible(null)}
						className="rounded-full px-2 text-white/80 hover:text-white"
						aria-label={t("common.toast.dismiss")}
					>
						✕
					</button>
				</div>
			) : null}
		</div>
	);
}
