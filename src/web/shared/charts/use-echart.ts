// One ECharts instance for a container element: created on mount, resized with its container, disposed on unmount.
// Each chart registers the ECharts parts it uses (echarts.use) itself; this hook only manages the instance.
import * as echarts from "echarts/core";
import { useEffect, useRef, type RefObject } from "react";

/** A chart's element carries its instance, so an end-to-end test can ask the chart where it drew something (convertToPixel). */
export interface ChartElement extends HTMLDivElement {
  echartsInstance?: echarts.ECharts;
}

export function useEchart(): { containerRef: RefObject<HTMLDivElement | null>; chartRef: RefObject<echarts.ECharts | null> } {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = echarts.init(container, undefined, { renderer: "canvas" });
    chartRef.current = chart;
    (container as ChartElement).echartsInstance = chart;
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(container);
    return () => {
      observer.disconnect();
      chart.dispose();
      delete (container as ChartElement).echartsInstance;
      chartRef.current = null;
    };
  }, []);
  return { containerRef, chartRef };
}
