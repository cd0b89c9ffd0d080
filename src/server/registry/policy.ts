// Who may take the registry out of the running application.
import type { Policy } from "../../domain/access.js";

export const registryPolicy = {
  export: {
    right: "registry.export",
    description: "Download the whole registry as a file that `concord import` reads back",
    roles: ["secretariat_admin", "secretariat_officer"],
  },
} as const satisfies Policy<never>;
