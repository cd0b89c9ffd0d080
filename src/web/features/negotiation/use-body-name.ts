// A body's name in the reader's language, short ("CHS") or full ("Council of Heads of State"); its code until the
// bodies are known.
import { useCallback } from "react";
import { useLocale } from "../../i18n/use-locale";
import { useBodies } from "../../shared/api/registry-queries";

export function useBodyName(form: "short" | "full"): (code: string) => string {
  const bodies = useBodies();
  const { text } = useLocale();
  const items = bodies.data?.items;
  return useCallback(
    (code) => {
      const body = items?.find((item) => item.code === code);
      if (!body) return code;
      return text(form === "short" ? body.shortNames : body.names);
    },
    [items, text, form],
  );
}
