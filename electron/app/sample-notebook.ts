/**
 * The sample notebook a first launch opens: the original articles in resources/sample, imported
 * through the same pipeline as any user file, so the sample shows exactly what an import gives.
 */
import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { supportedExtensions } from '../importers/registry';
import { importFiles, inputsFromPaths } from '../service/import-articles';
import { NotebookStore } from '../store/notebook-store';

export const SAMPLE_NOTEBOOK_FOLDER = 'Sample notebook';

export async function sampleArticlePaths(resourcesDir: string): Promise<string[]> {
  const dir = join(resourcesDir, 'sample');
  const names = (await readdir(dir)).filter(
    (name) => name.toLowerCase() !== 'readme.md' && supportedExtensions.includes(extname(name).toLowerCase()),
  );
  return names.sort().map((name) => join(dir, name));
}

/** Creates the sample notebook at `dir`, imports the sample articles and returns it open. */
export async function createSampleNotebook(dir: string, resourcesDir: string): Promise<NotebookStore> {
  const store = await NotebookStore.create(dir, { name: 'Sample notebook: the Klaipėda terminal vote' });
  try {
    const inputs = await inputsFromPaths(await sampleArticlePaths(resourcesDir));
    const loadable = inputs.filter((i): i is Exclude<typeof i, { error: string }> => 'load' in i);
    const results = await importFiles(store, loadable, () => {});
    const failed = results.filter((r) => r.status === 'error');
    if (failed.length > 0) {
      throw new Error(`The sample articles could not be imported: ${failed.map((f) => f.error).join('; ')}`);
    }
    return store;
  } catch (error) {
    await store.close();
    throw error;
  }
}
