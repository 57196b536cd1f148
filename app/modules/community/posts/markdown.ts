import MarkdownIt from "markdown-it";

/**
 * Post and comment bodies are Markdown rendered with raw HTML off (tags show as text, never run),
 * links only to http(s) and opened as user content (nofollow ugc, no opener). Images in Markdown
 * are not rendered: a post's images are its reviewed uploads.
 */
const markdown = new MarkdownIt({ html: false, linkify: false, breaks: true, typographer: false });
markdown.disable(["image"]);
markdown.validateLink = (url) => /^https?:\/\//i.test(url.trim());
const defaultLinkOpen =
	markdown.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
	const token = tokens[index];
	token?.attrSet("rel", "nofollow ugc noopener noreferrer");
	token?.attrSet("target", "_blank");
	return defaultLinkOpen(tokens, index, options, env, self);
};

export function renderMarkdown(body: string): string {
	return markdown.render(body);
}
