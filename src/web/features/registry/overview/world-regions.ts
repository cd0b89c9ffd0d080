// Country outlines for the membership map: world-atlas (Natural Earth 1:50m) loaded on demand and keyed by ISO 3166 numeric code.
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";

export interface RegionProperties {
  /** The ISO numeric code without leading zeros ("356", "4"); ECharts matches map data by this name. */
  readonly name: string;
}

export type WorldRegions = FeatureCollection<Geometry, RegionProperties>;

const ANTARCTICA = 10;

/** "004" and "4" are the same country; world-atlas and the registry may pad differently. */
export function regionKey(isoNumeric: string | number): string {
  return String(Number(isoNumeric));
}

type Ring = number[][];

/**
 * Natural Earth cuts Russia's (and Fiji's) outline at 180° but topojson-client rejoins the pieces into one ring that jumps
 * from +180 to -180; drawn flat, that jump paints a band across the whole map. Moving the western half past +180 closes it.
 */
function unwrapRings(rings: Ring[]): Ring[] {
  const lons = rings.flatMap((ring) => ring.map((point) => point[0] ?? 0));
  if (Math.max(...lons) - Math.min(...lons) <= 180) return rings;
  return rings.map((ring) => ring.map(([lon = 0, lat = 0]) => [lon < 0 ? lon + 360 : lon, lat]));
}

function unwrapAntimeridian(geometry: Geometry): Geometry {
  if (geometry.type === "Polygon") return { ...geometry, coordinates: unwrapRings(geometry.coordinates) };
  if (geometry.type === "MultiPolygon") return { ...geometry, coordinates: geometry.coordinates.map(unwrapRings) };
  return geometry;
}

function toRegions(topology: Topology<{ countries: GeometryCollection }>): WorldRegions {
  const collection = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name?: string }>;
  const features = collection.features
    .filter((f) => Number(f.id) !== ANTARCTICA)
    .map(
      (f, index): Feature<Geometry, RegionProperties> => ({
        type: "Feature",
        id: f.id,
        geometry: unwrapAntimeridian(f.geometry),
        // Territories without an ISO code still get a unique name, so ECharts never merges them.
        properties: { name: f.id === undefined ? `unnumbered-${String(index)}` : regionKey(f.id) },
      }),
    );
  return { type: "FeatureCollection", features };
}

/** Below this land area (in square degrees; Qatar is about 1, Kuwait 1.6, Armenia 3.1) a state is too small to point at on the map. */
const SMALL_AREA = 2.5;

/** Twice the signed area of a ring and its area-weighted centre (the shoelace formula, in plain degrees). */
function ringMoments(ring: Ring): { area2: number; cx: number; cy: number } {
  let area2 = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x0 = 0, y0 = 0] = ring[i] ?? [];
    const [x1 = 0, y1 = 0] = ring[i + 1] ?? [];
    const cross = x0 * y1 - x1 * y0;
    area2 += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  return { area2, cx, cy };
}

function outerRings(geometry: Geometry): Ring[] {
  if (geometry.type === "Polygon") return geometry.coordinates.slice(0, 1);
  if (geometry.type === "MultiPolygon") return geometry.coordinates.flatMap((polygon) => polygon.slice(0, 1));
  return [];
}

/**
 * Where to put a point for each region too small to hover (island states, small Gulf states): the centre of its land,
 * keyed like the regions. An archipelago's centre may fall in the sea between its islands, which is where a reader looks.
 */
export function smallRegionCentres(regions: WorldRegions): ReadonlyMap<string, readonly [number, number]> {
  const centres = new Map<string, readonly [number, number]>();
  for (const region of regions.features) {
    let area2 = 0;
    let cx = 0;
    let cy = 0;
    for (const ring of outerRings(region.geometry)) {
      // Rings may wind either way; each island counts with its own area.
      const moments = ringMoments(ring);
      const sign = Math.sign(moments.area2);
      area2 += sign * moments.area2;
      cx += sign * moments.cx;
      cy += sign * moments.cy;
    }
    if (area2 <= 0 || area2 / 2 >= SMALL_AREA) continue;
    centres.set(region.properties.name, [cx / (3 * area2), cy / (3 * area2)]);
  }
  return centres;
}

/** A map frame as ECharts takes it: [[west, north], [east, south]], in degrees. */
export type Frame = [[number, number], [number, number]];

/** The whole world but Antarctica: the frame when no region is known. */
export const WORLD_FRAME: Frame = [
  [-180, 84],
  [190, -58],
];

/**
 * The frame around these regions' land, with a margin, and at least `minSpan` degrees each way so that a small group of
 * states is shown among its neighbours rather than filling the map. Outlines crossing 180° were unwrapped east of it.
 */
export function frameOf(regions: WorldRegions, keys: ReadonlySet<string>, minSpan = 30): Frame {
  let west = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  let south = Infinity;
  for (const region of regions.features) {
    if (!keys.has(region.properties.name)) continue;
    for (const ring of outerRings(region.geometry)) {
      for (const [lon = 0, lat = 0] of ring) {
        west = Math.min(west, lon);
        east = Math.max(east, lon);
        north = Math.max(north, lat);
        south = Math.min(south, lat);
      }
    }
  }
  if (!Number.isFinite(west)) return WORLD_FRAME;
  const grow = (low: number, high: number, limitLow: number, limitHigh: number): [number, number] => {
    const span = Math.max(high - low, minSpan);
    const centre = (low + high) / 2;
    const half = span * 0.55;
    return [Math.max(limitLow, centre - half), Math.min(limitHigh, centre + half)];
  };
  const [w, e] = grow(west, east, -180, 200);
  const [s, n] = grow(south, north, -60, 85);
  return [
    [w, n],
    [e, s],
  ];
}

let pending: Promise<WorldRegions> | null = null;

/** The ~750 kB atlas is imported only when a map is first drawn, so the first page stays light. */
export function loadWorldRegions(): Promise<WorldRegions> {
  pending ??= import("world-atlas/countries-50m.json").then((module) =>
    toRegions(module.default as unknown as Topology<{ countries: GeometryCollection }>),
  );
  return pending;
}
