// A zero draft as typed into the "open a negotiation" form: preambular and operative paragraphs, one per block of text
// separated by an empty line, each a provision with its text in the base language.
import type { CreateDocumentRequest } from "../../../../contracts/negotiation";

type NewProvision = CreateDocumentRequest["provisions"][number];

export function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s*\n\s*/g, " ").trim())
    .filter((paragraph) => paragraph !== "");
}

export function zeroDraft(preambular: string, operative: string, baseLanguage: string): NewProvision[] {
  const provision = (kind: NewProvision["kind"]) => (text: string): NewProvision => ({ kind, texts: { [baseLanguage]: text } });
  return [...paragraphs(preambular).map(provision("preambular")), ...paragraphs(operative).map(provision("operative"))];
}
