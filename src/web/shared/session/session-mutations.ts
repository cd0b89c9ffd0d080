// Signing in and out and changing one's own password; after a sign-in the session and every private cached answer are renewed, after a sign-out the app reloads.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { User } from "../../../contracts/identity";
import { refreshAfterSessionChange } from "./session-query";
import { useSend } from "./use-send";

export function useSignIn() {
  const send = useSend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (credentials: { email: string; password: string }) => {
      await send<{ user: User }>("POST", "/session", credentials);
      return refreshAfterSessionChange(queryClient);
    },
  });
}

/**
 * Signs out, then loads the home page afresh: nothing the signed-in person could read stays in memory,
 * and no guarded page is left on screen to redirect to sign-in while the new session is fetched.
 */
export function useSignOut() {
  const send = useSend();
  return useMutation({
    mutationFn: () => send("DELETE", "/session"),
    onSuccess: () => window.location.assign("/"),
  });
}

export function useChangePassword() {
  const send = useSend();
  return useMutation({
    mutationFn: (change: { currentPassword: string; newPassword: string }) => send("POST", "/session/password", change),
  });
}
