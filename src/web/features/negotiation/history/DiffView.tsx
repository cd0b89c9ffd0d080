// A comparison of two revisions, provision by provision: side by side (old and new) or inline, deleted words struck
// and inserted words marked, and a note where a change too large was compared by sentence or as a whole; provisions
// matched by identity, so a renumbered one shows both its numbers.
import { Badge, Group, Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { DiffDto } from "../../../../contracts/negotiation";
import classes from "../Negotiation.module.css";
import { revisionLabel } from "../negotiation-format";
import { coarseComparison, sideBySide, type DiffOp } from "./history-view";
import { textDirection } from "../../../shared/core-rules";

type DiffProvision = DiffDto["provisions"][number];

const CHANGE_COLOURS: Readonly<Record<DiffProvision["change"], string>> = { same: "gray", changed: "orange", added: "green", removed: "red", moved: "blue" };

function Ops({ ops, language }: { ops: readonly DiffOp[]; language: string }) {
  return (
    <p lang={language} dir={textDirection(language)} className={classes.text} style={{ fontSize: "0.95rem" }}>
      {ops.map((op, index) =>
        op.op === "insert" ? (
          <ins key={index} className={classes.ins}>
            {op.text}
          </ins>
        ) : op.op === "delete" ? (
          <del key={index} className={classes.del}>
            {op.text}
          </del>
        ) : (
          <span key={index}>{op.text}</span>
        ),
      )}
    </p>
  );
}

function Numbers({ provision }: { provision: DiffProvision }) {
  const { from, to } = { from: provision.fromNumber, to: provision.toNumber };
  const text = from && to && from !== to ? `${from} → ${to}` : (to ?? from ?? "");
  return <Text className={classes.provisionNumber}>{text}</Text>;
}

export type DiffMode = "side" | "inline";

/** A provision whose text did not change is still worth showing when it was renumbered. */
const isRenumbered = (provision: DiffProvision) => provision.fromNumber !== null && provision.toNumber !== null && provision.fromNumber !== provision.toNumber;
const isVisibleChange = (provision: DiffProvision) => provision.change !== "same" || isRenumbered(provision);

export function DiffView({ diff, language, mode, showUnchanged }: { diff: DiffDto; language: string; mode: DiffMode; showUnchanged: boolean }) {
  const { t } = useTranslation();
  const shown = diff.provisions.filter((provision) => showUnchanged || isVisibleChange(provision));
  if (shown.length === 0) return <Text c="dimmed">{t("negotiation.diff.noChanges")}</Text>;
  return (
    <Stack gap="sm" data-testid="diff">
      {shown.map((provision) => {
        const ops = provision.ops[language] ?? [];
        const { before, after } = sideBySide(ops);
        const coarse = coarseComparison(provision, language);
        return (
          <Paper key={provision.id} withBorder radius="md" p={{ base: "sm", sm: "md" }} data-testid="diff-provision" data-change={provision.change}>
            <Group gap={6} mb={6}>
              <Numbers provision={provision} />
              <Badge size="sm" color={CHANGE_COLOURS[provision.change]} variant="light" radius="sm" styles={{ root: { textTransform: "none" } }}>
                {provision.change === "same" && isRenumbered(provision) ? t("negotiation.diff.renumbered") : t(`negotiation.diff.change.${provision.change}`)}
              </Badge>
            </Group>
            {coarse && (
              <Text size="xs" c="dimmed" mb={6} data-testid="diff-granularity" data-granularity={coarse}>
                {t(`negotiation.diff.granularity.${coarse}`)}
              </Text>
            )}
            {mode === "inline" ? (
              <Ops ops={ops} language={language} />
            ) : (
              <div className={classes.sideBySide}>
                <div>
                  <Text size="xs" c="dimmed" fw={600}>
                    {revisionLabel(diff.from, t)}
                  </Text>
                  {provision.change === "added" ? <Text size="sm" c="dimmed">{t("negotiation.diff.absent")}</Text> : <Ops ops={before} language={language} />}
                </div>
                <div>
                  <Text size="xs" c="dimmed" fw={600}>
                    {revisionLabel(diff.to, t)}
                  </Text>
                  {provision.change === "removed" ? <Text size="sm" c="dimmed">{t("negotiation.diff.absent")}</Text> : <Ops ops={after} language={language} />}
                </div>
              </div>
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}
