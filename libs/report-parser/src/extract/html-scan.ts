import { decodeHTML, decodeHTMLAttribute } from 'entities';

/**
 * A tag scanner for the markup reports are made of, giving exactly htmlparser2's events (tags
 * lower-cased, entities decoded, the elements it closes by implication closed, void elements
 * closed at once, what is open at the end closed innermost first). It reads by indexOf and char
 * codes where htmlparser2 steps a state machine through every character: three to four times as
 * fast. Markup whose reading depends on more of the HTML rules than it keeps (foreign content,
 * raw-text elements other than script, style and title, CDATA, unusual tag names, a tag cut off
 * by the end) throws UNUSUAL before or while scanning, and the page is read by htmlparser2 instead.
 * A differential test holds the two to the same events on real, generated and mutated pages.
 */
export interface HtmlHandler {
  onopentag(name: string, attrs: Record<string, string>): void;
  ontext(text: string): void;
  onclosetag(name: string): void;
}

export const UNUSUAL = Symbol('markup for htmlparser2');

// htmlparser2's tables (Parser.ts), for the elements HTML pages use.
const VOID = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
const P = new Set(['p']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p']);
const FORM = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const SECTIONS = new Set(['thead', 'tbody']);
const DDT = new Set(['dd', 'dt']);
const RTP = new Set(['rt', 'rp']);
const IMPLIES_CLOSE = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['a', new Set(['a'])],
  ['li', new Set(['li'])],
  ['p', P],
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((h) => [h, HEADINGS] as [string, Set<string>]),
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((f) => [f, FORM] as [string, Set<string>]),
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', DDT],
  ['dt', DDT],
  ...[
    'address',
    'article',
    'aside',
    'blockquote',
    'details',
    'div',
    'dl',
    'fieldset',
    'figcaption',
    'figure',
    'footer',
    'form',
    'header',
    'hr',
    'main',
    'nav',
    'ol',
    'pre',
    'section',
    'table',
    'ul',
  ].map((b) => [b, P] as [string, Set<string>]),
  ['rt', RTP],
  ['rp', RTP],
  ['tbody', SECTIONS],
  ['tfoot', SECTIONS],
]);
/** Raw text up to their end tag; title's with its entities decoded. */
const RAW_TEXT = new Set(['script', 'style', 'title']);
/** Elements whose content htmlparser2 reads by other rules: left to it. */
const OTHER_RULES = new Set(['svg', 'math', 'iframe', 'noembed', 'noframes', 'plaintext', 'xmp', 'textarea']);
const TAG_NAME = /^[a-z][a-z0-9:._-]*$/;

/**
 * Names as written → as read, one string each: a name sliced from the page is a new string that
 * every Set and Map lookup would hash again. Bounded, so a page of made-up names cannot grow it.
 */
const TAG_NAMES = new Map<string, string>();
const ATTR_NAMES = new Map<string, string>();
function intern(cache: Map<string, string>, raw: string, name: string): string {
  // A longer slice would be a view keeping the whole page alive.
  if (cache.size < 512 && raw.length <= 12) cache.set(raw, name);
  return name;
}
const COMMENT_END = /--!?>/g;
const NO_ATTRS: Record<string, string> = Object.freeze({}) as Record<string, string>;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c || c === 0x0d;
const endsSection = (c: number) => c === 0x2f || c === 0x3e || isSpace(c);
const isAlpha = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);

export function scanHtml(html: string, h: HtmlHandler): void {
  const n = html.length;
  // Innermost element last.
  const stack: string[] = [];
  const text = (from: number, to: number) => {
    if (to <= from) return;
    const t = html.slice(from, to);
    h.ontext(t.includes('&') ? decodeHTML(t) : t);
  };
  const close = () => h.onclosetag(stack.pop() as string);
  const open = (name: string, attrs: Record<string, string>) => {
    if (name === 'form' && stack.includes('form')) return; // a second <form> is ignored
    const implied = IMPLIES_CLOSE.get(name);
    if (implied) while (stack.length > 0 && implied.has(stack[stack.length - 1] as string)) close();
    if (VOID.has(name)) {
      h.onopentag(name, attrs);
      h.onclosetag(name);
      return;
    }
    stack.push(name);
    h.onopentag(name, attrs);
  };
  const skipSpace = (j: number) => {
    while (j < n && isSpace(html.charCodeAt(j))) j++;
    return j;
  };
  /** Where the last tag name read ended. */
  let nameEnd = 0;
  const tagName = (from: number): string => {
    let j = from;
    while (j < n && !endsSection(html.charCodeAt(j))) j++;
    if (j >= n) throw UNUSUAL;
    nameEnd = j;
    const raw = html.slice(from, j);
    const known = TAG_NAMES.get(raw);
    if (known !== undefined) return known;
    const name = raw.toLowerCase();
    if (!TAG_NAME.test(name) || OTHER_RULES.has(name)) throw UNUSUAL;
    return intern(TAG_NAMES, raw, name === 'image' ? 'img' : name);
  };

  let textFrom = 0;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const c = html.charCodeAt(lt + 1);
    if (isAlpha(c)) {
      text(textFrom, lt);
      const name = tagName(lt + 1);
      // Most tags have no attributes: they share one empty (frozen) record.
      let attrs: Record<string, string> = NO_ATTRS;
      let j = nameEnd;
      let selfClosing = false;
      for (;;) {
        j = skipSpace(j);
        if (j >= n) throw UNUSUAL;
        const a = html.charCodeAt(j);
        if (a === 0x3e) {
          j++;
          break;
        }
        if (a === 0x2f) {
          selfClosing = true;
          j++;
          continue;
        }
        selfClosing = false;
        // The first character is the name's whatever it is (`=` too), as in htmlparser2.
        const start = j++;
        while (j < n && html.charCodeAt(j) !== 0x3d && !endsSection(html.charCodeAt(j))) j++;
        const rawAttr = html.slice(start, j);
        const attr = ATTR_NAMES.get(rawAttr) ?? intern(ATTR_NAMES, rawAttr, rawAttr.toLowerCase());
        j = skipSpace(j);
        let value = '';
        if (html.charCodeAt(j) === 0x3d) {
          j = skipSpace(j + 1);
          if (j >= n) throw UNUSUAL;
          const q = html.charCodeAt(j);
          let raw: string;
          if (q === 0x22 || q === 0x27) {
            const end = html.indexOf(q === 0x22 ? '"' : "'", j + 1);
            if (end < 0) throw UNUSUAL;
            raw = html.slice(j + 1, end);
            j = end + 1;
          } else {
            const from = j;
            while (j < n && !isSpace(html.charCodeAt(j)) && html.charCodeAt(j) !== 0x3e) j++;
            raw = html.slice(from, j);
          }
          value = raw.includes('&') ? decodeHTMLAttribute(raw) : raw;
        }
        if (attrs === NO_ATTRS) attrs = {};
        if (!Object.hasOwn(attrs, attr)) attrs[attr] = value;
      }
      if (RAW_TEXT.has(name)) {
        // `<script/>` opens nothing raw in htmlparser2 and reads on as markup: not ours.
        if (selfClosing) throw UNUSUAL;
        open(name, attrs);
        const end = rawTextEnd(html, j, name);
        if (end < 0) throw UNUSUAL;
        if (end > j) {
          const raw = html.slice(j, end);
          h.ontext(name === 'title' && raw.includes('&') ? decodeHTML(raw) : raw);
        }
        i = textFrom = end; // its end tag is read next, as any end tag
        continue;
      }
      open(name, attrs);
      i = textFrom = j;
      continue;
    }
    if (c === 0x2f) {
      const c2 = html.charCodeAt(lt + 2);
      if (c2 === 0x3e) {
        text(textFrom, lt);
        i = textFrom = lt + 3; // `</>` is nothing
        continue;
      }
      if (!isAlpha(c2)) throw UNUSUAL;
      text(textFrom, lt);
      const name = tagName(lt + 2);
      const gt = html.indexOf('>', nameEnd);
      if (gt < 0) throw UNUSUAL;
      if (!VOID.has(name)) {
        const at = stack.lastIndexOf(name);
        if (at >= 0) while (stack.length > at) close();
        else if (name === 'p') {
          open('p', NO_ATTRS);
          close();
        }
      } else if (name === 'br') {
        h.onopentag('br', NO_ATTRS);
        h.onclosetag('br');
      }
      i = textFrom = gt + 1;
      continue;
    }
    if (c === 0x21) {
      text(textFrom, lt);
      let end: number;
      const d = html.charCodeAt(lt + 2);
      if (d === 0x5b) throw UNUSUAL; // <![CDATA[
      if (d === 0x2d && html.charCodeAt(lt + 3) === 0x2d) {
        // A comment: `<!-->` and `<!--->` end at once, any other at the first `-->` or `--!>` in it.
        const at = lt + 4;
        if (html.charCodeAt(at) === 0x3e) end = at;
        else if (html.charCodeAt(at) === 0x2d && html.charCodeAt(at + 1) === 0x3e) end = at + 1;
        else {
          COMMENT_END.lastIndex = at;
          const m = COMMENT_END.exec(html);
          end = m ? m.index + m[0].length - 1 : -1;
        }
      } else end = html.indexOf('>', lt + 2); // a doctype or a bogus comment
      if (end < 0) throw UNUSUAL;
      i = textFrom = end + 1;
      continue;
    }
    if (c === 0x3f) {
      text(textFrom, lt);
      const end = html.indexOf('>', lt + 2);
      if (end < 0) throw UNUSUAL;
      i = textFrom = end + 1;
      continue;
    }
    // `<` before anything else is text.
    i = lt + 1;
  }
  text(textFrom, n);
  while (stack.length > 0) close();
}

/** Where `</name` followed by a space, `/` or `>` starts (letters in any case), or -1. */
function rawTextEnd(html: string, from: number, name: string): number {
  for (let at = html.indexOf('</', from); at >= 0; at = html.indexOf('</', at + 2)) {
    if (html.substr(at + 2, name.length).toLowerCase() !== name) continue;
    const after = html.charCodeAt(at + 2 + name.length);
    if (Number.isNaN(after)) return -1;
    if (endsSection(after)) return at;
  }
  return -1;
}
