/** The languages the PxWeb face answers in; labels are derived from the catalogue's and registry's bilingual texts. */
export const LANGUAGES = [
  { id: 'sv', label: 'Svenska' },
  { id: 'en', label: 'English' },
] as const;
export type Language = (typeof LANGUAGES)[number]['id'];
export const DEFAULT_LANGUAGE: Language = 'sv';

/** A text in both languages. */
export interface Bilingual {
  sv: string;
  en: string;
}

export function isLanguage(text: string): text is Language {
  return LANGUAGES.some((l) => l.id === text);
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The catalogue and registry write labels as "English (svenska)": the English part and the Swedish term in
 * parentheses. A label without one keeps its English text in Swedish too (better than an invented translation).
 */
export function splitBilingual(label: string): Bilingual {
  const match = /^(.*?)\s*\(([^()]+)\)\s*$/.exec(label);
  if (!match?.[1] || !match[2]) return { sv: label, en: label };
  return { en: match[1], sv: capitalise(match[2]) };
}
