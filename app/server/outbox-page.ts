import type { OutboxEntry } from "~/modules/accounts/messaging/list-outbox.server";
import { escapeHtml } from "../lib/html";
import { type Locale, translate } from "../lib/i18n";

/** The development outbox as a plain page: no scripts, so it works under the strict CSP. */
export function outboxPage(messages: OutboxEntry[], locale: Locale): string {
	const t = (key: string) => escapeHtml(translate(locale, `common.devOutbox.${key}`));
	const rows = messages
		.map(
			(
				message,
			) => `<li><div class="meta"><span class="chip">${escapeHtml(message.channel)}</span> <strong>${escapeHtml(message.recipient ?? "—")}</strong>
<time>${escapeHtml(new Date(message.createdAt).toLocaleString(locale, { timeZone: "Asia/Shanghai" }))}</time> <span class="status">${escapeHtml(message.status)}</span></div>
${message.subject ? `<div class="subject">${escapeHtml(message.subject)}</div>` : ""}<p>${escapeHtml(message.text)}</p></li>`,
		)
		.join("");
	return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${t("title")}</title>
<style>body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",system-ui,sans-serif;background:#f7f8f6;color:#18201c}main{max-width:48rem;margin:0 auto;padding:24px 16px}
h1{font-size:22px}ul{list-style:none;padding:0}li{background:#fff;border:1px solid #dfe5e1;border-radius:12px;padding:12px 16px;margin:10px 0}.meta{display:flex;flex-wrap:wrap;gap:8px;align-items:center;font-size:14px;color:#5b665f}
.meta strong{color:#18201c}.chip{background:#d8f2e3;color:#134e39;border-radius:999px;padding:0 8px}.subject{font-weight:600;margin-top:6px}p{margin:6px 0 0;white-space:pre-wrap}a{color:#156245}</style></head>
<body><main><h1>${t("title")}</h1><p>${t("intro")} <a href="/dev/outbox.json">JSON</a></p>${messages.length ? `<ul>${rows}</ul>` : `<p>${t("empty")}</p>`}</main></body></html>`;
}
