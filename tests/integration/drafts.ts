// A one-provision draft of a statement of the supreme body (negotiated in Russian and English): what tests open.
export function oneProvisionDraft(title = "Draft") {
  return {
    title: { ru: "Проект", en: title },
    kind: "statement",
    body: "CHS",
    baseLanguage: "ru",
    languages: ["ru", "en"],
    provisions: [{ kind: "operative", texts: { ru: "Государства-члены сотрудничают.", en: "Member States cooperate." } }],
  };
}
