// Points for states too small to hover: the centre of their land, only for small regions.
import type { Geometry } from "geojson";
import { describe, expect, it } from "vitest";
import { smallRegionCentres, type WorldRegions } from "./world-regions";

function square(x: number, y: number, side: number, clockwise = false): number[][] {
  const ring = [[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]];
  return clockwise ? ring.reverse() : ring;
}

function regions(...entries: Array<[string, Geometry]>): WorldRegions {
  return { type: "FeatureCollection", features: entries.map(([name, geometry]) => ({ type: "Feature", geometry, properties: { name } })) };
}

describe("small region centres", () => {
  it("marks a small region at its centre and leaves a large one to its outline", () => {
    const centres = smallRegionCentres(
      regions(["48", { type: "Polygon", coordinates: [square(50, 26, 0.5)] }], ["398", { type: "Polygon", coordinates: [square(50, 40, 10)] }]),
    );
    expect([...centres.keys()]).toEqual(["48"]);
    expect(centres.get("48")).toEqual([50.25, 26.25]);
  });

  it("weights an archipelago's islands by their area, whichever way their rings wind", () => {
    const centres = smallRegionCentres(
      regions(["462", { type: "MultiPolygon", coordinates: [[square(73, 0, 0.2)], [square(73, 6, 0.4, true)]] }]),
    );
    const [lon = 0, lat = 0] = centres.get("462") ?? [];
    expect(lon).toBeCloseTo(73 + (0.04 * 0.1 + 0.16 * 0.2) / 0.2, 6);
    expect(lat).toBeCloseTo((0.04 * 0.1 + 0.16 * 6.2) / 0.2, 6);
  });
});
