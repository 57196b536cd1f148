/** Escapes text for the few pages written as plain HTML strings (no React). */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
