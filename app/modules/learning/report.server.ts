import { eq, sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import type { Locale } from "~/lib/i18n";
import { percentLineChartSvg } from "~/lib/line-chart.server";
import { learningTotals, users } from "../../../db/schema";
import { drillsForHistory } from "./drills.server";
import { readProgress } from "./progress.server";
import { type Discipline, disciplines } from "./vocabulary";

/** Rounds averaged at each end of a drill's history: enough to smooth one bad round, few enough to show change. */
const trendWindow = 5;

/**
 * Per drill the player practised: rounds, and the share made over the first and the latest five
 * rounds (a ladder by the position reached), aggregated by the database over one index range.
 */
async function drillTrends(playerId: string) {
	const rows = await db().execute<{ drill_id: string; rounds: number; first: number; latest: number }>(sql`
		with scored as (
			select s.drill_id,
				case when d.ladder_positions is not null and s.score is not null
					then s.score::float8 / d.ladder_positions else s.made::float8 / s.attempts end as share,
				row_number() over (partition by s.drill_id order by s.practised_at, s.id) as from_start,
				row_number() over (partition by s.drill_id order by s.practised_at desc, s.id desc) as from_end
			from practice_sessions s join drills d on d.id = s.drill_id
			where s.player_id = ${playerId}
		)
		select drill_id, count(*)::int as rounds,
			avg(share) filter (where from_start <= ${trendWindow}) as first,
			avg(share) filter (where from_end <= ${trendWindow}) as latest
		from scored group by drill_id order by count(*) desc, drill_id`);
	return rows.rows.map((row) => ({ drillId: row.drill_id, rounds: row.rounds, first: row.first, latest: row.latest }));
}

/** The printable report: the player's name, and per discipline they have data in, progress, the pot-rate chart and drill trends. */
export async function readProgressReport(playerId: string, locale: Locale, now = new Date()) {
	const [player] = await db().select({ name: users.displayName }).from(users).where(eq(users.id, playerId));
	const kept = await db()
		.select({ discipline: learningTotals.discipline })
		.from(learningTotals)
		.where(eq(learningTotals.playerId, playerId));
	const withData = disciplines.filter((d) => kept.some((row) => row.discipline === d));
	const catalogue = await drillsForHistory({ playerId });
	const names = Object.fromEntries(catalogue.map((drill) => [drill.id, drill.name[locale]]));
	const trends = await drillTrends(playerId);
	const sections = [];
	for (const discipline of withData.length ? withData : (["chinese_8_ball"] as Discipline[])) {
		const progress = await readProgress({ playerId, discipline, locale });
		sections.push({
			progress,
			chart:
				progress.series.length > 0
					? percentLineChartSvg(
							progress.series.map((day) => ({ label: day.day.slice(5), percent: Math.round((day.made / day.attempted) * 100) })),
						)
					: null,
			trends: trends
				.filter((trend) => catalogue.find((drill) => drill.id === trend.drillId)?.discipline === discipline)
				.map((trend) => ({ ...trend, name: names[trend.drillId] ?? trend.drillId })),
		});
	}
	return { playerName: player?.name ?? "", generatedAt: now.toISOString(), sections, drillNames: names };
}
export type ProgressReport = Awaited<ReturnType<typeof readProgressReport>>;
