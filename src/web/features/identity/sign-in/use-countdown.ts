// A countdown in whole seconds (e.g. until sign-in may be tried again), ticking once a second while it runs.
import { useCallback, useEffect, useState } from "react";

export function useCountdown(): { secondsLeft: number; start: (seconds: number) => void } {
  const [clock, setClock] = useState<{ until: number; now: number } | null>(null);
  const until = clock?.until ?? null;
  useEffect(() => {
    if (until === null) return;
    const timer = window.setInterval(() => {
      const now = Date.now();
      setClock({ until, now });
      if (now >= until) window.clearInterval(timer);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [until]);
  const start = useCallback((seconds: number) => {
    const now = Date.now();
    setClock({ until: now + seconds * 1000, now });
  }, []);
  return { secondsLeft: clock ? Math.max(0, Math.ceil((clock.until - clock.now) / 1000)) : 0, start };
}
