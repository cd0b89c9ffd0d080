// The audit trail: who did what, when (in the reader's time zone), from where, with its chain hash; filtered by action, delegation and days, a page at a time.
import { Button, Code, Group, NativeSelect, Paper, Stack, Table, Text, Title, UnstyledButton } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { Fragment, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import type { AuditEvent } from "../../../contracts/identity";
import { formatInstant, localTimeZone } from "../../i18n/date-format";
import { useLocale } from "../../i18n/use-locale";
import { Loading } from "../../shared/QueryFeedback";
import { usePageTitle } from "../../shared/use-page-title";
import { holds, type SignedInSession } from "../../shared/access/access-rules";
import { AUDIT_ACCESS } from "../../shared/access/page-access";
import { AccessGate } from "../../shared/access/AccessGate";
import { QueryProblem } from "../../shared/access/QueryProblem";
import { dataLanguageOf } from "../../i18n/language";
import { accountName } from "../../shared/directory/account-name";
import { useDelegations } from "../../shared/directory/directory-queries";
import { KNOWN_ACTIONS, actionLabel, actorLabel, dayEnd, dayStart, payloadSummary, shortHash, targetLabel, type AuditNames } from "./audit-format";
import { useAuditLive } from "./audit-live";
import { useAuditTrail, type AuditFilter } from "./audit-queries";
import classes from "./AuditPage.module.css";
import { ScrollableTable } from "../../shared/table/ScrollableTable";
import { DateField } from "../../shared/forms/DateFields";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DELEGATION_CODE = /^[A-Z0-9_-]{2,16}$/;

/** The whole recorded event: what the short columns leave out. */
function EventRecord({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  return (
    <dl className={classes.details}>
      <dt>{t("audit.sequence")}</dt>
      <dd>{event.seq}</dd>
      <dt>{t("audit.eventId")}</dt>
      <dd>
        <Code className={classes.hash}>{event.id}</Code>
      </dd>
      <dt>{t("audit.payload")}</dt>
      <dd>
        <Code block className={classes.payload}>
          {JSON.stringify(event.payload, null, 2)}
        </Code>
      </dd>
      <dt>{t("audit.payloadHash")}</dt>
      <dd>
        <Code className={classes.hash}>{event.payloadHash}</Code>
      </dd>
      <dt>{t("audit.hash")}</dt>
      <dd>
        <Code className={classes.hash} data-testid="full-hash">
          {event.hash}
        </Code>
      </dd>
    </dl>
  );
}

/** The shortened hash; pressing it opens the full record (whole hashes included) below. */
function HashToggle({ event, isExpanded, controls, onToggle }: { event: AuditEvent; isExpanded: boolean; controls: string; onToggle: () => void }) {
  const { t } = useTranslation();
  const hash = shortHash(event.hash);
  return (
    <UnstyledButton
      className={classes.hashButton}
      onClick={onToggle}
      aria-expanded={isExpanded}
      aria-controls={controls}
      aria-label={isExpanded ? t("audit.hideDetails", { hash }) : t("audit.showDetails", { hash })}
      data-testid="hash-toggle"
    >
      <Code>{hash}</Code>
      <span aria-hidden="true" className={classes.chevron} data-expanded={isExpanded || undefined}>
        ▸
      </span>
    </UnstyledButton>
  );
}

interface EventListProps {
  readonly events: readonly AuditEvent[];
  readonly names: AuditNames;
  readonly showDelegation: boolean;
  readonly expanded: ReadonlySet<string>;
  readonly onToggle: (id: string) => void;
}

function useEventText(names: AuditNames) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const timeZone = useMemo(() => localTimeZone(), []);
  return {
    time: (event: AuditEvent) => formatInstant(event.at, language, timeZone),
    actor: (event: AuditEvent) => actorLabel(event, t, names),
    delegation: (event: AuditEvent) => (event.actorDelegation ? names.delegation(event.actorDelegation) : event.actorUserId ? t("users.secretariat") : ""),
    action: (event: AuditEvent) => actionLabel(event.action, t),
    target: (event: AuditEvent) => targetLabel(event, t, names),
    summary: (event: AuditEvent) => payloadSummary(event, t, names),
  };
}

function ActionLabel({ event, label }: { event: AuditEvent; label: string }) {
  return (
    <Text span size="sm" fw={600} c={event.action === "session.sign-in-failed" ? "red.8" : "navy.8"} title={event.action}>
      {label}
    </Text>
  );
}

/** On a phone each event is a card: six columns would leave most of them off screen. */
function EventCards({ events, names, showDelegation, expanded, onToggle }: EventListProps) {
  const { t } = useTranslation();
  const text = useEventText(names);
  return (
    <ol className={classes.cards} aria-label={t("audit.title")} data-testid="audit-table">
      {events.map((event) => {
        const detailsId = `audit-event-${event.seq}`;
        const isExpanded = expanded.has(event.id);
        const who = [text.actor(event), showDelegation ? text.delegation(event) : "", event.address ?? ""].filter(Boolean).join(" · ");
        return (
          <li key={event.id} className={classes.card} data-testid="audit-row" data-action={event.action}>
            <Group justify="space-between" align="baseline" gap="xs">
              <ActionLabel event={event} label={text.action(event)} />
              <Text size="xs" c="dimmed">
                <time dateTime={event.at}>{text.time(event)}</time>
              </Text>
            </Group>
            <Text size="sm" mt={4}>
              {who}
            </Text>
            {text.target(event) && (
              <Text size="sm" c="dimmed" title={event.target ?? undefined} data-testid="audit-target">
                {text.target(event)}
              </Text>
            )}
            {text.summary(event) && (
              <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                {text.summary(event)}
              </Text>
            )}
            <div className={classes.cardHash}>
              <HashToggle event={event} isExpanded={isExpanded} controls={detailsId} onToggle={() => onToggle(event.id)} />
            </div>
            {isExpanded && (
              <div id={detailsId}>
                <EventRecord event={event} />
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function EventTable({ events, names, showDelegation, expanded, onToggle }: EventListProps) {
  const { t } = useTranslation();
  const text = useEventText(names);
  const colSpan = 6;
  return (
    <Paper withBorder radius="lg" p={0} style={{ overflow: "hidden" }}>
      <ScrollableTable label={t("audit.title")} minWidth={880}>
        <Table verticalSpacing="xs" horizontalSpacing="sm" fz="sm" aria-label={t("audit.title")} data-testid="audit-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("audit.columnTime")}</Table.Th>
              <Table.Th scope="col">{t("audit.columnActor")}</Table.Th>
              <Table.Th scope="col">{t("audit.columnAction")}</Table.Th>
              <Table.Th scope="col">{t("audit.columnTarget")}</Table.Th>
              <Table.Th scope="col">{t("audit.columnSummary")}</Table.Th>
              <Table.Th scope="col">{t("audit.columnHash")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {events.map((event) => {
              const detailsId = `audit-event-${event.seq}`;
              const isExpanded = expanded.has(event.id);
              return (
                <Fragment key={event.id}>
                  <Table.Tr data-testid="audit-row" data-action={event.action}>
                    <Table.Td className={classes.nowrap}>
                      <time dateTime={event.at}>{text.time(event)}</time>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" title={event.actorUserId ? `user:${event.actorUserId}` : undefined}>
                        {text.actor(event)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {[showDelegation ? text.delegation(event) : "", event.address ?? ""].filter(Boolean).join(" · ")}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <ActionLabel event={event} label={text.action(event)} />
                    </Table.Td>
                    <Table.Td title={event.target ?? undefined} data-testid="audit-target">
                      {text.target(event) || "—"}
                    </Table.Td>
                    <Table.Td className={classes.summary}>{text.summary(event) || "—"}</Table.Td>
                    <Table.Td className={classes.nowrap}>
                      <HashToggle event={event} isExpanded={isExpanded} controls={detailsId} onToggle={() => onToggle(event.id)} />
                    </Table.Td>
                  </Table.Tr>
                  {isExpanded && (
                    <Table.Tr id={detailsId} className={classes.detailsRow}>
                      <Table.Td colSpan={colSpan}>
                        <EventRecord event={event} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollableTable>
    </Paper>
  );
}

function EventList(props: Omit<EventListProps, "expanded" | "onToggle">) {
  const isPhone = useMediaQuery("(max-width: 36em)");
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const onToggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return isPhone ? <EventCards {...props} expanded={expanded} onToggle={onToggle} /> : <EventTable {...props} expanded={expanded} onToggle={onToggle} />;
}

function isSameFilter(a: AuditFilter | null, b: AuditFilter): boolean {
  return a !== null && a.action === b.action && a.delegation === b.delegation && a.from === b.from && a.to === b.to;
}

/** The filter while it is valid, else the last valid one (none when the page was opened with an invalid one). */
function useLastValid(filter: AuditFilter, isValid: boolean): AuditFilter | null {
  const [lastValid, setLastValid] = useState<AuditFilter | null>(isValid ? filter : null);
  // Remembered while rendering, as React documents for state that follows props.
  if (isValid && !isSameFilter(lastValid, filter)) setLastValid(filter);
  return isValid ? filter : lastValid;
}

function Audit({ session }: { session: SignedInSession }) {
  const { t } = useTranslation();
  const { text, language, count, date } = useLocale();
  usePageTitle(t("audit.title"));
  const [params, setParams] = useSearchParams();
  // The whole trail (and so its delegation filter and column), or only the events of one's own delegation.
  const seesWholeTrail = holds(session.permissions, "audit.list", "all");
  const timeZone = useMemo(() => localTimeZone(), []);

  const action = params.get("action") ?? "";
  const requestedDelegation = params.get("delegation") ?? "";
  const delegation = seesWholeTrail && DELEGATION_CODE.test(requestedDelegation) ? requestedDelegation : "";
  const fromDay = DAY.test(params.get("from") ?? "") ? (params.get("from") ?? "") : "";
  const toDay = DAY.test(params.get("to") ?? "") ? (params.get("to") ?? "") : "";
  const filter: AuditFilter = {
    action: action in KNOWN_ACTIONS ? action : null,
    delegation: delegation || null,
    from: dayStart(fromDay),
    to: dayEnd(toDay),
  };
  // A "from" after the "to" matches nothing: it is said next to the fields, and the trail stays as the last good filters showed it.
  const isRangeInverted = fromDay !== "" && toDay !== "" && fromDay > toDay;
  const shownFilter = useLastValid(filter, !isRangeInverted);
  const rangeMessageId = useId();
  const trail = useAuditTrail(shownFilter);
  useAuditLive(shownFilter);
  const delegations = useDelegations();

  // Accounts, documents and parties come named by the server with each event; delegations' names in the reader's language from the directory.
  const names = useMemo<AuditNames>(() => {
    const delegationNames = new Map((delegations.data?.items ?? []).map((item) => [item.code, text(item.names)]));
    const delegation = (code: string | null) => (code === null ? "" : (delegationNames.get(code) ?? code));
    return { delegation, account: (account) => accountName(account, t, delegation), language: dataLanguageOf(language), locale: language, timeZone };
  }, [delegations.data, text, t, language, timeZone]);

  // From the parameters as they are when the change is applied, not as this render read them: a field may call back
  // with an older render's function (a date typed in one field right after the other's change), which lost that change.
  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(window.location.search);
    if (value === "") next.delete(name);
    else next.set(name, value);
    setParams(next, { replace: true });
  };

  const collator = new Intl.Collator(language);
  const actionOptions = [
    { value: "", label: t("audit.allActions") },
    ...Object.keys(KNOWN_ACTIONS)
      .map((value) => ({ value, label: actionLabel(value, t) }))
      .sort((a, b) => collator.compare(a.label, b.label)),
  ];
  const delegationOptions = [
    { value: "", label: t("users.allDelegations") },
    ...[...(delegations.data?.items ?? [])]
      .sort((a, b) => collator.compare(text(a.names), text(b.names)))
      .map((item) => ({ value: item.code, label: text(item.names) })),
  ];
  const events = trail.data?.pages.flatMap((page) => page.items) ?? [];
  const hasFilters = Boolean(action || delegation || fromDay || toDay);

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t("audit.title")}</Title>
        <Text c="dimmed" mt="xs" maw={720}>
          {seesWholeTrail ? t("audit.introSecretariat") : t("audit.introDelegation")}
        </Text>
        <Text size="sm" mt={6} data-testid="audit-time-zone">
          {t("audit.timeZoneNote", { zone: timeZone })}
        </Text>
      </div>

      <section aria-label={t("audit.filtersLabel")}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <NativeSelect
            label={t("audit.filterAction")}
            value={filter.action ?? ""}
            onChange={(event) => setParam("action", event.currentTarget.value)}
            data={actionOptions}
            w={{ base: "100%", xs: 240 }}
            data-testid="filter-action"
          />
          {seesWholeTrail && (
            <NativeSelect
              label={t("audit.filterDelegation")}
              value={delegation}
              onChange={(event) => setParam("delegation", event.currentTarget.value)}
              data={delegationOptions}
              w={{ base: "100%", xs: 240 }}
              data-testid="filter-delegation"
            />
          )}
          <DateField
            label={t("audit.filterFrom")}
            value={fromDay}
            onChange={(day) => setParam("from", day)}
            error={isRangeInverted}
            aria-describedby={isRangeInverted ? rangeMessageId : undefined}
            w={{ base: "calc(50% - 6px)", xs: 170 }}
            data-testid="filter-from"
          />
          <DateField
            label={t("audit.filterTo")}
            value={toDay}
            onChange={(day) => setParam("to", day)}
            error={isRangeInverted}
            aria-describedby={isRangeInverted ? rangeMessageId : undefined}
            w={{ base: "calc(50% - 6px)", xs: 170 }}
            data-testid="filter-to"
          />
          {hasFilters && (
            <Button variant="subtle" onClick={() => setParams({}, { replace: true })}>
              {t("audit.clearFilters")}
            </Button>
          )}
        </Group>
        {isRangeInverted && (
          <div id={rangeMessageId} role="alert" data-testid="range-inverted">
            <Text size="sm" c="red.8" mt="xs">
              {t("audit.rangeInverted", { from: date(fromDay), to: date(toDay) })}
            </Text>
            {trail.data && (
              <Text size="sm" c="dimmed">
                {t("audit.rangeKept")}
              </Text>
            )}
          </div>
        )}
      </section>

      {trail.isError ? (
        <QueryProblem error={trail.error} onRetry={() => void trail.refetch()} />
      ) : !trail.data ? (
        // Opened with an inverted range, there is no last good result: only the message above.
        shownFilter && <Loading />
      ) : events.length === 0 ? (
        <Text c="dimmed" data-testid="audit-empty">
          {t("audit.empty")}
        </Text>
      ) : (
        <Stack gap="sm">
          <EventList events={events} names={names} showDelegation={seesWholeTrail} />
          <Group justify="space-between" gap="sm">
            <Text size="sm" c="dimmed" role="status" data-testid="audit-shown">
              {t(trail.hasNextPage ? "audit.shownMore" : "audit.shownAll", { count: events.length, total: count(events.length) })}
            </Text>
            {trail.hasNextPage && (
              <Button variant="default" onClick={() => void trail.fetchNextPage()} loading={trail.isFetchingNextPage} data-testid="audit-load-more">
                {t("audit.loadMore")}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Stack>
  );
}

export function AuditPage() {
  return <AccessGate access={AUDIT_ACCESS}>{(session) => <Audit session={session} />}</AccessGate>;
}
