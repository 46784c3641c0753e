/**
 * Regenerates the published JSON Schema of the JSON export from its zod schema:
 *   npx tsx electron/exporters/write-schema.ts
 * test/unit/exporters/text-formats.test.ts fails when the file and the schema disagree.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { briefExportJsonSchema } from '../../shared/brief/schema';

export const BRIEF_SCHEMA_PATH = join(import.meta.dirname, '..', '..', 'resources', 'schema', 'dossier-brief.schema.json');

await writeFile(BRIEF_SCHEMA_PATH, `${JSON.stringify(briefExportJsonSchema(), null, 2)}\n`, 'utf8');
process.stdout.write(`Wrote ${BRIEF_SCHEMA_PATH}\n`);
