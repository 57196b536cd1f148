import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import type { MonthIncome } from "./movements.server";

echarts.use([BarChart, GridComponent, LegendComponent, SVGRenderer]);

/**
 * The monthly income chart, drawn on the server as SVG (Apache ECharts' server-side rendering): it
 * shows without the browser running a chart library, costs the phone nothing, and prints. Lessons
 * and tips are stacked per month, in yuan. The size is a phone's; the SVG scales with its viewBox.
 */
export function incomeChartSvg(
	months: MonthIncome[],
	labels: { order: string; tip: string; month: (month: string) => string },
	size = { width: 360, height: 220 },
): string {
	const chart = echarts.init(null, null, { renderer: "svg", ssr: true, ...size });
	chart.setOption({
		animation: false,
		textStyle: { fontFamily: "system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', sans-serif", fontSize: 11 },
		color: ["#156245", "#b9824a"],
		legend: { top: 0, right: 0, itemWidth: 10, itemHeight: 10, textStyle: { color: "#374151" } },
		grid: { left: 8, right: 8, top: 28, bottom: 4, containLabel: true },
		xAxis: {
			type: "category",
			data: months.map((month) => labels.month(month.month)),
			axisTick: { show: false },
			axisLabel: { color: "#6b7280", interval: 0, fontSize: 10 },
		},
		yAxis: { type: "value", splitNumber: 3, axisLabel: { color: "#6b7280" }, splitLine: { lineStyle: { color: "#e5e7eb" } } },
		series: [
			{ type: "bar", stack: "income", name: labels.order, data: months.map((month) => month.orderFen / 100), barMaxWidth: 18 },
			{ type: "bar", stack: "income", name: labels.tip, data: months.map((month) => month.tipFen / 100), barMaxWidth: 18 },
		],
	});
	const svg = chart.renderToSVGString();
	chart.dispose();
	// The page sizes it (width 100 %); the viewBox keeps its proportions. Screen readers get the table.
	return svg.replace(/^<svg width="\d+" height="\d+"/, '<svg width="100%" aria-hidden="true" focusable="false"');
}
