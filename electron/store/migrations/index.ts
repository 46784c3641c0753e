/**
 * The registry of notebook migrations, in order. One migration per file, named
 * `NNNN-what-it-does.ts` (e.g. `0001-split-annotations.ts`), each exporting a `Migration` that takes
 * a notebook from `schemaVersion = from` to `from + 1`. Add the file, append it here, and raise
 * CURRENT_SCHEMA_VERSION in ../notebook-store.ts to the new highest `from + 1`.
 *
 * Version 1 is the first on-disk format, so there is nothing to migrate yet: the list is empty.
 * The framework (backups, ordering, refusal of newer notebooks) lives in ../migrate.ts and is
 * tested with migrations injected through `NotebookStore.open(dir, { migrations })`.
 */
import type { Migration } from '../migrate';

export const migrations: readonly Migration[] = [];
