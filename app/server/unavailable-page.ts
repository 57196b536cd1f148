import { escapeHtml } from "../lib/html";
import { type Locale, translate } from "../lib/i18n";

export type ErrorPageStatus = 400 | 405 | 413 | 415 | 500 | 503;

const texts: Record<ErrorPageStatus, { title: string; body: string }> = {
	400: { title: "errors.badRequest", body: "errors.badRequestBody" },
	405: { title: "errors.methodNotAllowed", body: "errors.badRequestBody" },
	413: { title: "errors.payloadTooLarge", body: "errors.badRequestBody" },
	415: { title: "errors.formEncodingRequired", body: "errors.badRequestBody" },
	500: { title: "errors.internal", body: "errors.internalBody" },
	503: { title: "errors.serviceUnavailable", body: "errors.serviceUnavailableBody" },
};

/**
 * A self-contained page for when the app itself cannot render (database down, unexpected
 * failure) or a request never reaches a page (a body no form sends, a method pages do not
 * take): no scripts, no database, inline styles only.
 */
export function unavailablePage(locale: Locale, status: ErrorPageStatus): string {
	const title = translate(locale, texts[status].title);
	const body = translate(locale, texts[status].body);
	const retry = translate(locale, "common.actions.retry");
	return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",system-ui,sans-serif;background:#f7f8f6;color:#18201c;text-align:center;padding:24px}
main{max-width:26rem}.badge{font-size:14px;letter-spacing:.2em;color:#1a7a53}h1{font-size:24px;margin:.5rem 0}p{color:#5b665f;line-height:1.7}a{display:inline-block;margin-top:1.5rem;background:#156245;color:#fff;border-radius:999px;padding:.75rem 1.5rem;text-decoration:none}</style></head>
<body><main><div class="badge">${status}</div><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p><a href="">${escapeHtml(retry)}</a></main></body></html>`;
}
