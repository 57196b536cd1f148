import { redirect } from "react-router";
import { z } from "zod";
import { isLocale, localeCookieName } from "~/lib/i18n";
import { safeSitePath } from "~/lib/safe-redirect";
import type { Route } from "./+types/set-language";

const formSchema = z.object({
	locale: z.string().refine(isLocale),
	// Only paths on this site, so the switch cannot be used as an open redirect.
	redirectTo: z.unknown().transform((target) => safeSitePath(target, "/")),
});

export async function action({ request }: Route.ActionArgs) {
	const parsed = formSchema.safeParse(Object.fromEntries(await request.formData()));
	if (!parsed.success) return redirect("/");
	const oneYear = 60 * 60 * 24 * 365;
	return redirect(parsed.data.redirectTo, {
		headers: { "Set-Cookie": `${localeCookieName}=${parsed.data.locale}; Path=/; Max-Age=${oneYear}; SameSite=Lax` },
	});
}

export function loader() {
	return redirect("/");
}
