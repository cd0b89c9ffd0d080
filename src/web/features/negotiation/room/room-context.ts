// What every part of the negotiation room needs to know: the document as it is now, who is reading (delegation and
// rights), whether they chair the body, how to name a delegation, and who else is in the room.
import { createContext, useContext } from "react";
import type { Permissions } from "../../../../contracts/identity";
import type { DocumentDto } from "../../../../contracts/negotiation";
import type { PresenceView } from "./presence";

export interface Room {
  readonly document: DocumentDto;
  /** The reader's delegation; null for the secretariat and for a reader who is not signed in. */
  readonly delegation: string | null;
  readonly permissions: Permissions;
  readonly isChair: boolean;
  readonly partyName: (code: string) => string;
  /** A provision's label (PP2, OP4) by its identity. */
  readonly provisionName: (id: string) => string;
  /** Who else is in the room, and drafting where. */
  readonly presence: PresenceView;
  /** Names one of those present: a delegation by its party's name, the secretariat by its own. */
  readonly presentName: (code: string) => string;
  /** Tells the room which provision the reader is drafting a proposal on (null: none). */
  readonly setDrafting: (provision: string | null) => void;
}

export const RoomContext = createContext<Room | null>(null);

export function useRoom(): Room {
  const room = useContext(RoomContext);
  if (!room) throw new Error("useRoom outside the negotiation room");
  return room;
}
