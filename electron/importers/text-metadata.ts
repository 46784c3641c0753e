/**
 * Metadata read from an article's own header lines (title, byline, outlet, date, URL), the way
 * saved newsroom copy and clipped pages usually carry it. Only the first lines are looked at, so
 * a "By Tuesday..." sentence in the body never becomes a byline.
 */

export interface TextMetadata {
  title: string | null;
  outlet: string | null;
  byline: string | null;
  publishedAt: string | null;
  url: string | null;
}

/** How many non-empty lines count as the header. */
const HEADER_LINES = 15;
export const MAX_TITLE_LENGTH = 300;

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8,
  september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  // Lithuanian genitive forms, as in "2026 m. kovo 14 d."
  sausio: 1, vasario: 2, kovo: 3, balandžio: 4, gegužės: 5, birželio: 6, liepos: 7,
  rugpjūčio: 8, rugsėjo: 9, spalio: 10, lapkričio: 11, gruodžio: 12,
};

const pad = (n: number): string => String(n).padStart(2, '0');

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1000 || year > 9999) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/;

/**
 * A date as ISO 8601, or null. Accepts ISO dates and timestamps, "14 March 2026", "March 14, 2026",
 * an optional weekday in front, "14.03.2026" (day first, as written across Europe),
 * "2026/03/14", a day-first or month-first slash date only when it is unambiguous, and
 * Lithuanian "2026 m. kovo 14 d.". A timestamp keeps its time only when the source gives one.
 */
export function parseDate(input: string): string | null {
  const s = input.trim().replace(/^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i, '');
  const iso = ISO_RE.exec(s);
  if (iso) {
    const date = isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (!date) return null;
    if (iso[4] === undefined) return date;
    const time = `${iso[4]}:${iso[5]}${iso[6] !== undefined ? `:${iso[6]}${iso[7] ?? ''}` : ''}`;
    const zone = iso[8] ? (iso[8] === 'Z' ? 'Z' : iso[8].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : '';
    return `${date}T${time}${zone}`;
  }
  let m = /^(\d{1,2})(?:st|nd|rd|th)?\.?\s+([\p{L}]+)\.?,?\s+(\d{4})\b/u.exec(s);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    return month ? isoDate(Number(m[3]), month, Number(m[1])) : null;
  }
  m = /^([\p{L}]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/u.exec(s);
  if (m) {
    const month = MONTHS[m[1]!.toLowerCase()];
    return month ? isoDate(Number(m[3]), month, Number(m[2])) : null;
  }
  m = /^(\d{4})\s*m\.\s*([\p{L}]+)\s+(\d{1,2})\s*d\.?/u.exec(s);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    return month ? isoDate(Number(m[1]), month, Number(m[3])) : null;
  }
  m = /^(\d{4})[./](\d{1,2})[./](\d{1,2})\b/.exec(s);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})\b/.exec(s);
  if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\b/.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    // 03/04/2026 could be either order: refuse to guess.
    if (a > 12 && b <= 12) return isoDate(Number(m[3]), b, a);
    if (b > 12 && a <= 12) return isoDate(Number(m[3]), a, b);
    return null;
  }
  return null;
}

function cleanUrl(url: string): string {
  return url.replace(/[),.;:!?'"\]>]+$/, '');
}

/** Lower-case words allowed inside a person's name ("Ursula von der Leyen", "Jan de Vries"). */
const NAME_PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'da', 'di', 'du', 'la', 'le', 'del', 'dos', 'bin', 'al', 'and', '&']);

/** "Rasa Petrauskienė", "Jonas Kazlauskas and Eglė Vaitkutė", "A. Nowak": names, not a sentence. */
function looksLikeNames(s: string): boolean {
  const words = s.trim().split(/\s+/);
  if (words.length === 0 || words.length > 8) return false;
  let capitals = 0;
  for (const word of words) {
    if (NAME_PARTICLES.has(word.toLowerCase()) && /^\p{Ll}|^&/u.test(word)) continue;
    if (!/^\p{Lu}[\p{L}'’.-]*$/u.test(word)) return false;
    capitals++;
  }
  return capitals > 0;
}

/** A comma part after the name that is a job title, not an outlet. */
const ROLE_RE = /\b(reporter|correspondent|editor|writer|staff|columnist|analyst|contributor|journalist|in\s+\p{Lu})/iu;

interface Byline {
  byline: string;
  outlet: string | null;
  publishedAt: string | null;
}

function parseByline(line: string): Byline | null {
  const labelled = /^(?:written by|author|authors|byline|autorius|autorė|autoriai)\s*:\s*(.+)$/i.exec(line);
  const by = labelled ? null : /^by\s*:?\s+(.+)$/i.exec(line);
  const rest = (labelled ?? by)?.[1];
  if (!rest) return null;
  // "Name, Outlet | date" or "Name | Outlet": pipes and spaced dashes separate fields; within the
  // first field a comma separates the name from an outlet or role (a date may hold commas itself).
  const fields = rest.split(/\s*(?:\||\s[—–-]\s)\s*/).filter((p) => p !== '');
  const [first = '', ...others] = fields;
  const comma = first.indexOf(',');
  const parts = comma === -1 ? [first, ...others] : [first.slice(0, comma), first.slice(comma + 1).trim(), ...others];
  const name = parts[0]?.trim().replace(/[.;]+$/, '');
  if (!name) return null;
  // "By Tuesday the council had..." is a sentence; a labelled "Author:" line is trusted more.
  if (by && !looksLikeNames(name)) return null;
  if (!by && name.length > 120) return null;
  let outlet: string | null = null;
  let publishedAt: string | null = null;
  for (const part of parts.slice(1)) {
    const date = parseDate(part);
    if (date) publishedAt ??= date;
    else if (!ROLE_RE.test(part) && outlet === null) outlet = part.trim();
  }
  return { byline: name, outlet, publishedAt };
}

export function truncateTitle(title: string): string {
  const t = title.trim().replace(/\s+/g, ' ');
  if (t.length <= MAX_TITLE_LENGTH) return t;
  const cut = t.slice(0, MAX_TITLE_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_TITLE_LENGTH / 2 ? cut.slice(0, space) : cut}…`;
}

export function extractTextMetadata(text: string): TextMetadata {
  const result: TextMetadata = { title: null, outlet: null, byline: null, publishedAt: null, url: null };
  let updatedAt: string | null = null;
  const header = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(0, HEADER_LINES);

  for (const line of header) {
    let m: RegExpExecArray | null;
    let isMeta = true;
    if ((m = /^(?:source|outlet|publication|publisher|published by|media|šaltinis|leidinys)\s*:\s*(.+)$/i.exec(line))) {
      result.outlet ??= m[1]!.trim();
    } else if ((m = /^(?:url|link|canonical|web|address|original)\s*:\s*<?(https?:\/\/\S+?)>?$/i.exec(line))) {
      result.url ??= cleanUrl(m[1]!);
    } else if ((m = /^<?(https?:\/\/\S+?)>?$/i.exec(line))) {
      result.url ??= cleanUrl(m[1]!);
    } else if ((m = /^(?:updated|last updated|modified)(?:\s+on)?\s*:?\s+(.+)$/i.exec(line)) && parseDate(m[1]!)) {
      updatedAt ??= parseDate(m[1]!);
    } else if ((m = /^(?:published|publication date|date|dated|posted|first published|paskelbta|data)(?:\s+on)?\s*:?\s+(.+)$/i.exec(line)) && parseDate(m[1]!)) {
      result.publishedAt ??= parseDate(m[1]!);
    } else if (ISO_RE.test(line) && parseDate(line)) {
      // A line that starts with an ISO date: "2026-03-14 — KLAIPĖDA".
      result.publishedAt ??= parseDate(line);
      isMeta = line.length <= 40;
    } else {
      const byline = line.length <= 200 ? parseByline(line) : null;
      if (byline) {
        result.byline ??= byline.byline;
        if (byline.outlet) result.outlet ??= byline.outlet;
        if (byline.publishedAt) result.publishedAt ??= byline.publishedAt;
      } else {
        isMeta = false;
      }
    }
    // The title is the first line that is not a metadata line.
    if (!isMeta && result.title === null) result.title = truncateTitle(line);
  }
  result.publishedAt ??= updatedAt;
  if (result.title === null && header[0]) result.title = truncateTitle(header[0]);
  return result;
}
