// The page's live client, handed down by LiveConnection (null when signed out: no connection then).
import { createContext } from "react";
import type { LiveClient } from "./live-client";

export const LiveClientContext = createContext<LiveClient | null>(null);
