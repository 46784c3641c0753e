/** Cleaning: noise detection and near-duplicate similarity (pure; see each module). */
export {
  BOILERPLATE_MAX_LENGTH,
  BOILERPLATE_MIN_ARTICLES,
  BOILERPLATE_MIN_SHARE,
  countRecurringLines,
  detectNoise,
  lineKeys,
  normaliseLine,
  type NoiseContext,
} from './noise';
export {
  DEFAULT_BANDS,
  DEFAULT_NUM_HASHES,
  DEFAULT_ROWS,
  DEFAULT_SHINGLE_SIZE,
  estimateSimilarity,
  NEAR_DUPLICATE_THRESHOLD,
  NearDuplicateIndex,
  shingleSignature,
  shingleWords,
  signatureFromString,
  signatureToString,
  type NearDuplicateIndexOptions,
  type SignatureOptions,
} from './similarity';
