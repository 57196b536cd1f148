/** A short human description of a browser from its user agent, e.g. "Chrome · Android". */
export function describeDevice(userAgent: string | null): string {
	if (!userAgent) return "";
	const browser = /MicroMessenger/i.test(userAgent)
		? "微信"
		: /AlipayClient/i.test(userAgent)
			? "支付宝"
			: /Edg\//.test(userAgent)
				? "Edge"
				: /Firefox\//.test(userAgent)
					? "Firefox"
					: /Chrome\/|Chromium\//.test(userAgent)
						? "Chrome"
						: /Safari\//.test(userAgent)
							? "Safari"
							: /curl|okhttp|node|undici/i.test(userAgent)
								? "App"
								: "";
	const system = /iPhone|iPad/.test(userAgent)
		? "iOS"
		: /Android/.test(userAgent)
			? "Android"
			: /HarmonyOS/.test(userAgent)
				? "HarmonyOS"
				: /Mac OS X|Macintosh/.test(userAgent)
					? "macOS"
					: /Windows/.test(userAgent)
						? "Windows"
						: /Linux/.test(userAgent)
							? "Linux"
							: "";
	return [browser, system].filter(Boolean).join(" · ");
}

/**
 * Where a sign-in came from, as far as the address tells without a geolocation database:
 * local and private networks are named; public addresses are shown by network (a.b.c.*).
 */
export function describePlace(ip: string): string {
	if (!ip) return "";
	const v4 = ip.replace(/^::ffff:/, "");
	if (v4 === "::1" || v4.startsWith("127.")) return "local";
	if (/^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|fc|fd)/i.test(v4)) return "private";
	return v4.includes(".") ? v4.replace(/\.\d+$/, ".*") : v4.replace(/(:[0-9a-f]*){2}$/i, ":*");
}
