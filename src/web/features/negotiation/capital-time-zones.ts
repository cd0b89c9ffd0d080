// The time zone of each party's capital, for showing a deadline in the chair's own time. The registry does not record
// zones yet; until it does, the organization's states are listed here (an unknown party: no chair's zone is shown).
const CAPITAL_TIME_ZONES: Readonly<Record<string, string>> = {
  AE: "Asia/Dubai",
  AF: "Asia/Kabul",
  AM: "Asia/Yerevan",
  AZ: "Asia/Baku",
  BH: "Asia/Bahrain",
  BY: "Europe/Minsk",
  CN: "Asia/Shanghai",
  EG: "Africa/Cairo",
  IN: "Asia/Kolkata",
  IR: "Asia/Tehran",
  KG: "Asia/Bishkek",
  KH: "Asia/Phnom_Penh",
  KW: "Asia/Kuwait",
  KZ: "Asia/Almaty",
  LK: "Asia/Colombo",
  MM: "Asia/Yangon",
  MN: "Asia/Ulaanbaatar",
  MV: "Indian/Maldives",
  NP: "Asia/Kathmandu",
  PK: "Asia/Karachi",
  QA: "Asia/Qatar",
  RU: "Europe/Moscow",
  SA: "Asia/Riyadh",
  TJ: "Asia/Dushanbe",
  TR: "Europe/Istanbul",
  UZ: "Asia/Tashkent",
};

export function capitalTimeZone(party: string | null): string | null {
  return party === null ? null : (CAPITAL_TIME_ZONES[party] ?? null);
}
