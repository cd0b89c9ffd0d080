// What the pages listing a body's work share (meetings, documents under negotiation): the filters by body and status kept
// in the address, the heading with its introduction and the action of those who may start one, the note that signing in
// shows more, and the filter row.
import { Alert, Anchor, Button, Group, NativeSelect, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useSearchParams } from "react-router";
import { useLocale } from "../i18n/use-locale";
import { signInPath } from "./access/access-rules";
import { useBodies } from "./api/registry-queries";

export type ListFilter = "body" | "status";

/** The body and status filters, kept in the address (`?body=CHS&status=held`), and a setter that replaces the entry. */
export function useListFilters(): { body: string | null; status: string | null; setFilter: (name: ListFilter, value: string) => void } {
  const [params, setParams] = useSearchParams();
  const setFilter = (name: ListFilter, value: string) => {
    const next = new URLSearchParams(params);
    if (value === "") next.delete(name);
    else next.set(name, value);
    setParams(next, { replace: true });
  };
  return { body: params.get("body"), status: params.get("status"), setFilter };
}

/** The page's heading and introduction; the action (open a negotiation, convene a meeting) for those who may. */
export function ListHeader(props: { title: string; intro: string; action?: { label: string; testId: string; onClick: () => void } | null }) {
  return (
    <Group justify="space-between" align="flex-end" gap="sm">
      <div>
        <Title order={1}>{props.title}</Title>
        <Text c="dimmed" mt="xs" maw={640}>
          {props.intro}
        </Text>
      </div>
      {props.action && (
        <Button onClick={props.action.onClick} data-testid={props.action.testId}>
          {props.action.label}
        </Button>
      )}
    </Group>
  );
}

/** "Sign in to see…", with the link back to this page after signing in. */
export function SignInNote({ testId, children, link }: { testId: string; children: ReactNode; link: string }) {
  const location = useLocation();
  return (
    <Alert color="navy" variant="light" data-testid={testId}>
      <Text size="sm">
        {children}{" "}
        <Anchor component={Link} to={signInPath(location)} size="sm">
          {link}
        </Anchor>
      </Text>
    </Alert>
  );
}

/**
 * The filter row: the organization's bodies, and the list's statuses in the reader's language. Its words are the list's
 * own (`<list>.filters`, `.body`, `.allBodies`, `.status`, `.allStatuses`, e.g. under "meetings.list").
 */
export function BodyStatusFilters(props: { filters: ReturnType<typeof useListFilters>; list: "meetings.list" | "negotiation.list"; statuses: readonly { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const { text } = useLocale();
  const bodies = useBodies();
  const { filters } = props;
  const words = (key: "filters" | "body" | "allBodies" | "status" | "allStatuses") => t(`${props.list}.${key}`);
  const labels = { row: words("filters"), body: words("body"), allBodies: words("allBodies"), status: words("status"), allStatuses: words("allStatuses") };
  return (
    <Group gap="sm" align="flex-end" role="search" aria-label={labels.row}>
      <NativeSelect
        label={labels.body}
        data={[{ value: "", label: labels.allBodies }, ...(bodies.data?.items ?? []).map((item) => ({ value: item.code, label: text(item.shortNames) }))]}
        value={filters.body ?? ""}
        onChange={(event) => filters.setFilter("body", event.currentTarget.value)}
        style={{ flex: "1 1 12rem", maxWidth: "24rem" }}
        data-testid="filter-body"
      />
      <NativeSelect
        label={labels.status}
        data={[{ value: "", label: labels.allStatuses }, ...props.statuses]}
        value={filters.status ?? ""}
        onChange={(event) => filters.setFilter("status", event.currentTarget.value)}
        style={{ flex: "1 1 10rem", maxWidth: "16rem" }}
        data-testid="filter-status"
      />
    </Group>
  );
}
