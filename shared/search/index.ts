/** Search core: folding, query parsing, the inverted index and snippets. Pure. */
export { fold, tokenize, terms, withinOneEdit, type Token } from './fold';
export { parseQuery, type ParsedQuery, type QueryFilters, type QueryWord } from './query';
export {
  SEARCH_INDEX_VERSION,
  SearchIndex,
  SearchIndexBuilder,
  SearchIndexFormatError,
  type SearchDoc,
  type SearchDocInput,
  type SearchDocKind,
  type SearchHit,
  type SearchOutcome,
  type SearchOptions,
  type SearchSegment,
  SearchView,
  mergeSegments,
  SEARCH_DOC_KINDS,
  type Postings,
} from './search-index';
export { makeSnippet, type Snippet } from './snippet';
