import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import type { ReviewMonth } from "./review-trend";

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, SVGRenderer]);

/**
 * The coach's review trend drawn on the server as SVG (Apache ECharts' server-side rendering, as
 * the income chart is): reviews per month as bars, the month's average stars as a line on a 1–5
 * axis, so a coach sees both "more reviews" and "better reviews" without a chart library in the
 * browser. Months without reviews leave a gap in the line rather than dropping it to 0 stars.
 */
export function reviewTrendChartSvg(
	months: ReviewMonth[],
	labels: { count: string; average: string; month: (month: string) => string },
	size = { width: 360, height: 220 },
): string {
	const chart = echarts.init(null, null, { renderer: "svg", ssr: true, ...size });
	chart.setOption({
		animation: false,
		textStyle: { fontFamily: "system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', sans-serif", fontSize: 11 },
		color: ["#b9824a", "#156245"],
		legend: { top: 0, right: 0, itemWidth: 10, itemHeight: 10, textStyle: { color: "#374151" } },
		grid: { left: 8, right: 8, top: 28, bottom: 4, containLabel: true },
		xAxis: {
			type: "category",
			data: months.map((month) => labels.month(month.month)),
			axisTick: { show: false },
			axisLabel: { color: "#6b7280", fontSize: 10 },
		},
		yAxis: [
			{
				type: "value",
				minInterval: 1,
				splitNumber: 3,
				axisLabel: { color: "#6b7280" },
				splitLine: { lineStyle: { color: "#e5e7eb" } },
			},
			{
				type: "value",
				min: 1,
				max: 5,
				interval: 1,
				axisLabel: { color: "#6b7280", formatter: "{value}★" },
				splitLine: { show: false },
			},
		],
		series: [
			{ type: "bar", name: labels.count, data: months.map((month) => month.count), barMaxWidth: 14 },
			{
				type: "line",
				name: labels.average,
				yAxisIndex: 1,
				data: months.map((month) => month.average),
				connectNulls: false,
				symbolSize: 6,
				lineStyle: { width: 2 },
			},
		],
	});
	const svg = chart.renderToSVGString();
	chart.dispose();
	// The page sizes it (width 100 %); the viewBox keeps its proportions. Screen readers get the table.
	return svg.replace(/^<svg width="\d+" height="\d+"/, '<svg width="100%" aria-hidden="true" focusable="false"');
}
