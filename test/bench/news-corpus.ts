/**
 * A deterministic generator of news-like articles for the import tests and benchmark: headlines,
 * bylines, dates, paragraphs of reporting (every sentence names someone or gives a figure, as real
 * reporting does, so none of it is filler), and optionally the noise real files carry: an ad
 * block, a related-news list, share buttons, an app promo printed twice, the outlet's footer.
 * Syndicated copies (a near-duplicate: new headline and byline, a few phrases edited) can be made
 * from any article. Everything is invented: names, outlets and places are fictional or generic.
 */

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Outlet {
  name: string;
  /** A line this outlet prints under every story. */
  footer: string;
  site: string;
}

export const OUTLETS: Outlet[] = [
  { name: 'Tidewater Gazette', footer: 'The Tidewater Gazette is an independent paper owned by its readers.', site: 'tidewatergazette.example' },
  { name: 'Amber Coast Herald', footer: 'Amber Coast Herald journalism is supported by members across the region.', site: 'ambercoastherald.example' },
  { name: 'Northern Wire Service', footer: 'Northern Wire Service stories may be republished with attribution.', site: 'northernwire.example' },
  { name: 'Lagoon Evening Post', footer: 'Write to the Lagoon Evening Post newsroom through our secure tip form.', site: 'lagooneveningpost.example' },
];

const FIRST = ['Rasa', 'Tomas', 'Eglė', 'Marius', 'Ieva', 'Jonas', 'Aistė', 'Paulius', 'Greta', 'Linas', 'Ona', 'Vytautas', 'Milda', 'Darius', 'Laura', 'Andrius', 'Kristina', 'Mantas', 'Rūta', 'Simonas'];
const LAST = ['Petrauskienė', 'Kairys', 'Rimkutė', 'Jankūnas', 'Stankūnas', 'Biliūnienė', 'Adomaitis', 'Žemaitytė', 'Kasčiūnas', 'Nausėda', 'Valančius', 'Mockus', 'Grinius', 'Balčiūnaitė', 'Urbonas', 'Šimkus', 'Lukšys', 'Daukša', 'Paulauskas', 'Vaitkus'];
const ROLES = ['the harbour master', 'the deputy mayor', 'a council member', 'the energy minister', 'a spokesperson for the port authority', 'the head of the fishermen\'s union', 'a lagoon ecologist', 'the finance committee chair', 'a shipping analyst', 'the regional governor', 'a local shop owner', 'the ferry operator\'s director'];
const PLACES = ['Klaipėda', 'Smiltynė', 'Palanga', 'Nida', 'Juodkrantė', 'Šventoji', 'Kretinga', 'Gargždai', 'Neringa', 'Rusnė', 'Priekulė', 'Dreverna'];
const TOPICS = ['the terminal expansion', 'the quay rezoning', 'the dredging contract', 'the ferry timetable', 'the fish quota', 'the port budget', 'the new bridge', 'the lagoon survey', 'the tram line', 'the wind farm tender', 'the school merger', 'the harbour festival'];
const VERBS = ['said', 'told reporters', 'wrote in a statement', 'argued', 'warned', 'confirmed', 'insisted', 'told the council', 'said in an interview', 'told the committee'];
const CLAIMS = [
  'the plan would cost about {n} million euros',
  'work on {topic} could start within {n} months',
  'at least {n} jobs depended on {topic}',
  'traffic near {place} had grown by {n} percent since {year}',
  'the vote on {topic} had been delayed {n} times',
  '{n} households near {place} had signed the petition',
  'the study behind {topic} dated from {year}',
  'inspectors had visited {place} {n} times this spring',
  'the budget for {topic} rose to {n} million euros in {year}',
  'about {n} ships a week would use the new berth near {place}',
  'the council in {place} backed {topic} by {n} votes to {m}',
  'residents of {place} would be consulted before {year}',
];
const OPENERS = ['On Tuesday', 'Late on Wednesday', 'In {place}', 'At a hearing in {place}', 'Earlier this month', 'After a long debate', 'In a letter to residents', 'Speaking at the quay', 'At the committee meeting', 'During a visit to {place}'];
const HEAD_VERBS = ['backs', 'delays', 'questions', 'approves', 'rejects', 'reviews', 'defends', 'funds', 'pauses', 'expands'];
const HEAD_SUBJECTS = ['Council', 'Port authority', 'Ministry', 'Residents', 'Fishermen', 'Committee', 'Governor', 'Campaigners', 'Ferry operator', 'Auditors'];

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

function person(rand: () => number): string {
  return `${pick(rand, FIRST)} ${pick(rand, LAST)}`;
}

function fill(rand: () => number, template: string): string {
  return template
    .replace(/\{n\}/g, () => String(2 + Math.floor(rand() * 400)))
    .replace(/\{m\}/g, () => String(1 + Math.floor(rand() * 40)))
    .replace(/\{topic\}/g, () => pick(rand, TOPICS))
    .replace(/\{place\}/g, () => pick(rand, PLACES))
    .replace(/\{year\}/g, () => String(2015 + Math.floor(rand() * 11)));
}

function sentence(rand: () => number): string {
  const who = person(rand);
  const opener = fill(rand, pick(rand, OPENERS));
  const claim = fill(rand, pick(rand, CLAIMS));
  switch (Math.floor(rand() * 3)) {
    case 0:
      return `${opener}, ${who}, ${pick(rand, ROLES)}, ${pick(rand, VERBS)} that ${claim}.`;
    case 1:
      return `"We expect ${claim.replace(/^the /, 'that the ')}," ${who} ${pick(rand, VERBS)}.`;
    default:
      return `${who} ${pick(rand, VERBS)} that ${claim}, a figure ${person(rand)} disputed.`;
  }
}

export interface GeneratedArticle {
  title: string;
  outlet: Outlet;
  /** The article as a plain-text file. */
  text: string;
  /** The story's own paragraphs (never to be flagged as noise). */
  paragraphs: string[];
  /** Noise lines this article carries, by the kind an analyst would expect. */
  noise: Array<{ kind: 'ad' | 'navigation' | 'repeated' | 'boilerplate'; line: string }>;
}

export interface ArticleOptions {
  /** About this many characters of story (default 4,500: a 5 KB file with its header and noise). */
  size?: number;
  /** Add an ad block, related news, share buttons and a repeated app promo (default true). */
  noise?: boolean;
  /** Add the outlet's footer line (default true). */
  footer?: boolean;
  outlet?: Outlet;
}

export function generateArticle(seed: number, options: ArticleOptions = {}): GeneratedArticle {
  const rand = mulberry32(seed * 7919 + 17);
  const outlet = options.outlet ?? pick(rand, OUTLETS);
  const size = options.size ?? 4500;
  const title = `${pick(rand, HEAD_SUBJECTS)} ${pick(rand, HEAD_VERBS)} ${pick(rand, TOPICS).replace(/^the /, '')} in ${pick(rand, PLACES)} (${seed})`;
  const paragraphs: string[] = [];
  let length = 0;
  while (length < size) {
    const p = Array.from({ length: 2 + Math.floor(rand() * 2) }, () => sentence(rand)).join(' ');
    paragraphs.push(p);
    length += p.length + 2;
  }
  const day = 1 + (seed % 28);
  const header = [title, `By ${person(rand)} | ${outlet.name}`, `Published: 2026-03-${String(day).padStart(2, '0')}`, `URL: https://${outlet.site}/news/${seed}`, ''];
  const body: string[] = [];
  const noise: GeneratedArticle['noise'] = [];
  const withNoise = options.noise ?? true;
  const promo = `Get the ${outlet.name} app: news from the coast, first.`;
  paragraphs.forEach((p, i) => {
    body.push(p, '');
    if (!withNoise) return;
    if (i === 1) {
      body.push(promo, '');
      noise.push({ kind: 'repeated', line: promo });
    }
    if (i === 3) {
      const ad = `Spring sale at ${pick(rand, ['Marių Baldai', 'Kopų Dviračiai', 'Uosto Optika'])}: up to ${10 + Math.floor(rand() * 50)}% off. Visit our showroom today.`;
      body.push('ADVERTISEMENT', ad, 'ADVERTISEMENT', '');
      noise.push({ kind: 'ad', line: 'ADVERTISEMENT' }, { kind: 'ad', line: ad });
    }
    if (i === Math.floor(paragraphs.length / 2) + 1) {
      const related = [`Related news: ${pick(rand, HEAD_SUBJECTS)} ${pick(rand, HEAD_VERBS)} ${pick(rand, TOPICS).replace(/^the /, '')}`, `Related news: ${pick(rand, HEAD_SUBJECTS)} ${pick(rand, HEAD_VERBS)} ${pick(rand, TOPICS).replace(/^the /, '')}`];
      body.push(...related, '');
      for (const line of related) noise.push({ kind: 'navigation', line });
    }
  });
  if (withNoise) {
    body.push('Share on Facebook | Share on X | Share by email | Copy link', '', promo, '');
    noise.push({ kind: 'navigation', line: 'Share on Facebook | Share on X | Share by email | Copy link' }, { kind: 'repeated', line: promo });
  }
  if (options.footer ?? true) {
    body.push(outlet.footer, '');
    noise.push({ kind: 'boilerplate', line: outlet.footer });
  }
  return { title, outlet, text: [...header, ...body].join('\n'), paragraphs, noise };
}

/** The story as another outlet reprints it: new headline, byline and URL, a few phrases edited. */
export function syndicatedCopy(article: GeneratedArticle, seed: number): string {
  const rand = mulberry32(seed);
  const lines = article.text.split('\n');
  lines[0] = `${article.title.replace(/ \(\d+\)$/, '')}: what we know`;
  lines[1] = `By Staff | ${pick(rand, OUTLETS.filter((o) => o !== article.outlet)).name}`;
  lines[3] = `URL: https://syndicated.example/${seed}`;
  let text = lines.join('\n');
  // Edit a handful of phrases, as a copy desk does.
  let edits = 0;
  for (const [from, to] of [
    [' said that ', ' stated that '],
    [' argued that ', ' claimed that '],
    ['On Tuesday', 'On Tuesday morning'],
    [' warned that ', ' cautioned that '],
    [' confirmed that ', ' said that '],
  ] as const) {
    if (text.includes(from)) {
      text = text.replace(from, to);
      edits++;
    }
    if (edits >= 4) break;
  }
  return `${text}\nADVERTISEMENT: Subscribe to our energy newsletter today\n`;
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The article as a page saved from a browser (30-80 KB): meta, Open Graph and JSON-LD in the head,
 * inline CSS and scripts, a site menu, breadcrumbs, ad slots, a related-news aside, a newsletter
 * form, a cookie banner and a long footer around the story's paragraphs.
 */
export function htmlPage(article: GeneratedArticle, seed: number): string {
  const rand = mulberry32(seed * 31 + 7);
  const target = 30_000 + Math.floor(rand() * 50_000);
  const { outlet } = article;
  const url = `https://${outlet.site}/news/${seed}`;
  const sections = ['News', 'Port', 'Business', 'Energy', 'Politics', 'Culture', 'Sport', 'Weather', 'Opinion', 'Video', 'Podcasts', 'Events'];
  const menu = sections.map((s) => `<li class="nav__item"><a class="nav__link" href="https://${outlet.site}/${s.toLowerCase()}">${s}</a></li>`).join('\n        ');
  const css = Array.from({ length: 60 }, (_, i) => `.c${i}-${seed % 97}{margin:${i % 7}px ${i % 5}px;padding:${i % 3}px;color:#${(0x334455 + i * 1111).toString(16).slice(0, 6)};font:${12 + (i % 6)}px/1.4 Georgia,serif}`).join('\n');
  const script = `window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());gtag('config','G-${seed}');` +
    Array.from({ length: 40 }, (_, i) => `window.__slot${i}={id:"ad-${i}",sizes:[[300,250],[728,90]],targeting:{section:"port",pos:${i}}};`).join('');
  const ld = JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    datePublished: `2026-03-${String(1 + (seed % 28)).padStart(2, '0')}T08:30:00+02:00`,
    author: [{ '@type': 'Person', name: article.text.split('\n')[1]!.replace(/^By /, '').split(' | ')[0] }],
    publisher: { '@type': 'Organization', name: outlet.name },
    mainEntityOfPage: url,
    inLanguage: 'en',
  });
  const paragraphs = article.paragraphs.map((p, i) => {
    const ad = i === 2 ? `\n      <div class="ad-slot ad-slot--inline" id="ad-inline-${seed}" data-ad-unit="/1234/port/inline"><span class="ad-label">Advertisement</span><script>googletag.cmd.push(function(){googletag.display("ad-inline-${seed}")})</script></div>` : '';
    return `      <p class="article__p">${escapeHtml(p)}</p>${ad}`;
  });
  const related = Array.from({ length: 6 }, () => `<li><a href="https://${outlet.site}/news/${Math.floor(rand() * 1e6)}">${escapeHtml(`${pick(rand, HEAD_SUBJECTS)} ${pick(rand, HEAD_VERBS)} ${pick(rand, TOPICS).replace(/^the /, '')}`)}</a></li>`).join('\n          ');
  const footerLinks = Array.from({ length: 40 }, (_, i) => `<li><a href="https://${outlet.site}/page/${i}">${pick(rand, ['About us', 'Contact', 'Careers', 'Advertise', 'Privacy', 'Terms', 'Cookies', 'Archive', 'RSS', 'Corrections'])}</a></li>`).join('');
  const head = `<!DOCTYPE html>
<html lang="en" class="no-js">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(article.title)} | ${escapeHtml(outlet.name)}</title>
  <meta name="description" content="${escapeHtml(article.paragraphs[0]!.slice(0, 150))}">
  <meta name="author" content="${escapeHtml(article.text.split('\n')[1]!.replace(/^By /, '').split(' | ')[0]!)}">
  <meta property="og:type" content="article">
  <meta property="og:title" content="${escapeHtml(article.title)}">
  <meta property="og:site_name" content="${escapeHtml(outlet.name)}">
  <meta property="og:url" content="${url}">
  <meta property="article:published_time" content="2026-03-${String(1 + (seed % 28)).padStart(2, '0')}T08:30:00+02:00">
  <link rel="canonical" href="${url}">
  <link rel="stylesheet" href="https://${outlet.site}/assets/main.css">
  <style>${css}</style>
  <script>${script}</script>
  <script type="application/ld+json">${ld}</script>
</head>`;
  const bodyStart = `<body class="article-page">
  <div id="cookie-banner" class="cookie"><p>We use cookies to improve your experience. <button>Accept all</button> <button>Settings</button></p></div>
  <header class="site-header">
    <a class="logo" href="https://${outlet.site}/">${escapeHtml(outlet.name)}</a>
    <nav class="nav" aria-label="Main">
      <ul class="nav__list">
        ${menu}
      </ul>
    </nav>
    <form class="search" action="/search"><input name="q" placeholder="Search"><button>Search</button></form>
  </header>
  <div class="ad-slot ad-slot--leaderboard" id="ad-top"><span class="ad-label">Advertisement</span></div>
  <main id="content">
    <nav class="breadcrumbs"><a href="/">Home</a> › <a href="/port">Port</a> › <span>Story</span></nav>
    <article class="article">
      <h1 class="article__title">${escapeHtml(article.title)}</h1>
      <p class="article__byline">By <a rel="author" href="/authors/${seed}">${escapeHtml(article.text.split('\n')[1]!.replace(/^By /, '').split(' | ')[0]!)}</a> · <time datetime="2026-03-${String(1 + (seed % 28)).padStart(2, '0')}">March ${1 + (seed % 28)}, 2026</time></p>
      <figure><img src="https://${outlet.site}/img/${seed}.jpg" alt="The quay at dawn" width="1200" height="800"><figcaption>The quay at dawn. Photo: ${escapeHtml(outlet.name)}</figcaption></figure>
${paragraphs.join('\n')}
      <div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Copy link</a></div>
    </article>
    <aside class="related"><h2>Related news</h2>
        <ul>
          ${related}
        </ul>
    </aside>
    <section class="newsletter"><h2>Get the morning briefing</h2><form><input type="email" placeholder="Your email"><button>Sign up</button></form></section>
  </main>`;
  const footer = `
  <footer class="site-footer">
    <p>${escapeHtml(outlet.footer)}</p>
    <ul class="footer__links">${footerLinks}</ul>
    <p>© 2026 ${escapeHtml(outlet.name)}. All rights reserved.</p>
  </footer>`;
  // Saved pages carry a lot of markup that is not the story: tracking pixels and widget templates fill up to the target size.
  let filler = '';
  let n = 0;
  const fixed = head.length + bodyStart.length + footer.length + 40;
  while (fixed + filler.length < target) {
    filler += `\n  <div class="widget widget--${n % 9}" data-widget-id="w-${seed}-${n}" hidden><template><div class="card"><a href="https://${outlet.site}/promo/${n}"><img src="https://${outlet.site}/img/promo-${n}.jpg" alt=""><span class="card__title">Promo ${n}</span></a></div></template><img src="https://track.example/p.gif?u=${seed}&amp;n=${n}" width="1" height="1" alt=""></div>`;
    n++;
  }
  return `${head}\n${bodyStart}${filler}${footer}\n  <script src="https://${outlet.site}/assets/app.js" defer></script>\n</body>\n</html>\n`;
}
