/** EntityService directly: extractor calls counted, progress events, search kept current in the background. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../../shared/api/contract';
import { extractEntities } from '../../../shared/analysis';
import { EntityService, type Extractor } from '../../../electron/service/entity-service';
import { NotebookStore } from '../../../electron/store/notebook-store';
import { makeArticle } from '../../helpers/store-fixtures';
import { makeTempDir } from '../../helpers/temp-dir';
import { LEDGER, NORDPRESS, WEATHER } from './entities-fixtures';

describe('EntityService (incremental)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: NotebookStore;
  let extracted: string[];
  const counting: Extractor = (text, opts) => {
    extracted.push(text.slice(0, 20));
    return extractEntities(text, opts);
  };

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    store = await NotebookStore.create(join(dir, 'nb'), { name: 'Entities' });
    await store.addArticles([makeArticle('ledger', LEDGER, { publishedAt: '2026-03-12' }), makeArticle('nordpress', NORDPRESS)]);
    extracted = [];
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  it('extracts each article once, then only what an import or an edit changed; a second service reads the cache', async () => {
    const service = new EntityService(store, { extract: counting });
    await service.entities();
    expect(extracted).toHaveLength(2);
    await service.entities();
    expect(extracted).toHaveLength(2);
    await store.addArticles([makeArticle('weather', WEATHER)]);
    await service.entities();
    expect(extracted).toEqual([expect.any(String), expect.any(String), 'Storm in Riga\n\nA sto']);
    // A metadata change that analysis does not depend on (title) extracts nothing; a date change does.
    await store.updateArticleMeta('weather', { title: 'Storm' });
    await service.entities();
    expect(extracted).toHaveLength(3);
    await store.updateArticleMeta('weather', { publishedAt: '2026-03-20' });
    await service.entities();
    expect(extracted).toHaveLength(4);
    service.close();

    const again = new EntityService(store, { extract: counting });
    const { entities } = await again.entities();
    expect(extracted).toHaveLength(4);
    expect(again.stats).toEqual({ extracted: 0, cached: 3 });
    expect(entities.some((e) => e.name === 'Anna Berzina')).toBe(true);
    again.close();
  });

  it('reports progress on a long first run, and keeps search names current after changes', async () => {
    const events: DossierEvent[] = [];
    const pushed: { name: string; aliases: string[] }[][] = [];
    const many = Array.from({ length: 40 }, (_, i) => makeArticle(`n${i}`, `${NORDPRESS}\nItem ${i}.`));
    await store.addArticles(many);
    const service = new EntityService(store, {
      extract: counting,
      emit: (e) => events.push(e),
      progressAfterMs: 0,
      followDelayMs: 10,
      search: { indexEntities: async (list) => void pushed.push(list.map((e) => ({ name: e.name, aliases: e.aliases }))) },
    });
    await service.entities();
    const progress = events.filter((e) => e.type === 'analysis.progress');
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual({ type: 'analysis.progress', phase: 'done', done: 42, total: 42 });
    expect(pushed.at(-1)!.some((e) => e.name === 'Dovile Zemaityte')).toBe(true);
    expect(pushed.at(-1)!.some((e) => e.name === '2026-12-01')).toBe(false); // dates are not search entities

    // An import is followed in the background: search gets the new names without any entity call.
    await store.addArticles([makeArticle('weather', WEATHER)]);
    await expect.poll(() => pushed.at(-1)!.some((e) => e.name === 'Anna Berzina'), { timeout: 3000 }).toBe(true);
    expect(events.filter((e) => e.type === 'entities.changed').length).toBeGreaterThanOrEqual(2);
    service.close();
  });

  it('leaves out an article whose body cannot be read, naming it, and keeps the others', async () => {
    await writeFile(join(dir, 'nb', 'articles', 'nordpress.json'), '{"id": "nordpress", "text": ');
    const service = new EntityService(store, { extract: counting });
    const { entities } = await service.entities();
    expect(entities.some((e) => e.name === 'Dovilė Žemaitytė')).toBe(true);
    expect(entities.some((e) => e.name === 'Dovile Zemaityte')).toBe(false);
    expect([...service.problems.keys()]).toEqual(['nordpress']);
    expect(service.problems.get('nordpress')).toMatch(/nordpress/);
    service.close();
  });
});
