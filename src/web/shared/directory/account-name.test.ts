// A person's account is named as they typed it; a demo account still named as created is named in the reader's language.
import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { accountName } from "./account-name";

const t = ((key: string, options?: Record<string, unknown>) => (options ? `${key}${JSON.stringify(options)}` : key)) as unknown as TFunction;
const delegationName = (code: string) => (code === "KZ" ? "Казахстан" : code);

describe("accountName", () => {
  it("names a demo administrator and a demo head of delegation in the reader's language, with the delegation's name", () => {
    expect(accountName({ displayName: "Secretariat administrator (demo)", demoAccount: "secretariat-administrator", delegation: null }, t, delegationName)).toBe(
      "users.demoName.secretariatAdministrator",
    );
    expect(accountName({ displayName: "Head of delegation, Kazakhstan (demo)", demoAccount: "head-of-delegation", delegation: "KZ" }, t, delegationName)).toBe(
      'users.demoName.headOfDelegation{"delegation":"Казахстан"}',
    );
  });

  it("keeps every other name exactly as typed, whatever its language", () => {
    expect(accountName({ displayName: "Айгерим Нурлановна", demoAccount: null, delegation: "KZ" }, t, delegationName)).toBe("Айгерим Нурлановна");
    expect(accountName({ displayName: "Secretariat administrator (demo)", demoAccount: null, delegation: null }, t, delegationName)).toBe("Secretariat administrator (demo)");
  });
});
