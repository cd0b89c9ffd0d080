// The membership map: Apache ECharts "map" series over world-atlas outlines, each state coloured by its tier on the chosen day;
// states too small to hover get a point of their tier's colour, and a click on a state (or its point) opens its page.
import { MapChart, ScatterChart } from "echarts/charts";
import { GeoComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { use, useEffect, useMemo } from "react";
import { useNavigate } from "react-router";
import { useEchart } from "../../../shared/charts/use-echart";
import type { StateListItem } from "../../../../contracts/registry";
import { NO_STATUS_COLOUR, type TierView } from "../tiers";
import { frameOf, loadWorldRegions, regionKey, smallRegionCentres, type WorldRegions } from "./world-regions";

echarts.use([MapChart, ScatterChart, GeoComponent, TooltipComponent, CanvasRenderer]);

const MAP_NAME = "concord-world";

interface WorldMap {
  readonly name: string;
  /** Where the point of each region too small to hover goes, by region key. */
  readonly smallRegions: ReadonlyMap<string, readonly [number, number]>;
  readonly regions: WorldRegions;
}

async function loadRegisteredMap(): Promise<WorldMap> {
  const regions = await loadWorldRegions();
  echarts.registerMap(MAP_NAME, regions as unknown as Parameters<typeof echarts.registerMap>[1]);
  return { name: MAP_NAME, smallRegions: smallRegionCentres(regions), regions };
}

let mapReady: Promise<WorldMap> | null = null;
function mapReadyOnce(): Promise<WorldMap> {
  mapReady ??= loadRegisteredMap();
  return mapReady;
}

export interface MembershipMapProps {
  readonly states: readonly StateListItem[];
  readonly tiers: readonly TierView[];
  /** Summary read by screen readers in place of the picture. */
  readonly label: string;
  readonly stateName: (state: StateListItem) => string;
  readonly tierName: (code: string) => string;
  /** The ISO numeric codes of the states the map is framed on (the organization's states today), so it never jumps as the day changes. */
  readonly frame: readonly string[];
}

/** What the tooltip and a click need to know of a state, on its outline and on its point alike. */
interface StateDatum {
  readonly name: string;
  readonly code: string;
  readonly stateName: string;
  readonly tierName: string;
}

interface RegionDatum extends StateDatum {
  readonly value: number;
  readonly itemStyle: { readonly areaColor: string };
  readonly emphasis: { readonly itemStyle: { readonly areaColor: string } };
}

interface PointDatum extends StateDatum {
  readonly value: readonly [number, number];
  readonly itemStyle: { readonly color: string };
}


function isStateDatum(value: unknown): value is StateDatum {
  return typeof value === "object" && value !== null && typeof (value as Partial<StateDatum>).code === "string";
}

export default function MembershipMap({ states, tiers, label, stateName, tierName, frame }: MembershipMapProps) {
  const map = use(mapReadyOnce());
  // Framed on the organization's own states, wherever they are: Eurasia for the SCO, the Baltic for another.
  const frameKey = frame.join(",");
  const boundingCoords = useMemo(() => frameOf(map.regions, new Set(frameKey.split(",").filter(Boolean).map(regionKey))), [map.regions, frameKey]);
  const { containerRef, chartRef } = useEchart();
  const navigate = useNavigate();

  const { regions, points } = useMemo(() => {
    const colourOf = new Map(tiers.map((tier, index) => [tier.code, { colour: tier.colour, index }]));
    const regionData: RegionDatum[] = [];
    const pointData: PointDatum[] = [];
    for (const state of states) {
      const tier = colourOf.get(state.tier);
      const colour = tier?.colour ?? NO_STATUS_COLOUR;
      const datum: StateDatum = { name: regionKey(state.isoNumeric), code: state.code, stateName: stateName(state), tierName: tierName(state.tier) };
      regionData.push({ ...datum, value: tier?.index ?? -1, itemStyle: { areaColor: colour }, emphasis: { itemStyle: { areaColor: colour } } });
      const centre = map.smallRegions.get(datum.name);
      if (centre) pointData.push({ ...datum, value: centre, itemStyle: { color: colour } });
    }
    return { regions: regionData, points: pointData };
  }, [states, tiers, stateName, tierName, map]);

  useEffect(() => {
    // The outlines (map series) and the points (scatter on a hidden geo component) are laid out alike, so they line up.
    const layout = { map: map.name, roam: false, boundingCoords, left: 8, right: 8, top: 8, bottom: 8 };
    chartRef.current?.setOption({
      animationDurationUpdate: 400,
      tooltip: {
        trigger: "item",
        confine: true,
        formatter: (params: { data?: unknown }) =>
          isStateDatum(params.data)
            ? `<strong>${echarts.format.encodeHTML(params.data.stateName)}</strong><br/>${echarts.format.encodeHTML(params.data.tierName)}`
            : "",
      },
      geo: { ...layout, show: false, silent: true },
      series: [
        {
          type: "map",
          ...layout,
          selectedMode: false,
          label: { show: false },
          itemStyle: { areaColor: NO_STATUS_COLOUR, borderColor: "#ffffff", borderWidth: 0.6 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: "#d3dbe6", borderColor: "#0b2447", borderWidth: 1.2 } },
          data: regions,
        },
        {
          type: "scatter",
          coordinateSystem: "geo",
          geoIndex: 0,
          symbol: "circle",
          symbolSize: 9,
          cursor: "pointer",
          itemStyle: { borderColor: "#ffffff", borderWidth: 1.5, shadowBlur: 2, shadowColor: "rgba(11, 36, 71, 0.35)" },
          emphasis: { scale: 1.5, itemStyle: { borderColor: "#0b2447" } },
          data: points,
        },
      ],
    });
  }, [regions, points, map, chartRef, boundingCoords]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    const openState = (params: { data?: unknown }) => {
      if (isStateDatum(params.data)) void navigate(`/states/${params.data.code}`);
    };
    chart.on("click", openState);
    return () => void chart.off("click", openState);
  }, [chartRef, navigate]);

  return <div ref={containerRef} role="img" aria-label={label} data-testid="membership-map" style={{ width: "100%", height: "100%" }} />;
}
