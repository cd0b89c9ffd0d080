// The small labels every page shares: a state shown in its colour (a meeting's status, a provision's, an accreditation
// list's…), the demonstration mark and a plain label. Each feature says which colours its states take.
import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

const NO_CAPS = { root: { textTransform: "none" as const, flex: "none" as const } };

/**
 * A state as a badge: its colour from `colours`, filled when it is the state that settles things (held, agreed,
 * approved), its words from `label`. `testId` and `data-<dataKey>` let tests find it by its code.
 */
export function StateBadge<S extends string>(props: {
  state: S;
  colours: Readonly<Record<S, string>>;
  label: string;
  testId: string;
  filled?: boolean;
  dataKey?: string;
  size?: "sm" | "lg" | "xl";
}) {
  const data = props.dataKey ? { [`data-${props.dataKey}`]: props.state } : {};
  return (
    <Badge color={props.colours[props.state]} variant={props.filled ? "filled" : "light"} radius="sm" size={props.size ?? "sm"} styles={NO_CAPS} data-testid={props.testId} {...data}>
      {props.label}
    </Badge>
  );
}

/** The mark of demonstration data (a demonstration meeting or document), in the reader's language. */
export function DemoBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="yellow" variant="outline" radius="sm" styles={NO_CAPS} data-testid="demo-badge">
      {t("app.demonstration")}
    </Badge>
  );
}

export function PlainBadge({ children, color = "gray", testId }: { children: string; color?: string; testId?: string }) {
  return (
    <Badge color={color} variant="light" radius="sm" styles={NO_CAPS} data-testid={testId}>
      {children}
    </Badge>
  );
}
