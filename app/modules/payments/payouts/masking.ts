/**
 * How a payout account is shown: enough for its owner to recognise it, not enough to use it.
 * Phone-number logins keep the first three and last four digits (138****0002), e-mail logins the
 * first character and the domain, cards the last four digits.
 */
export function maskAlipayLogin(login: string): string {
	if (/^1\d{10}$/.test(login)) return `${login.slice(0, 3)}****${login.slice(-4)}`;
	const [name = "", domain = ""] = login.split("@");
	return `${name.slice(0, 1)}***@${domain}`;
}

export function maskCardNumber(cardNumber: string): string {
	return `****${cardNumber.slice(-4)}`;
}

/** Names are compared as people write them: without surrounding or inner spaces and the middle dot's variants. */
export function sameName(a: string, b: string): boolean {
	const normal = (name: string) => name.normalize("NFKC").replace(/[\s·•.]/g, "");
	return normal(a) === normal(b);
}
