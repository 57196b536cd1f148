import { pageTitle } from "~/lib/i18n";
import { requireUser } from "~/modules/accounts/guards.server";
import { LessonPage } from "~/modules/booking/online-lesson/components/lesson-page";
import { lessonRoomView } from "~/modules/booking/online-lesson/lesson-room-view.server";
import type { Route } from "./+types/lesson";

/** The player's online lesson: the video room of their own booking (anyone else gets the 404 page). */
export async function loader({ request, params }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const caller = { userId: session.user.id, roles: session.roles };
	const view = await lessonRoomView({ caller, bookingId: params.bookingId, origin: new URL(request.url).origin, as: "player" });
	return { view, title: pageTitle(request, "booking.online.pageTitle") };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function PlayerLesson({ loaderData }: Route.ComponentProps) {
	return <LessonPage view={loaderData.view} />;
}
