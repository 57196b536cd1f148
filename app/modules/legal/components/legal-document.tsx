import { useTranslation } from "react-i18next";
import { privacyContactEmail, termsVersion } from "../documents";

/**
 * A legal text as a phone reads it: the version, a table of contents of anchors, then numbered
 * sections. A section body is paragraphs split by blank lines; lines starting with "• " are a list.
 */
export function LegalDocument({ document, sections }: { document: "terms" | "privacy"; sections: readonly string[] }) {
	const { t } = useTranslation();
	const key = (id: string, part: "title" | "body") => `legal.${document}.sections.${id}.${part}`;
	return (
		<article className="mx-auto max-w-3xl px-4 py-8 sm:px-6 sm:py-12">
			<h1 id="top" className="text-2xl font-bold text-ink sm:text-3xl">
				{t(`legal.${document}.title`)}
			</h1>
			<p className="mt-2 text-sm text-muted" data-testid="legal-version">
				{t("legal.version", { version: termsVersion })}
			</p>
			<p className="mt-5 leading-7 text-ink">{t(`legal.${document}.intro`)}</p>
			<nav aria-labelledby="legal-contents" className="mt-6 rounded-2xl bg-paper p-4">
				<h2 id="legal-contents" className="text-sm font-medium text-muted">
					{t("legal.contents")}
				</h2>
				<ol className="mt-2 space-y-1.5">
					{sections.map((id) => (
						<li key={id}>
							<a href={`#${id}`} className="text-cloth-700 underline-offset-2 hover:underline">
								{t(key(id, "title"))}
							</a>
						</li>
					))}
				</ol>
			</nav>
			{sections.map((id) => (
				<section key={id} id={id} aria-labelledby={`${id}-title`} className="mt-8 scroll-mt-20">
					<h2 id={`${id}-title`} className="text-lg font-semibold text-ink">
						{t(key(id, "title"))}
					</h2>
					<SectionBody text={t(key(id, "body"), { email: privacyContactEmail })} />
				</section>
			))}
			<p className="mt-10 text-sm">
				<a href="#top" className="text-cloth-700 hover:underline">
					{t("legal.backToTop")}
				</a>
			</p>
		</article>
	);
}

export function SectionBody({ text }: { text: string }) {
	return (
		<div className="mt-2 space-y-3 leading-7 text-ink">
			{text.split("\n\n").map((block) => {
				const lines = block.split("\n");
				if (lines.every((line) => line.startsWith("• "))) {
					return (
						<ul key={block} className="list-disc space-y-2 pl-5">
							{lines.map((line) => (
								<li key={line}>{line.slice(2)}</li>
							))}
						</ul>
					);
				}
				return <p key={block}>{block}</p>;
			})}
		</div>
	);
}
