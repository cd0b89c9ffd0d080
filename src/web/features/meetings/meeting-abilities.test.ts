// What the meeting page offers follows the server's `can` and the reader's delegation: the chair and the secretariat
// lead, a head answers for its delegation, an invited delegation without the right to speak may still ask (and is told why not).
import { describe, expect, it } from "vitest";
import type { Invitation, Meeting } from "../../../contracts/meetings";
import { floorRightOf, meetingAbilities, meetingTabs } from "./meeting-abilities";

const NONE = { manage: false, chair: false, accredit: false, askFloor: false, approve: false, revokeBadges: false };
const invitation = (code: string, basis: Invitation["basis"], extra: Partial<Invitation> = {}): Invitation => ({
  party: { code, names: { en: code } },
  basis,
  tier: null,
  quota: 10,
  maySpeak: basis === "by_right",
  response: "pending",
  headLevel: null,
  version: 1,
  ...extra,
});
const meeting = (can: Partial<Meeting["can"]>, invitations: Invitation[] = [invitation("KZ", "by_right"), invitation("MN", "invited")], adoptedAt: string | null = null) => ({
  can: { ...NONE, ...can },
  invitations,
  chair: "KZ",
  agenda: { adoptedAt, items: [], changes: [] } as Meeting["agenda"],
  accreditation: [] as Meeting["accreditation"],
});

describe("meetingAbilities", () => {
  it("lets the secretariat lead, approve, export and record the outcome, but not ask for the floor without a delegation", () => {
    const abilities = meetingAbilities(meeting({ manage: true, chair: true, approve: true, askFloor: true, revokeBadges: true }), { delegation: null, role: "secretariat_admin" });
    expect(abilities).toMatchObject({ mayInvite: true, mayApprove: true, mayEditAgenda: true, mayConduct: true, mayRecordOutcome: true, mayExport: true, mayManage: true, mayRevokeBadges: true });
    expect(abilities).toMatchObject({ ownInvitation: null, mayRespond: false, offersFloorRequest: false, mayAccredit: false });
  });

  it("lets the chair invite, edit the agenda and conduct the list, without the secretariat's record keeping", () => {
    const abilities = meetingAbilities(meeting({ chair: true, accredit: true, askFloor: true }), { delegation: "KZ", role: "head_of_delegation" });
    expect(abilities).toMatchObject({ mayInvite: true, mayEditAgenda: true, mayConduct: true, mayAccredit: true, mayAskFloor: true, mayRespond: true });
    expect(abilities).toMatchObject({ mayRecordOutcome: false, mayManage: false, mayApprove: false, mayRevokeBadges: false });
    expect(abilities.ownInvitation?.party.code).toBe("KZ");
  });

  it("offers an invited delegation the floor request before it may speak, so that it is told why not", () => {
    const abilities = meetingAbilities(meeting({ accredit: true }), { delegation: "MN", role: "head_of_delegation" });
    expect(abilities).toMatchObject({ mayAskFloor: false, offersFloorRequest: true, mayInvite: false, mayConduct: false });
  });

  it("offers nothing to a delegation that is not invited, or that declined", () => {
    expect(meetingAbilities(meeting({}), { delegation: "IR", role: "head_of_delegation" })).toMatchObject({ ownInvitation: null, offersFloorRequest: false, mayRespond: false });
    const declined = meeting({}, [invitation("MN", "invited", { response: "declined" })]);
    expect(meetingAbilities(declined, { delegation: "MN", role: "head_of_delegation" }).offersFloorRequest).toBe(false);
  });

  it("leaves the adopted agenda to the chair: the secretariat prepares it, but no longer changes it alone", () => {
    const adopted = (can: Partial<Meeting["can"]>) => meeting(can, undefined, "2026-12-10T04:00:00Z");
    expect(meetingAbilities(meeting({ manage: true, chair: true }), { delegation: null, role: "secretariat_admin" }).mayEditAgenda).toBe(true);
    expect(meetingAbilities(adopted({ manage: true, chair: true }), { delegation: null, role: "secretariat_admin" }).mayEditAgenda).toBe(false);
    expect(meetingAbilities(adopted({ manage: true, chair: true }), { delegation: "KZ", role: "head_of_delegation" }).mayEditAgenda).toBe(true);
    expect(meetingAbilities(adopted({}), { delegation: "KZ", role: "delegate" }).mayEditAgenda).toBe(false);
  });

  it("leaves the answer to the invitation to the head, not to a delegate", () => {
    expect(meetingAbilities(meeting({}), { delegation: "KZ", role: "delegate" }).mayRespond).toBe(false);
  });
});

describe("meetingTabs", () => {
  it("shows accreditation to those who submit, approve or have a list, and the rest to all", () => {
    const reader = { delegation: "KZ", role: "delegate" };
    expect(meetingTabs(meeting({}), meetingAbilities(meeting({}), reader))).toEqual(["invitations", "agenda", "speakers", "outcome"]);
    expect(meetingTabs(meeting({}), meetingAbilities(meeting({ accredit: true }), reader))).toContain("accreditation");
    const withList = { ...meeting({}), accreditation: [{ id: "l", delegation: "KZ", state: "approved", delegates: [], returnReason: null, version: 1, updatedAt: "" }] as Meeting["accreditation"] };
    expect(meetingTabs(withList, meetingAbilities(withList, reader))).toContain("accreditation");
  });
});

describe("floorRightOf", () => {
  const tiers = [
    { code: "member", rights: { speak: true, attendByRight: true } },
    { code: "partner", rights: { speak: false, attendByRight: false } },
  ];
  it("gives members the floor by right, others only when invited to speak", () => {
    expect(floorRightOf({ ...invitation("KZ", "by_right", { maySpeak: false }), tier: "member" }, tiers)).toBe("by-right");
    expect(floorRightOf({ ...invitation("MN", "invited"), tier: "partner" }, tiers)).toBe("none");
    expect(floorRightOf({ ...invitation("MN", "invited", { maySpeak: true }), tier: "partner" }, tiers)).toBe("invited");
    expect(floorRightOf({ ...invitation("UN", "guest"), tier: null }, tiers)).toBe("none");
  });

  it("gives no floor to a delegation that declined", () => {
    expect(floorRightOf({ ...invitation("KZ", "by_right", { response: "declined" }), tier: "member" }, tiers)).toBe("none");
  });
});
