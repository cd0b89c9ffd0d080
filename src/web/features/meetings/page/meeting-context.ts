// What every section of a meeting's page reads: the meeting as it now is, what the reader may do there, and names.
import { createContext, useContext } from "react";
import type { Meeting } from "../../../../contracts/meetings";
import type { MeetingAbilities } from "../meeting-abilities";

export interface MeetingView {
  readonly meeting: Meeting;
  readonly abilities: MeetingAbilities;
  /** The reader's delegation, if any. */
  readonly delegation: string | null;
  readonly partyName: (code: string) => string;
}

export const MeetingContext = createContext<MeetingView | null>(null);

export function useMeetingView(): MeetingView {
  const view = useContext(MeetingContext);
  if (!view) throw new Error("useMeetingView outside a meeting page");
  return view;
}
