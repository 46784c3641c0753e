/**
 * Word lists for the analysis heuristics, kept apart from the control flow so they can be
 * reviewed and extended without reading the algorithms. Lists hold lower-case, diacritic-folded
 * forms unless said otherwise; lookups fold first. Everything is English-first: Dossier's
 * analysts read English-language coverage (and translations) of regional stories.
 */

const set = (words: string): Set<string> => new Set(words.trim().split(/\s+/));

/** Abbreviations that end with a period but do not end a sentence ("Mr. Kairys", "No. 5"). */
export const ABBREVIATIONS = set(`
  mr mrs ms mx dr prof st sen rep gov pres gen col lt sgt capt cpt cmdr adm maj brig hon rev fr
  jr sr messrs mme mlle inc ltd co corp llc plc vs no nos fig figs approx est dept univ assn
  jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
  e.g i.e cf al mt ft ave rd blvd nr tel ed eds vol pp op
`);

/** Words that start sentences in English news and are not names when capitalised there. */
export const STOPWORDS = set(`
  a an the and or but nor so yet for if then than that this these those there here where when
  while whereas because although though since until unless after before during under over
  above below between among against about around across along through throughout into onto
  upon within without toward towards despite according as at by from in of on to with via per
  he she it we they i you his her its our their my your him them us me who whom whose which what
  why how all any both each every few many most much more some such no not only own same other
  another one two three four five six seven eight nine ten first second third last next new old
  is are was were be been being has have had do does did will would shall should can could may
  might must also even still just now already again once however meanwhile moreover furthermore
  instead indeed perhaps thus hence therefore yes late early earlier later speaking asked
  experts officials residents observers critics analysts lawmakers opponents supporters
  protesters police sources reports documents people observers several others nobody
  everyone someone anyone mostly nearly almost roughly about many overall similar similarly
  opposition government ministry minister president spokesperson spokesman spokeswoman
  related share advertisement source date published url by updated photo reporting editing
  mr mrs ms dr today yesterday tomorrow tonight staff relatives families deputies members
  monday tuesday wednesday thursday friday saturday sunday
  january february march april may june july august september october november december
`);

/** Titles and roles written before a person's name: the words after them are a person. */
export const PERSON_TITLES = set(`
  mr mrs ms mx dr prof professor sir dame lady lord president minister premier chancellor
  senator sen congressman congresswoman governor gov mayor judge justice ambassador commissioner
  secretary general gen colonel col captain capt lieutenant lt sergeant sgt admiral adm major
  commander cmdr director chairman chairwoman chair ceo spokesman spokeswoman spokesperson
  king queen prince princess pope bishop rev father sister brother deputy mp mep
  mrs. mr. dr. ms. prof. sen. gov. gen. col. capt. lt. sgt. adm.
`);

/**
 * Role words that may precede a title inside one capitalised run ("Energy Minister", "Prime
 * Minister", "Foreign Secretary"): stripped together with the title.
 */
export const TITLE_MODIFIERS = set(`
  prime foreign defence defense energy finance interior economy health justice education
  deputy vice acting former chief general attorney state opposition environment transport
  culture agriculture trade labour labor home police army
`);

/** Words that make a capitalised run an organisation ("Ministry of Defence", "Zaria News Agency"). */
export const ORG_CUES = set(`
  ministry agency party parliament council inc ltd llc plc gmbh ag sa corp corporation company co
  university college school academy institute institution foundation bank fund commission
  committee authority association union federation confederation league group holdings
  organisation organization office department bureau service services court tribunal police
  army navy forces force guard command government administration cabinet senate congress
  assembly seimas duma sejm bundestag rada kremlin pentagon news times post gazette herald
  wire review daily journal tribune telegraph press media television tv radio broadcasting
  watch network coalition alliance movement front centre center club society board trust
  airlines airways railways energy gas oil port operator exchange ledger chronicle observer
  guardian monitor courier express mirror inquirer bulletin digest gazeta pravda vedomosti
`);

/** Well-known organisations and news agencies that carry no cue word. */
export const KNOWN_ORGS = set(`
  reuters afp ap tass interfax xinhua bloomberg dpa efe ansa kyodo yonhap bns elta pap ria
  nato eu un unesco unicef who imf oecd osce opec iaea icc echr bbc cnn nbc cbs abc npr
  gazprom rosneft frontex europol interpol seimas kremlin pentagon
`);

/** Multi-word names of news agencies as they are cited ("RIA Novosti", "Associated Press"). */
export const AGENCY_NAMES = [
  'reuters', 'agence france-presse', 'afp', 'associated press', 'ap', 'tass', 'interfax', 'xinhua',
  'ria novosti', 'bloomberg', 'dpa', 'efe', 'ansa', 'kyodo', 'yonhap', 'bns', 'elta', 'pap', 'ukrinform',
];

/** Words that make a capitalised run a place ("Curonian Lagoon", "Gediminas Avenue"). */
export const PLACE_CUES = set(`
  lagoon river sea lake ocean bay gulf strait spit island islands peninsula mountains mountain
  valley street avenue square road bridge district region province county oblast city town
  village harbour harbor coast canal desert forest park airport station quay
`);

/**
 * Countries and capitals (plus the regions the sample stories mention). Distinct entries here
 * are never proposed as aliases of each other: Austria is not a misspelling of Australia.
 */
export const PLACES = set(`
  afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan
  bahrain bangladesh belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei
  bulgaria burundi cambodia cameroon canada chad chile china colombia comoros congo croatia cuba
  cyprus czechia denmark djibouti dominica ecuador egypt eritrea estonia eswatini ethiopia fiji
  finland france gabon gambia georgia germany ghana greece grenada guatemala guinea guyana haiti
  honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica japan jordan
  kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya
  liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta mauritania
  mauritius mexico micronesia moldova monaco mongolia montenegro morocco mozambique myanmar
  namibia nauru nepal netherlands nicaragua niger nigeria norway oman pakistan palau palestine
  panama paraguay peru philippines poland portugal qatar romania russia rwanda samoa serbia
  seychelles singapore slovakia slovenia somalia spain sudan suriname sweden switzerland syria
  taiwan tajikistan tanzania thailand togo tonga tunisia turkey turkiye turkmenistan tuvalu
  uganda ukraine uruguay uzbekistan vanuatu venezuela vietnam yemen zambia zimbabwe
  us usa uk britain england scotland wales
  kabul tirana algiers luanda yerevan canberra vienna baku manama dhaka minsk brussels sofia
  ottawa santiago beijing bogota havana nicosia prague copenhagen cairo tallinn addis helsinki
  paris tbilisi berlin accra athens budapest reykjavik delhi jakarta tehran baghdad dublin
  jerusalem rome tokyo amman astana nairobi pristina riga beirut tripoli vaduz vilnius
  luxembourg valletta chisinau ulaanbaatar podgorica rabat amsterdam oslo islamabad warsaw
  lisbon doha bucharest moscow belgrade bratislava ljubljana madrid stockholm bern damascus
  taipei bangkok tunis ankara kyiv kiev london washington caracas hanoi lusaka harare
  kaliningrad klaipeda kaunas siauliai panevezys palanga nida neringa smiltyne juodkrante
  gdansk st-petersburg petersburg odesa kharkiv minsk lviv
  europe asia africa america baltic balkans caucasus scandinavia crimea donbas
`);

/** Verbs of attribution: "X said", "according to" is handled apart. Past and present forms. */
export const ATTRIBUTION_VERBS = [
  'said', 'says', 'stated', 'states', 'argued', 'argues', 'told', 'tells', 'claimed', 'claims',
  'announced', 'announces', 'confirmed', 'confirms', 'denied', 'denies', 'insisted', 'insists',
  'warned', 'warns', 'wrote', 'writes', 'added', 'adds', 'noted', 'notes', 'explained',
  'reported', 'reports', 'alleged', 'alleges', 'acknowledged', 'admitted', 'admits', 'asserted',
  'declared', 'estimated', 'estimates', 'predicted', 'predicts', 'stressed', 'emphasised',
  'emphasized', 'maintained', 'maintains', 'contended', 'countered', 'replied', 'responded',
  'disputed', 'cautioned', 'urged', 'testified', 'tweeted', 'posted', 'believes', 'believed',
  'thinks', 'accused', 'criticised', 'criticized', 'revealed', 'suggested', 'suggests',
];

/** Attribution verbs whose sentences state a view rather than a fact. */
export const OPINION_VERBS = set(`
  argued argues claimed claims insisted insists believes believed thinks accused criticised
  criticized contended countered alleged alleges asserted maintained maintains suggested suggests
`);

/** Decisions with a name: what a body passed, approved, signed or ruled. Lemma by surface form. */
export const DECISION_VERBS: Record<string, string> = {
  passed: 'pass', passes: 'pass', approved: 'approve', approves: 'approve', signed: 'sign',
  signs: 'sign', ruled: 'rule', rules: 'rule', adopted: 'adopt', adopts: 'adopt', ratified: 'ratify',
  ratifies: 'ratify', vetoed: 'veto', vetoes: 'veto', rejected: 'reject', rejects: 'reject',
  enacted: 'enact', banned: 'ban', bans: 'ban', sanctioned: 'sanction', endorsed: 'endorse',
  backed: 'back', backs: 'back', voted: 'vote', votes: 'vote', overturned: 'overturn',
  suspended: 'suspend', dismissed: 'dismiss', appointed: 'appoint', elected: 'elect',
  sentenced: 'sentence', convicted: 'convict', acquitted: 'acquit', launched: 'launch',
  opened: 'open', closed: 'close', began: 'begin', started: 'start', completed: 'complete',
  held: 'hold', killed: 'kill', attacked: 'attack', struck: 'strike', arrested: 'arrest',
};

/** Words that mark a forecast. */
export const PREDICTION_CUES =
  /\b(?:will|won't|shall|expects?|expected|forecasts?|forecast|predicts?|predicted|projected|projects|is set to|are set to|plans? to|planned|likely to|on track to|anticipates?|anticipated|next (?:year|month|week)|by 20\d\d)\b/i;

/** Words that mark an evaluation (an assessment) rather than a plain statement of fact. */
export const ASSESSMENT_CUES =
  /\b(?:likely|unlikely|probably|possibly|appears?|seems?|assess(?:es|ed|ment)?|estimated?|risk|threat|significant|serious|credible|suggests?|indicates?|could|might|may)\b/i;

/** Words that mark an opinion (a value judgement). */
export const OPINION_CUES =
  /\b(?:should|must|ought|too (?:\w+)|rushed|reckless|irresponsible|unacceptable|outrageous|disgrace|wrong|mistake|best|worst|shameful|absurd|costly)\b/i;

/** Units after a number, folded to one name ("euros", "€", "EUR" → "EUR"). */
export const UNITS: Record<string, string> = {
  percent: 'percent', 'per cent': 'percent', '%': 'percent', pct: 'percent',
  euros: 'EUR', euro: 'EUR', eur: 'EUR', '€': 'EUR', dollars: 'USD', dollar: 'USD', usd: 'USD', '$': 'USD',
  pounds: 'GBP', gbp: 'GBP', '£': 'GBP', roubles: 'RUB', rubles: 'RUB', hryvnias: 'UAH',
  votes: 'votes', vote: 'votes', people: 'people', persons: 'people', civilians: 'people',
  soldiers: 'soldiers', troops: 'soldiers', jobs: 'jobs', households: 'households',
  ships: 'ships', vessels: 'ships', tonnes: 'tonnes', tons: 'tonnes', km: 'km', kilometres: 'km',
  kilometers: 'km', metres: 'm', meters: 'm', years: 'years', months: 'months', days: 'days',
  hours: 'hours', times: 'times', abstentions: 'abstentions', seats: 'seats', deaths: 'deaths',
  dead: 'dead', casualties: 'casualties', refugees: 'refugees', residents: 'people',
};

/** Multipliers written after a number. */
export const SCALES: Record<string, number> = {
  thousand: 1e3, k: 1e3, million: 1e6, mln: 1e6, m: 1e6, billion: 1e9, bn: 1e9, b: 1e9, trillion: 1e12, tn: 1e12,
};

/** Words that name what a number counts, for matching "the same fact" across articles. */
export const FACT_CUES: Record<string, string> = {
  voted: 'vote', vote: 'vote', votes: 'vote', killed: 'killed', dead: 'killed', died: 'killed',
  deaths: 'killed', wounded: 'wounded', injured: 'wounded', injuring: 'wounded', cost: 'cost',
  costs: 'cost', budget: 'cost', price: 'cost', arrested: 'arrested', detained: 'arrested',
  evacuated: 'evacuated', displaced: 'displaced', missing: 'missing', turnout: 'turnout',
  abstentions: 'abstentions', capacity: 'capacity', jobs: 'jobs', fined: 'fine', fine: 'fine',
  sentenced: 'sentence', protesters: 'protesters', demonstrators: 'protesters', troops: 'troops',
  soldiers: 'troops', households: 'households', signatures: 'signatures', signed: 'signatures',
  grew: 'growth', growth: 'growth', rose: 'growth', fell: 'decline', dropped: 'decline',
};

export const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6,
  jun: 6, july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10,
  november: 11, nov: 11, december: 12, dec: 12,
};

export const WEEKDAYS: Record<string, number> = {
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
};
