/**
 * Swedish cardinal numbers written as words ("fem procent", "elva enheter", "tjugofem", "tvåhundra"), as the
 * reports print small counts and shares in running text.
 */
const UNITS: Record<string, number> = {
  noll: 0,
  en: 1,
  ett: 1,
  två: 2,
  tre: 3,
  fyra: 4,
  fem: 5,
  sex: 6,
  sju: 7,
  åtta: 8,
  nio: 9,
  tio: 10,
  elva: 11,
  tolv: 12,
  tretton: 13,
  fjorton: 14,
  femton: 15,
  sexton: 16,
  sjutton: 17,
  arton: 18,
  nitton: 19,
};
const TENS: Record<string, number> = {
  tjugo: 20,
  trettio: 30,
  fyrtio: 40,
  femtio: 50,
  sextio: 60,
  sjuttio: 70,
  åttio: 80,
  nittio: 90,
};

/** 0–99: a unit word, a tens word, or a tens word with a unit glued on (tjugofem). */
function belowHundred(word: string): number | null {
  if (word in UNITS) return UNITS[word] as number;
  for (const [tens, value] of Object.entries(TENS)) {
    if (word === tens) return value;
    if (word.startsWith(tens)) {
      const unit = UNITS[word.slice(tens.length)];
      if (unit !== undefined && unit >= 1 && unit <= 9) return value + unit;
    }
  }
  return null;
}

/** 0–999: [unit]hundra[rest] or below a hundred. */
function belowThousand(word: string): number | null {
  const at = word.indexOf('hundra');
  if (at < 0) return belowHundred(word);
  const head = word.slice(0, at);
  const tail = word.slice(at + 'hundra'.length);
  const multiplier = head === '' ? 1 : belowHundred(head);
  const rest = tail === '' ? 0 : belowHundred(tail);
  if (multiplier === null || multiplier < 1 || multiplier > 9 || rest === null) return null;
  return multiplier * 100 + rest;
}

/**
 * The value of one Swedish number word (any case), or null: `fem` → 5, `Elva` → 11, `tjugofem` → 25,
 * `tvåhundra` → 200, `tretusen` → 3000. Ordinals (första, tredje), fractions (hälften, en tredjedel) and vague
 * amounts (hundratals, tusentals) are not cardinal numbers and give null.
 */
export function parseSwedishNumberWord(text: string): number | null {
  const word = text.trim().toLowerCase();
  if (!/^\p{L}+$/u.test(word)) return null;
  const at = word.indexOf('tusen');
  if (at < 0) return belowThousand(word);
  const head = word.slice(0, at);
  const tail = word.slice(at + 'tusen'.length);
  const multiplier = head === '' ? 1 : belowThousand(head);
  const rest = tail === '' ? 0 : belowThousand(tail);
  if (multiplier === null || multiplier < 1 || rest === null) return null;
  return multiplier * 1000 + rest;
}
