import { LineChart } from "echarts/charts";
import { GridComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

echarts.use([LineChart, GridComponent, SVGRenderer]);

/**
 * A small line chart of percentages drawn on the server as SVG (Apache ECharts' server-side
 * rendering, as the income chart does): readable on a phone without a chart library in the
 * browser, and printable. The page gives it its width; screen readers get a table beside it.
 */
export function percentLineChartSvg(points: { label: string; percent: number }[], size = { width: 360, height: 200 }): string {
	const chart = echarts.init(null, null, { renderer: "svg", ssr: true, ...size });
	chart.setOption({
		animation: false,
		textStyle: { fontFamily: "system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', sans-serif", fontSize: 11 },
		color: ["#156245"],
		grid: { left: 8, right: 12, top: 12, bottom: 4, containLabel: true },
		xAxis: {
			type: "category",
			data: points.map((point) => point.label),
			axisTick: { show: false },
			axisLabel: { color: "#6b7280", fontSize: 10 },
		},
		yAxis: {
			type: "value",
			min: 0,
			max: 100,
			interval: 25,
			axisLabel: { color: "#6b7280", formatter: "{value}%" },
			splitLine: { lineStyle: { color: "#e5e7eb" } },
		},
		series: [{ type: "line", data: points.map((point) => point.percent), symbolSize: 6, lineStyle: { width: 2 } }],
	});
	const svg = chart.renderToSVGString();
	chart.dispose();
	return svg.replace(/^<svg width="\d+" height="\d+"/, '<svg width="100%" aria-hidden="true" focusable="false"');
}
