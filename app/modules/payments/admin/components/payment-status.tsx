import { useTranslation } from "react-i18next";
import { cn } from "~/ui/cn";

const paymentTones = {
	pending: "bg-wood-100 text-wood-700",
	succeeded: "bg-cloth-50 text-cloth-800",
	failed: "bg-red-50 text-danger",
	closed: "bg-slate-100 text-muted",
} as const;

const refundTones = {
	pending: "bg-wood-100 text-wood-700",
	succeeded: "bg-cloth-50 text-cloth-800",
	failed: "bg-red-50 text-danger",
} as const;

const pill = "inline-flex shrink-0 rounded-full px-2.5 py-0.5 text-xs font-medium";

/** A payment's state as a coloured pill, in the tones the booking states use. */
export function PaymentStatus({ status }: { status: keyof typeof paymentTones }) {
	const { t } = useTranslation();
	return <span className={cn(pill, paymentTones[status])}>{t(`payments.status.${status}`)}</span>;
}

export function RefundStatus({ status }: { status: keyof typeof refundTones }) {
	const { t } = useTranslation();
	return <span className={cn(pill, refundTones[status])}>{t(`payments.refundStatus.${status}`)}</span>;
}
