/**
 * Word lists and line patterns used by noise detection. Kept apart from the algorithm so they can
 * be reviewed (and extended) without reading the control flow. Every pattern here is anchored on a
 * whole line or needs an unmistakable phrase: a false positive hides evidence from the analyst,
 * so each list errs on the side of flagging too little.
 *
 * Patterns carry the `u` flag only where they need `\p{…}`: V8 runs `\b` under `iu` several
 * times slower, and these run on every line of every article.
 */

/** Bare labels that introduce an advertisement; the lines right after them belong to the ad. */
export const AD_LABEL =
  /^[[(]?\s*(?:advertisement|advertisements|advertising|advert|ads?|sponsored|sponsored content|sponsored post|promoted|promoted content|paid content|paid post|paid partnership|partner content|anzeige|werbung|reklama|publicité|publicidad|pubblicità|реклама)\s*[\])]?\s*:?$/i;

/** Ad placeholders that stand alone: the next line is the story again. */
export const AD_PLACEHOLDER =
  /^(?:advertisement|advert|ad)\s*[-–—:|]\s*(?:scroll|continue|story continues)\b.{0,40}$|^(?:story|article|content|text) continues (?:below|after) (?:the )?(?:advertisement|advert|ad)\b.{0,10}$|^scroll (?:down )?to continue(?: with content| reading)?\.?$/i;

/** "Sponsored: …", "[Ad] …": a one-line ad with its label in front. */
export const AD_PREFIXED = /^[[(]?\s*(?:advertisement|advert|ad|sponsored|promoted|paid content|partner content|anzeige|reklama)\s*(?:[\])]\s*|[:|–—-]\s+)\S/i;

/** Promo codes and shop calls: only meaningful on a short line without reported speech. */
export const PROMO =
  /\b(?:promo|discount|coupon|voucher|referral)\s+code\b|\buse (?:the )?code\s+["“']?[A-Z0-9]{3,}|\b(?:shop|order|buy|book) (?:now|today|online)\b|\blimited[- ]time offer\b|\bfree (?:trial|shipping|delivery)\b/i;

/** Subscription, app and newsletter calls at the start of a line (imperative voice). */
export const SUBSCRIBE_CALL =
  /^(?:subscribe|resubscribe|sign up|register now|become a (?:member|subscriber|supporter)|support (?:our|independent|quality) journalism|already a (?:subscriber|member)|get unlimited access|unlock (?:this|all|full)|start your (?:free )?(?:trial|subscription)|download (?:the|our) .{0,40}\bapp\b|get (?:the|our) .{0,40}\bapp\b|join (?:our|the) .{0,40}(?:newsletter|mailing list|channel|community)|try .{0,30} for (?:free|€|\$|£))(?![a-z])/i;

/** Newsletter plugs anywhere on a short line. */
export const NEWSLETTER_CALL =
  /\b(?:sign up|subscribe|register)\b.{0,50}\bnewsletters?\b|\bnewsletters?\b.{0,60}\b(?:in your inbox|straight to your inbox|delivered|sign up|subscribe)\b/i;

/** Share, follow and print buttons rendered as text. */
export const SHARE_CALL =
  /^(?:share(?: this)?(?: article| story| page| post)?\s*(?:on|to|via|by|with)\s|share this (?:article|story|page|post)\b|share\s*[:|]|tweet this\b|email this\b|print this\b|copy (?:the )?link\b|like us on\b|follow us\b|follow .{1,40} on (?:facebook|twitter|x|instagram|telegram|linkedin|youtube|tiktok|mastodon|bluesky|threads|whatsapp)\b)/i;

/** "Click here to …" and its relatives. */
export const CLICK_CALL = /^(?:click|tap) (?:here|this link|the link)\b|\b(?:click|tap) here to\b/i;

/** Copyright and legal footers. */
export const COPYRIGHT = /^(?:©|\(c\)\s|copyright\b)|\ball rights reserved\b/i;

/** Outlet sign-offs: "Stay with X for more news", "For the latest updates, follow …". */
export const SIGN_OFF =
  /^(?:stay (?:with|tuned to)|keep (?:reading|following)|follow|visit|check out) .{0,60}\bfor (?:more|the latest|updates|further|all the latest)\b|^for (?:more|the latest|all the latest) (?:news|stories|updates|coverage|headlines)\b.{0,60}(?:visit|follow|go to|see|head to|subscribe)\b|^this (?:story|article|page) (?:will be|has been|is being) updated\.?$|^this is a developing story\b/i;

/**
 * Headings that introduce a list of other articles. Group 1 is whatever follows a separator on
 * the same line ("Related news: Ferry timetable changes…").
 */
export const RELATED_HEADING =
  /^(?:read more|read also|also read|read next|see also|more on this(?: story| topic)?|related(?: news| stories| articles| content| coverage| links| reading| topics| posts)?|latest(?: news| stories| headlines| articles)?|more (?:news|stories|headlines|articles)|top (?:stories|news|headlines)|most (?:read|popular|viewed|shared)|popular (?:now|stories|articles)|trending(?: now| stories)?|recommended(?: for you| stories| reading| articles)?|you (?:may|might) (?:also )?(?:like|enjoy|be interested in|have missed)|don['’]?t miss|editor['’]?s picks|what to read next|further reading|in other news|more from (?:[\p{L}\p{N}'’. -]{1,40}))\s*(?:[:|–—>»-]\s*(.*))?$/iu;

/** Words that make a short segment look like a site menu or footer link. */
export const NAV_WORDS = new Set([
  'home', 'news', 'world', 'politics', 'business', 'economy', 'markets', 'money', 'sport', 'sports',
  'weather', 'opinion', 'opinions', 'culture', 'arts', 'tech', 'technology', 'science', 'health',
  'travel', 'video', 'videos', 'podcasts', 'podcast', 'photos', 'live', 'subscribe', 'log in',
  'login', 'sign in', 'sign up', 'register', 'search', 'menu', 'contact', 'contact us', 'about',
  'about us', 'europe', 'local', 'national', 'international', 'entertainment', 'lifestyle', 'life',
  'style', 'food', 'education', 'environment', 'climate', 'energy', 'regions', 'region', 'analysis',
  'features', 'sections', 'more', 'latest', 'terms', 'terms of use', 'terms of service', 'privacy',
  'privacy policy', 'cookies', 'cookie settings', 'cookie policy', 'advertise', 'careers', 'jobs',
  'help', 'faq', 'newsletters', 'newsletter', 'archive', 'rss', 'sitemap', 'imprint', 'impressum',
  'accessibility', 'corrections', 'shop', 'events', 'games', 'puzzles', 'obituaries', 'blogs',
  'editorial', 'media', 'port', 'cities', 'city', 'society', 'crime', 'law', 'defence', 'defense',
  'security', 'ukraine', 'us', 'uk', 'asia', 'africa', 'americas', 'middle east', 'main', 'top',
]);

/** Separators of an inline menu ("Home | News | Sport") or a breadcrumb ("Home > World"). */
export const MENU_SEPARATOR = /\s*[|•·¦]\s*|\t+| {3,}/;
export const BREADCRUMB_SEPARATOR = /\s+(?:>|›|»|→|\/)\s+/;

/** Reported speech: a line carrying it is evidence, however boilerplate it otherwise looks. */
export const ATTRIBUTION = /\b(?:said|says|told|according to|announced|reported|stated|claimed|confirmed|denied)\b/i;

/**
 * Filler markers that empty a sentence of content on their own ("Only time will tell", "could
 * have far-reaching consequences"). A filler paragraph needs at least one of these.
 */
export const STRONG_FILLER: readonly RegExp[] = [
  /\b(?:only )?time will tell\b/i,
  /\bonly the future will tell\b/i,
  /\b(?:it )?remains to be seen\b/i,
  /\bfar[- ]reaching (?:consequences|implications|effects|impact|repercussions)\b/i,
  /\b(?:could|may|might|will|would|can) have (?:significant|serious|major|lasting|profound|wide[- ]ranging|important|broad|deep) (?:consequences|implications|effects|impact|repercussions)\b/i,
  /\b(?:watching|watch|follow|following|monitor|monitoring)(?: (?:it|this|the situation|developments|events|the story|the matter))? (?:very )?closely\b/i,
  /\b(?:situation|story|events?|matter|crisis) (?:continues|continue|is continuing) to (?:develop|unfold|evolve)\b/i,
  /\bcontinue to (?:follow|monitor|watch) (?:developments|the situation|events|the story)\b/i,
  /\bin today['’]?s (?:[a-z-]+ )?(?:world|age|society|climate|environment)\b/i,
  /\bnow more than ever\b/i,
  /\bone thing is (?:certain|clear|for sure)\b/i,
  /\bit is no (?:surprise|secret|wonder)\b/i,
  /\bit is (?:important|essential|vital) (?:for (?:everyone|all of us|us all) )?to (?:stay|remain|keep) (?:informed|engaged|vigilant|aware)\b/i,
  /\bstay (?:informed|tuned)\b/i,
  /\b(?:is|are) (?:never|rarely) (?:simple|easy|straightforward|black and white)\b/i,
  /\b(?:many|different|various|differing) (?:points of view|perspectives|viewpoints|opinions) to (?:consider|weigh)\b|\bmany different points of view\b/i,
  /\bfar from over\b/i,
  /\bwhatever happens next\b/i,
  /\bfor (?:many )?(?:years|decades|generations) to come\b/i,
  /\b(?:touches|affects|concerns) (?:every one|each one|all) of us\b/i,
  /\bas (?:many )?(?:observers|experts|analysts|commentators|people) have (?:long )?(?:noted|pointed out|observed|said|argued)\b/i,
  /\bcontinues? to (?:attract|draw|generate) (?:so much |considerable |a lot of |significant |widespread )?(?:attention|interest|debate)\b/i,
  /\b(?:needless to say|it goes without saying|at the end of the day)\b/i,
  /\bcomplex and multifaceted\b/i,
  /\ba (?:conversation|debate|discussion) that will (?:continue|go on)\b/i,
  /\b(?:all eyes (?:are|will be) on|the world is watching)\b/i,
  /\b(?:could|may|might) (?:well )?(?:prove to be|be) (?:a )?(?:turning point|game[- ]changer|watershed moment)\b/i,
  /\bthe (?:coming|next) (?:days|weeks|months) will (?:tell|show|be (?:crucial|decisive))\b/i,
];

/** Weaker signs of a generic sentence; every sentence of a filler paragraph needs one marker. */
export const WEAK_FILLER: readonly RegExp[] = [
  /\b(?:experts|observers|analysts|commentators|critics|many|some|others|people) (?:say|said|agree|believe|note|warn|argue|suggest|think|fear)\b/i,
  /\b(?:across|for|in|throughout|around) the (?:region|world|country|continent)\b/i,
  /\b(?:over|in) the (?:years|coming (?:days|weeks|months|years))\b/i,
  /\bit is (?:clear|obvious|evident|undeniable)\b/i,
  /\b(?:remains?|is still|are still) (?:unclear|uncertain|to be determined)\b/i,
  /\b(?:important|significant|serious) (?:questions|implications|consequences)\b/i,
  /\b(?:decisions?|choices?) (?:taken|made) today\b/i,
  /\b(?:shape|affect|impact|determine) the (?:future|choices|years ahead|way forward)\b/i,
  /\bmany (?:people|observers|experts|analysts|questions)\b/i,
  /\b(?:readers|everyone|all of us) (?:can|will|should|must)\b/i,
  /\b(?:the|this) (?:story|debate|situation) (?:develops|unfolds|evolves)\b/i,
  /\bwhat (?:happens|comes) next\b/i,
];

/**
 * Words that may open a sentence capitalised without being a name. A capitalised sentence opener
 * outside this list counts as a name unless the article also uses it in lower case.
 */
export const SENTENCE_OPENERS = new Set([
  'the', 'a', 'an', 'in', 'as', 'at', 'on', 'for', 'with', 'from', 'by', 'of', 'to', 'and', 'but',
  'or', 'so', 'yet', 'still', 'if', 'when', 'while', 'although', 'though', 'because', 'since',
  'after', 'before', 'now', 'then', 'today', 'tomorrow', 'what', 'how', 'why', 'where', 'who',
  'which', 'whatever', 'however', 'whichever', 'whoever', 'meanwhile', 'ultimately', 'clearly',
  'indeed', 'certainly', 'surely', 'perhaps', 'maybe', 'of', 'it', 'its', 'this', 'that', 'these',
  'those', 'there', 'here', 'they', 'we', 'you', 'he', 'she', 'our', 'their', 'his', 'her', 'one',
  'all', 'both', 'each', 'every', 'everyone', 'everybody', 'nobody', 'no', 'not', 'nothing',
  'something', 'everything', 'anything', 'such', 'much', 'many', 'more', 'most', 'some', 'few',
  'several', 'other', 'others', 'another', 'only', 'even', 'just', 'also', 'experts', 'observers',
  'analysts', 'commentators', 'critics', 'officials', 'people', 'readers', 'time', 'questions',
  'decisions', 'whether', 'given', 'despite', 'amid', 'against', 'like', 'unlike', 'regardless',
  'in', 'above', 'beyond', 'either', 'neither', 'moreover', 'furthermore', 'nevertheless',
  'nonetheless', 'overall', 'again', 'once', 'until', 'unless', 'whether', 'do', 'does', 'is',
  'are', 'was', 'were', 'will', 'would', 'could', 'should', 'can', 'may', 'might', 'must',
  'there’s', "there's", "it's", 'it’s', "that's", 'that’s', "what's", 'what’s', 'i',
  'needless', 'interestingly', 'importantly', 'notably', 'unsurprisingly', 'naturally', 'obviously',
  'arguably', 'inevitably', 'admittedly', 'essentially', 'basically', 'generally', 'increasingly',
  'already', 'instead', 'otherwise', 'thus', 'hence', 'therefore', 'accordingly', 'consequently',
  'similarly', 'likewise', 'besides', 'additionally', 'finally', 'lastly', 'next', 'later',
  'elsewhere', 'recently', 'currently', 'soon', 'often', 'sometimes', 'always', 'never', 'nor',
  'let', 'according', 'whilst', 'sadly', 'fortunately', 'unfortunately', 'hopefully', 'truly',
]);

/** English function words: a paragraph with too few of them is not English prose. */
export const ENGLISH_FUNCTION_WORDS = new Set([
  'the', 'a', 'an', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'from', 'by', 'and', 'or', 'but',
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'will', 'would', 'could',
  'should', 'can', 'may', 'might', 'must', 'that', 'this', 'these', 'those', 'it', 'its', 'there',
  'their', 'they', 'we', 'our', 'us', 'you', 'your', 'he', 'she', 'his', 'her', 'not', 'no', 'as',
  'than', 'then', 'so', 'if', 'which', 'who', 'what', 'how', 'when', 'where', 'all', 'every', 'one',
  'more', 'most', 'many', 'some', 'about', 'into', 'over', 'after', 'before', 'while', 'whatever',
  'also', 'only', 'very', 'just', 'do', 'does', 'did', 'any', 'each', 'such',
]);

/** Month and weekday names (capitalised forms only: "may" and "march" are also verbs). */
export const DATE_WORD =
  /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/;

/** Numbers written in words ("one" is left out: "one thing is certain" is filler's favourite). */
export const NUMBER_WORD =
  /\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|percent|per cent|half|quarter|third|twice|double|triple)\b/i;

/** Quotation marks; a single quote counts only where it opens a quotation (not an apostrophe). */
export const QUOTE_MARK = /["“”„«»‹›「」『』]|(?:^|[\s([{—–-])['‘’]\p{L}/u;
