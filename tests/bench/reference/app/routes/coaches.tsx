import { desc, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { pgTable, smallint, text, uuid } from "drizzle-orm/pg-core";
import { useTranslation } from "react-i18next";
import { type LoaderFunctionArgs, useLoaderData } from "react-router";

// The few columns of CuePal's coaches table this page shows (declared here: the reference is its own app).
const coaches = pgTable("coaches", {
	id: uuid("id").primaryKey(),
	status: text("status").notNull(),
	displayName: text("display_name").notNull(),
	yearsExperience: smallint("years_experience"),
});

const db = drizzle(process.env.REFERENCE_DATABASE_URL ?? "", { casing: "snake_case" });

export async function loader({ request }: LoaderFunctionArgs) {
	const locale = /^en\b/i.test(request.headers.get("accept-language") ?? "") ? "en" : "zh-CN";
	const rows = await db
		.select({ id: coaches.id, displayName: coaches.displayName, yearsExperience: coaches.yearsExperience })
		.from(coaches)
		.where(eq(coaches.status, "approved"))
		.orderBy(desc(coaches.id))
		.limit(20);
	return { locale, coaches: rows };
}

export default function Coaches() {
	const { coaches } = useLoaderData<typeof loader>();
	const { t } = useTranslation();
	return (
		<main>
			<h1>{t("title")}</h1>
			{coaches.length === 0 ? <p>{t("none")}</p> : null}
			<ul>
				{coaches.map((coach) => (
					<li key={coach.id}>
						{coach.displayName} · {t("years", { count: coach.yearsExperience ?? 0 })}
					</li>
				))}
			</ul>
		</main>
	);
}
