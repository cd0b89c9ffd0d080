// The membership map: Apache ECharts "map" series over world-atlas outlines, each state coloured by its tier on the chosen day.
import { MapChart } from "echarts/charts";
import { TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { use, useEffect, useMemo } from "react";
import { useEchart } from "../../../shared/charts/use-echart";
import type { StateListItem } from "../../../../contracts/registry";
import { NO_STATUS_COLOUR, type TierView } from "../tiers";
import { loadWorldRegions, regionKey } from "./world-regions";

echarts.use([MapChart, TooltipComponent, CanvasRenderer]);

const MAP_NAME = "concord-world";
let isRegistered = false;

async function loadRegisteredMap(): Promise<string> {
  const regions = await loadWorldRegions();
  if (!isRegistered) {
    echarts.registerMap(MAP_NAME, regions as unknown as Parameters<typeof echarts.registerMap>[1]);
    isRegistered = true;
  }
  return MAP_NAME;
}

let mapReady: Promise<string> | null = null;
function mapReadyOnce(): Promise<string> {
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
}

interface RegionDatum {
  readonly name: string;
  readonly value: number;
  readonly stateName: string;
  readonly tierName: string;
  readonly itemStyle: { readonly areaColor: string };
  readonly emphasis: { readonly itemStyle: { readonly areaColor: string } };
}

/** Europe, north-east Africa and all of Asia to Chukotka: every state with a status, at a readable scale. */
const BOUNDING_COORDS = [
  [-18, 80],
  [190, -12],
];

export default function MembershipMap({ states, tiers, label, stateName, tierName }: MembershipMapProps) {
  const mapName = use(mapReadyOnce());
  const { containerRef, chartRef } = useEchart();

  const data = useMemo((): RegionDatum[] => {
    const colourOf = new Map(tiers.map((tier, index) => [tier.code, { colour: tier.colour, index }]));
    return states.map((state) => {
      const tier = colourOf.get(state.tier);
      const colour = tier?.colour ?? NO_STATUS_COLOUR;
      return {
        name: regionKey(state.isoNumeric),
        value: tier?.index ?? -1,
        stateName: stateName(state),
        tierName: tierName(state.tier),
        itemStyle: { areaColor: colour },
        emphasis: { itemStyle: { areaColor: colour } },
      };
    });
  }, [states, tiers, stateName, tierName]);

  useEffect(() => {
    chartRef.current?.setOption({
      animationDurationUpdate: 400,
      tooltip: {
        trigger: "item",
        confine: true,
        formatter: (params: { data?: RegionDatum }) =>
          params.data
            ? `<strong>${echarts.format.encodeHTML(params.data.stateName)}</strong><br/>${echarts.format.encodeHTML(params.data.tierName)}`
            : "",
      },
      series: [
        {
          type: "map",
          map: mapName,
          roam: false,
          selectedMode: false,
          boundingCoords: BOUNDING_COORDS,
          left: 8,
          right: 8,
          top: 8,
          bottom: 8,
          label: { show: false },
          itemStyle: { areaColor: NO_STATUS_COLOUR, borderColor: "#ffffff", borderWidth: 0.6 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: "#d3dbe6", borderColor: "#0b2447", borderWidth: 1.2 } },
          data,
        },
      ],
    });
  }, [data, mapName, chartRef]);

  return <div ref={containerRef} role="img" aria-label={label} data-testid="membership-map" style={{ width: "100%", height: "100%" }} />;
}
