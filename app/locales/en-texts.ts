// Every namespace file of app/locales/en/ (one chunk for the browser; the namespace is the file name,
// as app/locales/index.ts names them), so a namespace added there ships without touching this file.
const modules = import.meta.glob<{ default: unknown }>("./en/*.ts", { eager: true });

export default {
	translation: Object.fromEntries(
		Object.entries(modules).map(([path, module]) => [path.replace(/^.*\/|\.ts$/g, ""), module.default]),
	),
};
