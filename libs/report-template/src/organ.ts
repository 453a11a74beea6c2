/**
 * Reporting bodies (报告机关) as titles print them and as the unit list names them, compared in one
 * place: the parser's short organ name, the submission check and `gongkai ingest`'s unit lookup
 * all use these.
 *
 * A title may add the places above a body (`河南省桐柏县淮源镇人民政府`), write the government
 * long or short (`人民政府` / `政府`), a street office as `街道办事处` / `街道办` / `街道`, and use
 * full-width forms; the unit list says `淮源镇`, `沭城街道`, `桐柏县教育局`, `桐柏县人民政府`.
 */

/** One administrative place above a body: province, prefecture, county level. */
const PLACE = '[\\u4e00-\\u9fff]{1,10}?(?:自治区|自治州|自治县|地区|省|市|州|盟|县|区|旗)';
const PLACE_CHAIN = new RegExp(`^(?:${PLACE})+$`, 'u');
const PLACE_SEGMENTS = new RegExp(PLACE, 'gu');

/** Ways of writing the same kind of body, longest first, and what each becomes in a key. */
const SUFFIXES: [RegExp, string][] = [
  [/(?:人民政府办公室|人民政府办|政府办公室|政府办)$/u, '政府办公室'],
  [/(?:街道办事处|街道办)$/u, '街道'],
  [/(?:人民政府|政府)$/u, ''],
];

/** Full-width forms folded (NFKC), spaces, quotes and title brackets dropped. */
export function normalizeOrgan(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\u200b\u3000]+/gu, '')
    .replace(/^[《〈"“'‘]+|[》〉"”'’]+$/gu, '');
}

/**
 * A key for comparing bodies: `淮源镇人民政府`, `淮源镇政府` and `淮源镇` all give `淮源镇`;
 * `沭城街道办事处` gives `沭城街道`; `洪泽区人民政府办公室` gives `洪泽区政府办公室` (the
 * government's office is a body of its own); departments stay as written. Places printed in
 * front stay in the key: `sameBody` decides whether they are merely more of the address.
 */
export function organKey(name: string): string {
  let s = normalizeOrgan(name);
  for (const [re, to] of SUFFIXES) {
    if (re.test(s)) {
      s = s.replace(re, to);
      break;
    }
  }
  return s;
}

/** The printed places in front of `key` that `body` (a key) does not carry, or null if `body` is not its tail. */
function extraPlaces(key: string, body: string): string | null {
  if (!body || key === body) return key === body ? '' : null;
  if (!key.endsWith(body)) return null;
  const prefix = key.slice(0, key.length - body.length);
  return PLACE_CHAIN.test(prefix) ? prefix : null;
}

/**
 * Whether two names mean the same body: equal keys, or one is the other with places above it in
 * front (`淮安市洪泽区人民政府` / `洪泽区人民政府`, `桐柏县教育局` / `教育局`).
 */
export function sameBody(a: string, b: string): boolean {
  const ka = organKey(a);
  const kb = organKey(b);
  if (!ka || !kb) return false;
  return extraPlaces(ka, kb) !== null || extraPlaces(kb, ka) !== null;
}

type Level = 'province' | 'prefecture' | 'county';
function levelOf(place: string): Level {
  if (/(?:省|自治区)$/u.test(place)) return 'province';
  if (/(?:自治州|地区|市|州|盟)$/u.test(place)) return 'prefecture';
  return 'county';
}

/**
 * Whether a report whose title names `printed` belongs to the unit `unitName`. `ancestors` are
 * the unit's parents' names (province → county), when known: a place the title prints in front
 * must then not contradict them (`唐河县城郊乡人民政府` is not 桐柏县's 城郊乡).
 */
export function organMatches(printed: string, unitName: string, ancestors: readonly string[] = []): boolean {
  const kp = organKey(printed);
  const ku = organKey(unitName);
  if (!kp || !ku) return false;
  if (extraPlaces(ku, kp) !== null) return true; // the unit's name says more than the title
  const places = extraPlaces(kp, ku);
  if (places === null) return false;
  const known = ancestors.map((a) => organKey(a));
  for (const place of places.match(PLACE_SEGMENTS) ?? []) {
    const sameLevel = known.filter((a) => levelOf(a) === levelOf(place));
    if (sameLevel.length > 0 && !sameLevel.includes(place)) return false;
  }
  return true;
}

const TOWN = new RegExp(`^(?:${PLACE})+([\\u4e00-\\u9fff]{1,8}?(?:镇|乡|街道办事处|街道)(?:人民政府)?)$`, 'u');

/**
 * `桐柏县淮源镇人民政府` → `淮源镇人民政府`, `淮安市洪泽区人民政府` → `洪泽区人民政府`: a
 * township-level body is named without its county, a county government without its prefecture.
 * Anything else (departments, unknown shapes) stays as printed.
 */
export function shortOrgan(organ: string | null): string | null {
  if (!organ) return organ;
  const town = TOWN.exec(organ);
  if (town) return town[1] as string;
  const county = /^.{2,}?(?:省|自治区|市|自治州|州|盟)([\u4e00-\u9fff]{1,8}?(?:县|区|旗|市)人民政府)$/u.exec(organ);
  return county ? (county[1] as string) : organ;
}
