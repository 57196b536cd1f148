import { isAppError } from "~/lib/errors";
import { redirectWithToast } from "~/lib/toast.server";
import { requireUser } from "~/modules/accounts/guards.server";
import { exportFileName, exportMyData } from "~/modules/my-data/export-my-data.server";
import type { Route } from "./+types/data-export";

/** "下载我的数据" on /me/security: the signed-in user's own data as a JSON download. */
export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	try {
		const document = await exportMyData(session.user);
		return new Response(JSON.stringify(document, null, 2), {
			headers: {
				"Content-Type": "application/json; charset=utf-8",
				"Content-Disposition": `attachment; filename="${exportFileName()}"`,
				"Cache-Control": "no-store",
			},
		});
	} catch (error) {
		// Asked again within the window: back to the page with the reason, not an error page.
		if (isAppError(error) && error.status === 429) {
			return redirectWithToast("/me/security", { kind: "error", messageKey: "legal.export.tooSoon" });
		}
		throw error;
	}
}
