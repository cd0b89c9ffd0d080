// Keeps identity's pages current while another administrator works: accounts and delegations changed elsewhere take their place on screen without a reload.
import { useQueryClient } from "@tanstack/react-query";
import { DelegationSchema, UserSchema } from "../../../contracts/identity";
import { STREAMS } from "../../../contracts/live";
import { useLiveStream } from "../../shared/live/use-live-stream";
import { applyDelegation, applyUser, refetchIdentity } from "./identity-cache";

const DelegationStateSchema = DelegationSchema.pick({ code: true, isActive: true, version: true });

export function useIdentityLive(): void {
  const queryClient = useQueryClient();
  useLiveStream(STREAMS.users, (change) => {
    const user = change.kind === "event" ? UserSchema.safeParse(change.event.payload.user) : null;
    if (!user?.success) return void refetchIdentity(queryClient);
    applyUser(queryClient, user.data, { isNew: change.kind === "event" && change.event.type === "user.created" });
  });
  useLiveStream(STREAMS.delegations, (change) => {
    const state = change.kind === "event" ? DelegationStateSchema.safeParse(change.event.payload.delegation) : null;
    if (!state?.success) return void refetchIdentity(queryClient);
    applyDelegation(queryClient, state.data);
  });
}
