// A programme's progress as an Apache ECharts chart: events of each status stacked per month (or per track), held first,
// so that what was held stands against what was planned. Loaded only on a term's page.
import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect } from "react";
import { useEchart } from "../../shared/charts/use-echart";

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartSeries {
  readonly name: string;
  readonly color: string;
  readonly data: readonly number[];
}

export interface ProgressChartProps {
  /** The months or tracks, as the reader's language names them. */
  readonly categories: readonly string[];
  readonly series: readonly ChartSeries[];
  /** Tracks read better as horizontal bars, their names beside them. */
  readonly isHorizontal?: boolean;
  /** What the chart shows, read by screen readers in place of the picture. */
  readonly label: string;
  readonly testId: string;
}

export default function ProgressChart({ categories, series, isHorizontal = false, label, testId }: ProgressChartProps) {
  const { containerRef, chartRef } = useEchart();

  useEffect(() => {
    // Horizontal bars carry their names above them, inside the chart, so that long names ("Economic cooperation and
    // development") keep the whole width of a phone instead of being cut or broken beside the bars.
    const categoryAxis = {
      type: "category" as const,
      data: [...categories],
      axisTick: { show: !isHorizontal },
      axisLabel: isHorizontal ? { inside: true, verticalAlign: "bottom" as const, padding: [0, 0, 14, 0], color: "#343a40", fontSize: 12 } : { hideOverlap: true },
      z: 10,
    };
    const valueAxis = { type: "value" as const, minInterval: 1 };
    chartRef.current?.setOption(
      {
        animationDuration: 300,
        grid: { left: 8, right: 28, top: 56, bottom: 8, containLabel: true },
        legend: { top: 0, data: series.map((s) => s.name) },
        tooltip: { trigger: "axis", confine: true, axisPointer: { type: "shadow" } },
        xAxis: isHorizontal ? valueAxis : categoryAxis,
        yAxis: isHorizontal ? { ...categoryAxis, inverse: true } : valueAxis,
        series: series.map((s) => ({ name: s.name, type: "bar", stack: "events", data: [...s.data], itemStyle: { color: s.color }, barMaxWidth: isHorizontal ? 18 : 28, emphasis: { focus: "series" } })),
      },
      { notMerge: true },
    );
  }, [categories, series, isHorizontal, chartRef]);

  return <div ref={containerRef} role="img" aria-label={label} data-testid={testId} style={{ width: "100%", height: "100%" }} />;
}
