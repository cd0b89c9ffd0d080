// What stands between the text and adoption, in words: each blocker the server names becomes a sentence naming the
// provisions by their numbers, the delegations by their names and, for a text changed since, the last revision.
import type { TFunction } from "i18next";
import type { DocumentDto } from "../../../../contracts/negotiation";

type Blocker = DocumentDto["blockers"][number];

export interface BlockerNames {
  /** A provision's number (PP2, OP4) from its identity. */
  readonly provision: (id: string) => string;
  readonly party: (code: string) => string;
  /** A list as the reader's language joins it ("OP1, OP3 and OP4"). */
  readonly list: (items: readonly string[]) => string;
  /** The last issued revision ("Rev.3"), which silence and adoption apply to. */
  readonly revision: string;
}

const SENTENCES: Readonly<Record<string, string>> = {
  bracketed: "negotiation.blockers.bracketed",
  "not-agreed": "negotiation.blockers.notAgreed",
  "outdated-versions": "negotiation.blockers.outdatedVersions",
  objections: "negotiation.blockers.objections",
  "changed-since-revision": "negotiation.blockers.changedSinceRevision",
};

export function blockerSentence(blocker: Blocker, t: TFunction, names: BlockerNames): string {
  const key = SENTENCES[blocker.code];
  if (!key) return t("negotiation.blockers.other", { code: blocker.code });
  const provisions = names.list((blocker.provisions ?? []).map(names.provision));
  const delegations = names.list((blocker.delegations ?? []).map(names.party));
  return t(key, { provisions, delegations, revision: names.revision });
}
