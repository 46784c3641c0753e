/**
 * The brief checker: advice shown as underlines in the editor, never blocking. Rules from ICD 203
 * (analysis-standards.md): likelihood stated only with the seven standard terms; a sentence states
 * a likelihood or a confidence, not both; every judgment rests on cited evidence; and evidence that
 * rests on a single origin or on low-credibility information (Admiralty 5-6) is flagged.
 *
 * Positions: `blockIndex` is the top-level block, `path` the child indices from the doc to the
 * textblock, `from`/`to` offsets in that textblock's plain text (doc.ts `inlinePlainText`: a
 * citation or hard break counts as one character, as in ProseMirror).
 */
import type { Claim } from '../model/schemas';
import { CITATION_CHAR, citationClaimId, type DocNode, textblocks } from './doc';

export type BriefIssueKind = 'non-standard-likelihood' | 'mixed-likelihood-confidence' | 'uncited-judgment' | 'single-origin' | 'low-credibility';

export interface BriefIssue {
  kind: BriefIssueKind;
  message: string;
  blockIndex: number;
  path: number[];
  from: number;
  to: number;
}

export interface CheckContext {
  claims?: readonly Claim[];
  /**
   * Where an article's information comes from, as origin keys (e.g. `source:<id>` of its outlet or
   * of the agency it attributes its report to). Default: each article is its own origin.
   */
  articleOrigins?: (articleId: string) => readonly string[];
  /**
   * The origins of a claim, overriding the default: its article's origins, merged with those of
   * the claims it is linked to as `same-as` or `cites` (a repeated report is not independent).
   */
  originsOf?: (claim: Claim) => readonly string[];
}

const STANDARD = 'almost no chance, very unlikely, unlikely, roughly even chance, likely, very likely, almost certain(ly)';

/** Standard ICD 203 phrases, longest first so "very unlikely" is not read as "unlikely". */
const STANDARD_RE = /\b(almost no chance|very unlikely|very likely|roughly even chance|almost certain(?:ly)?|unlikely|likely)\b/giu;

/** Non-standard likelihood words and the standard term to use instead. */
const NON_STANDARD: Array<[RegExp, string]> = [
  [/\b(?:highly|extremely) likely\b/giu, 'very likely'],
  [/\b(?:highly|extremely) unlikely\b/giu, 'very unlikely'],
  [/\b(?:virtually|nearly) certain(?:ly)?\b/giu, 'almost certain'],
  [/\b(?:even chance|fifty-fifty|toss-up|50\/50)\b/giu, 'roughly even chance'],
  [/\b(?:perhaps|maybe|possibly|conceivably|plausibly)\b/giu, 'one of the seven terms with its range'],
  [/\bmight\b/giu, 'one of the seven terms with its range'],
  [/\b(?:probably|probable)\b/giu, 'likely'],
  [/\b(?:improbable|doubtful)\b/giu, 'unlikely'],
  [/\b(?:surely|definitely|undoubtedly|doubtless|without doubt|certainly)\b/giu, 'almost certain'],
];

const CONFIDENCE_RE = /\b(?:(?:high|moderate|low|medium)\s+(?:level of\s+)?confidence|(?:highly|moderately|fairly)\s+confident|confidence\s+(?:is|was|remains)\s+(?:high|moderate|low))\b/giu;

export function checkBrief(doc: DocNode | null, context: CheckContext = {}): BriefIssue[] {
  if (!doc) return [];
  const issues: BriefIssue[] = [];
  const claims = new Map((context.claims ?? []).map((c) => [c.id, c]));
  const originsOf = context.originsOf ?? defaultOrigins(context.claims ?? [], context.articleOrigins);

  for (const block of textblocks(doc)) {
    const at = { blockIndex: block.blockIndex, path: block.path };
    const { text } = block;

    for (const [re, instead] of NON_STANDARD) {
      for (const m of text.matchAll(re)) {
        const from = m.index;
        // "almost certainly" is standard; "certainly" alone is not.
        if (/^certain/i.test(m[0]) && /almost\s+$/i.test(text.slice(Math.max(0, from - 8), from))) continue;
        issues.push({
          kind: 'non-standard-likelihood',
          message: `“${m[0]}” is not one of ICD 203's seven likelihood terms (${STANDARD}); readers cannot tell what probability it means. Use ${instead.startsWith('one') ? instead : `“${instead}”`}.`,
          ...at,
          from,
          to: from + m[0].length,
        });
      }
    }

    for (const s of sentences(text)) {
      const likelihood = firstMatch(STANDARD_RE, s.text);
      const confidence = firstMatch(CONFIDENCE_RE, s.text);
      if (likelihood && confidence) {
        issues.push({
          kind: 'mixed-likelihood-confidence',
          message: `This sentence states a likelihood (“${likelihood}”) and a confidence (“${confidence}”) together. ICD 203 keeps them apart: one sentence says how likely, another how confident the analysis is and why.`,
          ...at,
          from: s.from,
          to: s.to,
        });
      }
    }

    const cited = (block.node.content ?? []).map(citationClaimId).filter((id): id is string => id !== null);
    if (block.node.type === 'judgment') {
      const whole = { ...at, from: 0, to: text.length };
      if (cited.length === 0) {
        issues.push({
          kind: 'uncited-judgment',
          message: 'This judgment cites no evidence. ICD 203 asks that every judgment rest on cited sources: cite the claims it rests on.',
          ...whole,
        });
      } else {
        const known = cited.map((id) => claims.get(id)).filter((c): c is Claim => c !== undefined);
        const origins = new Set(known.flatMap((c) => [...originsOf(c)]));
        if (known.length > 0 && origins.size === 1) {
          issues.push({
            kind: 'single-origin',
            message:
              known.length === 1
                ? 'This judgment rests on a single claim, so on a single origin. ICD 203 asks for the quality and independence of sources to be weighed: add an independent source or say that it is uncorroborated.'
                : `The ${known.length} claims cited here share one origin (the same article, or reports that repeat or cite one another), so they are not independent confirmation (ICD 203, Admiralty "confirmed by other sources").`,
            ...whole,
          });
        }
      }
    }

    // Each citation of low-credibility information, underlined at the citation itself.
    let offset = 0;
    for (const child of block.node.content ?? []) {
      const width = child.type === 'text' ? (child.text ?? '').length : child.type === 'citation' || child.type === 'hardBreak' ? 1 : 0;
      const id = citationClaimId(child);
      const claim = id ? claims.get(id) : undefined;
      if (claim && claim.credibility !== null && claim.credibility >= 5) {
        issues.push({
          kind: 'low-credibility',
          message: `This citation rests on information graded ${claim.credibility} (${claim.credibility === 5 ? 'improbable' : 'truth cannot be judged'}) on the Admiralty scale. ICD 203 asks the brief to state the quality of its sources: say so in the text or find better evidence.`,
          ...at,
          from: offset,
          to: offset + 1,
        });
      }
      offset += width;
    }
  }
  return issues.sort((a, b) => a.blockIndex - b.blockIndex || comparePaths(a.path, b.path) || a.from - b.from);
}

function comparePaths(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function firstMatch(re: RegExp, text: string): string | null {
  re.lastIndex = 0;
  const m = new RegExp(re.source, re.flags.replace('g', '')).exec(text);
  return m ? m[0] : null;
}

/** Sentences of a textblock with their offsets: split after . ! ? (and a citation following them). */
export function sentences(text: string): Array<{ text: string; from: number; to: number }> {
  const out: Array<{ text: string; from: number; to: number }> = [];
  const re = new RegExp(`[^.!?\\n]+(?:[.!?]+[”"’)]*[${CITATION_CHAR}]*|$|(?=\\n))`, 'gu');
  for (const m of text.matchAll(re)) {
    const lead = m[0].length - m[0].trimStart().length;
    const body = m[0].trim();
    if (body) out.push({ text: body, from: m.index + lead, to: m.index + lead + body.length });
  }
  return out;
}

/**
 * Origins by union-find over origin keys: a claim's keys are its article's origins; claims linked
 * `same-as` or `cites` repeat one another, so their origins merge into one.
 */
function defaultOrigins(claims: readonly Claim[], articleOrigins?: (articleId: string) => readonly string[]): (claim: Claim) => string[] {
  const keysOf = (c: Claim): string[] => {
    const keys = articleOrigins ? [...articleOrigins(c.articleId)] : [];
    return keys.length > 0 ? keys : [`article:${c.articleId}`];
  };
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    let cur = x;
    while (cur !== root) {
      const next = parent.get(cur) ?? root;
      parent.set(cur, root);
      cur = next;
    }
    return root;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  const byId = new Map(claims.map((c) => [c.id, c]));
  for (const c of claims) {
    for (const link of c.links) {
      const other = byId.get(link.claimId);
      if (!other || (link.relation !== 'same-as' && link.relation !== 'cites')) continue;
      const keys = [...keysOf(c), ...keysOf(other)];
      for (const k of keys.slice(1)) union(keys[0]!, k);
    }
  }
  return (claim) => [...new Set(keysOf(claim).map(find))];
}
