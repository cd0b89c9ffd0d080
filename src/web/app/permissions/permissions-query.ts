// The permission matrix from the server (GET /api/v1/permissions): the same data docs/permissions.md is made from.
import { useQuery } from "@tanstack/react-query";
import type { PermissionMatrix } from "../../../contracts/identity";
import { fetchJson } from "../../shared/api/fetch-json";

const HOUR = 60 * 60 * 1000;

export function usePermissionMatrix() {
  return useQuery({
    queryKey: ["access", "permissions"],
    queryFn: ({ signal }) => fetchJson<PermissionMatrix>("/permissions", signal),
    staleTime: HOUR,
  });
}
