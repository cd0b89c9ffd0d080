// This browser's estimate of the server's clock, from the Date header of the meetings it reads, and a ticking "now" in
// server time for the speaking clock: every screen in the room then shows the same time left, whatever its own clock says.
import { useEffect, useState } from "react";
import { clockOffset, narrowBounds, offsetBounds, type OffsetBounds } from "./speaking-clock";

let bounds: OffsetBounds | null = null;

/** Notes one answer's Date header and when the request went out and the answer came back (local clock). */
export function recordServerTime(sample: { serverDate: string | null; sentAt: number; receivedAt: number }): void {
  bounds = narrowBounds(bounds, offsetBounds(sample));
}

/** The server's time now, as far as its answers tell. */
export function serverNow(): number {
  return Date.now() + clockOffset(bounds);
}

/** Server time, renewed as each second of it begins while the component is on screen. */
export function useServerNow(): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    let timer = 0;
    const tick = () => {
      const current = serverNow();
      setNow(current);
      // Wake just after the next whole second, so the figure changes when the second does on every screen.
      timer = window.setTimeout(tick, 1000 - (current % 1000) + 15);
    };
    tick();
    return () => window.clearTimeout(timer);
  }, []);
  return now;
}
