import { useTranslation } from "react-i18next";
import type { CancellationPolicy } from "~/modules/coaches/offerings/cancellation-policies";

/** The policy in the same words the coach chose the preset by, so both sides read the same terms. */
export function CancellationPolicyText({ policy }: { policy: CancellationPolicy }) {
	const { t } = useTranslation();
	return (
		<div className="text-sm">
			<p>
				<strong>{t(`coaching.offerings.policies.${policy}.name`)}</strong>
			</p>
			<p className="mt-1 text-muted">{t(`coaching.offerings.policies.${policy}.body`)}</p>
		</div>
	);
}
