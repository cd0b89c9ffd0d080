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

let pending: Promise<WorldRegions> | null = null;

/** The ~750 kB atlas is imported only when a map is first drawn, so the first page stays light. */
export function loadWorldRegions(): Promise<WorldRegions> {
  pending ??= import("world-atlas/countries-50m.json").then((module) =>
    toRegions(module.default as unknown as Topology<{ countries: GeometryCollection }>),
  );
  return pending;
}
