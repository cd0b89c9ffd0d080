// What the verification page shows of a badge's answer: the verdict, why, the delegate's names in the reader's
// language first, and instants at the venue with the zone named (a guard compares them with the clock on the wall).
import type { BadgeVerification } from "../../../../contracts/meetings";

export type Verdict = "valid" | "invalid" | "unknown";

/** "unknown": no badge has this code (forged or mistyped); otherwise the server's answer decides. */
export function verdictOf(answer: BadgeVerification | null): Verdict {
  if (answer === null) return "unknown";
  return answer.isValid ? "valid" : "invalid";
}

/** The delegate's names, the reader's language first, then the organization's, then the rest; blanks left out. */
export function namesInOrder(name: Readonly<Record<string, string>>, order: readonly string[]): string[] {
  const languages = Object.keys(name);
  const rank = (code: string) => {
    const at = order.indexOf(code);
    return at === -1 ? order.length : at;
  };
  return languages
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((code) => (name[code] ?? "").trim())
    .filter((text, index, all) => text !== "" && all.indexOf(text) === index);
}

/** The time zone an instant is shown in: the venue's when the meeting has one, else the reader's own. */
export function displayZone(meetingZone: string | null, readerZone: string): string {
  if (meetingZone) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: meetingZone });
      return meetingZone;
    } catch {
      // An unknown zone name falls back to the reader's.
    }
  }
  return readerZone;
}

/** "15 July 2025, 14:00:05 GMT+8": date, time to the second (two scans a few seconds apart differ) and the zone's offset. */
export function instantAt(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZoneName: "short",
  }).format(new Date(iso));
}
