/**
 * Place-name keys for forgiving matching (docs/domain.md §3): two spellings of the
 * same place must give the same key, so both the PSGC names and the customer's
 * input go through the same functions.
 */

// Common abbreviations in PSGC names and in how people write them. Expanded on
// both sides, so "Sto. Tomas" = "Santo Tomas" and "Pres. Roxas" = "President Roxas".
// A Map, not an object literal, so a word like "constructor" finds nothing.
const ABBREVIATIONS = new Map([
  ['sto', 'santo'],
  ['sta', 'santa'],
  ['st', 'saint'],
  ['ma', 'maria'],
  ['gen', 'general'],
  ['pres', 'president'],
  ['sen', 'senator'],
  ['mt', 'mount'],
  ['pob', 'poblacion'],
]);

// Roman numerals as digits, so "Poblacion I" = "Poblacion 1" and "Zone IV" = "Zone 4".
const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii'];
for (const [i, numeral] of ROMAN.entries()) ABBREVIATIONS.set(numeral, String(i + 1));

/** Lower-case words without accents or punctuation, abbreviations and numerals expanded. */
function words(name: string): string[] {
  // Decomposing and dropping combining marks turns "Piñas" into "Pinas"; most
  // names are plain ASCII and skip that (it is most of the index build time).
  const plain = /^[\x20-\x7e]*$/.test(name) ? name : name.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return plain
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => ABBREVIATIONS.get(w) ?? w);
}

const NUMBER = /^\d+$/;

/**
 * Words are joined without spaces so spacing and hyphenation do not matter
 * ("Lapu-Lapu" = "Lapulapu", "De la Paz" = "Dela Paz", "S.K." = "SK"), except
 * between two numbers, which would merge: "Bongbongan I-II" != "Bongbongan III".
 */
function join(ws: string[]): string {
  return ws.reduce((key, w, i) => (i > 0 && NUMBER.test(w) && NUMBER.test(ws[i - 1]) ? `${key} ${w}` : key + w), '');
}

/** Key for provinces and regions. */
export function placeKey(name: string): string {
  return join(words(name));
}

/**
 * Key for a city or municipality: "City of Makati", "Makati City" and "Makati"
 * are one key. Also drops prefixes such as "Science City of" (Muñoz) and
 * "Island Garden City of" (Samal), which people usually leave out.
 */
export function cityKey(name: string): string {
  let ws = words(name);
  const cityOf = ws.findIndex((w, i) => w === 'city' && ws[i + 1] === 'of');
  if (cityOf >= 0 && ws.length > cityOf + 2) ws = ws.slice(cityOf + 2);
  else if (ws[0] === 'municipality' && ws[1] === 'of' && ws.length > 2) ws = ws.slice(2);
  if (ws.length > 1 && ws[ws.length - 1] === 'city') ws = ws.slice(0, -1);
  return join(ws);
}

/** Words of a barangay name without a leading "Barangay"/"Brgy."/"Bgy. No.". */
function barangayWords(name: string): string[] {
  const ws = words(name);
  let i = ['barangay', 'brgy', 'bgy', 'brg'].includes(ws[0]) ? 1 : 0;
  if (i === 1 && ws[1] === 'no') i = 2;
  return ws.length > i ? ws.slice(i) : ws;
}

/** Key for a barangay as the customer wrote it ("Brgy. San Antonio" = "San Antonio"). */
export function barangayKey(name: string): string {
  return join(barangayWords(name));
}

/**
 * Keys a PSGC barangay name is found by: its barangayKey, then looser aliases
 * for names that carry more than people write: "San Isidro (Jaro)" ->
 * "San Isidro", "Bgy. 13 Pob." -> "13", "Bgy. 17 - Rizal Street., Ilawod" ->
 * "17" (but not "1-A" -> "1"). Aliases can be shared by several barangays of
 * one city, so a match on them may be ambiguous.
 */
export function barangayKeys(name: string): { key: string; aliases: string[] } {
  const ws = barangayWords(name);
  const key = join(ws);
  const aliases = new Set<string>();
  if (name.includes('(')) aliases.add(barangayKey(name.replace(/\([^)]*\)/g, ' ')));
  if (ws.length > 1 && /^\d+$/.test(ws[0]) && ws[1].length > 1) aliases.add(ws[0]);
  aliases.delete(key);
  aliases.delete('');
  return { key, aliases: [...aliases] };
}
