import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/**
 * The agreement box of sign-up and first sign-in: unticked, linking both documents (they open in
 * a new tab so the form keeps what was typed). The server refuses the sign-up without it.
 */
export function TermsConsent({ error }: { error?: string | null }) {
	const { t } = useTranslation();
	const id = useId();
	return (
		<div className="space-y-1">
			<div className="flex items-start gap-2 text-sm text-ink">
				<input
					id={id}
					type="checkbox"
					name="agreeTerms"
					value="on"
					className="mt-0.5 size-5 shrink-0 accent-cloth-700"
					aria-invalid={error ? true : undefined}
					aria-describedby={error ? `${id}-error` : undefined}
				/>
				<label htmlFor={id} className="leading-6">
					{t("legal.consent.checkbox")}
					<Link to="/terms" target="_blank" className="text-cloth-700 underline underline-offset-2">
						{t("legal.consent.termsLink")}
					</Link>
					{t("legal.consent.and")}
					<Link to="/privacy" target="_blank" className="text-cloth-700 underline underline-offset-2">
						{t("legal.consent.privacyLink")}
					</Link>
				</label>
			</div>
			{error ? (
				<p id={`${id}-error`} role="alert" className="text-sm text-danger">
					{error}
				</p>
			) : null}
		</div>
	);
}
