import type { Locale } from "~/lib/i18n";
import { translate } from "~/lib/i18n";
import { type CoachBalances, coachBalances } from "./balances.server";
import { incomeChartSvg } from "./income-chart.server";
import {
	type IncomeMovement,
	incomeMovements,
	type MonthIncome,
	type MovementKind,
	monthlyIncome,
	monthOf,
	periodBounds,
	twelveMonthsTo,
} from "./movements.server";
import { movementFilterSchema } from "./schema";

export interface IncomePage {
	balances: CoachBalances;
	month: string;
	kind: MovementKind | null;
	/** The filter as given did not read (the page says so and shows this month). */
	filterError: string | null;
	movements: IncomeMovement[];
	chart: { svg: string; wideSvg: string; months: MonthIncome[] };
	/** Nothing ever earned or paid out: the empty state instead of zeros. */
	empty: boolean;
}

/** Everything the coach's income page shows, for one month's movements and the twelve months up to it. */
export async function incomePage(coachId: string, search: URLSearchParams, locale: Locale): Promise<IncomePage> {
	const parsed = movementFilterSchema.safeParse({
		month: search.get("month") ?? undefined,
		kind: search.get("kind") ?? undefined,
	});
	const filter = parsed.success ? parsed.data : {};
	const month = filter.month ?? monthOf(new Date());
	const kind = filter.kind ?? null;
	const balances = await coachBalances(coachId);
	const movements = await incomeMovements({ coachId, ...periodBounds(month), ...(kind ? { kind } : {}) });
	const window = twelveMonthsTo(month);
	const byMonth = await monthlyIncome({
		coachId,
		from: periodBounds(window[0] as string).from,
		to: periodBounds(month).to,
	});
	const months = window.map((key) => byMonth.get(key) ?? { month: key, orderFen: 0, tipFen: 0, withdrawnFen: 0 });
	const t = (key: string) => translate(locale, `income.${key}`);
	const labels = {
		order: t("kinds.order"),
		tip: t("kinds.tip"),
		month: (key: string) => (locale === "en" ? key.slice(5) : `${Number(key.slice(5))}月`),
	};
	// Two drawings, a phone's and a wide screen's, so the text stays its size on both (CSS shows one).
	const svg = incomeChartSvg(months, labels);
	const wideSvg = incomeChartSvg(months, labels, { width: 640, height: 240 });
	const empty =
		balances.orderIncomeFen === 0 &&
		balances.tipIncomeFen === 0 &&
		balances.pendingFen === 0 &&
		balances.availableFen === 0 &&
		balances.withdrawnFen === 0;
	const filterError = parsed.success ? null : (parsed.error.issues[0]?.message ?? "income.errors.month");
	return { balances, month, kind, filterError, movements, chart: { svg, wideSvg, months }, empty };
}
