// Brackets and open provisions in each revision, as an Apache ECharts chart (loaded only on the history page).
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect } from "react";
import { useEchart } from "../../../shared/charts/use-echart";
import type { HistorySeries } from "./history-view";

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface HistoryChartProps {
  readonly series: HistorySeries;
  /** "Rev.0", "Rev.1"… in the reader's language. */
  readonly revisionLabel: (revision: number) => string;
  readonly bracketsLabel: string;
  readonly openLabel: string;
  /** What the chart shows, read by screen readers in place of the picture. */
  readonly label: string;
}

export default function HistoryChart({ series, revisionLabel, bracketsLabel, openLabel, label }: HistoryChartProps) {
  const { containerRef, chartRef } = useEchart();

  useEffect(() => {
    chartRef.current?.setOption({
      animationDuration: 300,
      grid: { left: 36, right: 12, top: 36, bottom: 28 },
      legend: { top: 0, data: [bracketsLabel, openLabel] },
      tooltip: { trigger: "axis", confine: true },
      xAxis: { type: "category", data: series.revisions.map(revisionLabel) },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: bracketsLabel, type: "bar", data: series.brackets, itemStyle: { color: "#e8590c" }, barMaxWidth: 28 },
        { name: openLabel, type: "line", data: series.open, itemStyle: { color: "#17427c" }, symbolSize: 7 },
      ],
    });
  }, [series, revisionLabel, bracketsLabel, openLabel, chartRef]);

  return <div ref={containerRef} role="img" aria-label={label} data-testid="history-chart" style={{ width: "100%", height: "100%" }} />;
}
