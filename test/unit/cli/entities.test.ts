/** `dossier entities DIR [--kind K] [--json]` end to end through runCli on a real notebook folder. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AliasProposalView, EntityListItem } from '../../../shared/api/methods/entities';
import { dossier } from '../../helpers/cli';
import { makeTempDir } from '../../helpers/temp-dir';

describe('dossier entities', () => {
  let tmp: { dir: string; cleanup: () => Promise<void> };
  let nb: string;
  beforeEach(async () => {
    tmp = await makeTempDir();
    nb = join(tmp.dir, 'nb');
    const a = join(tmp.dir, 'ledger.txt');
    const b = join(tmp.dir, 'nordpress.txt');
    await writeFile(a, 'Parliament backs terminal\n\nMinister Dovilė Žemaitytė said parliament in Vilnius voted 71 to 48 to expand the Klaipėda terminal.\nŽemaitytė called it vital.');
    await writeFile(b, 'Terminal vote passes\n\nMinister Dovile Zemaityte said parliament in Vilnius voted 69 to 50 to expand the Klaipėda terminal.');
    expect((await dossier('init', nb)).code).toBe(0);
    expect((await dossier('import', nb, a, b)).code).toBe(0);
  });
  afterEach(() => tmp.cleanup());

  it('prints one JSON document with entities (every mention) and the proposed merges', async () => {
    const run = await dossier('entities', nb, '--json');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.out) as { entities: EntityListItem[]; proposals: AliasProposalView[] };
    const zem = doc.entities.find((e) => e.name === 'Dovilė Žemaitytė')!;
    expect(zem).toMatchObject({ kind: 'person', mentionCount: 2, articleCount: 1 });
    expect(zem.mentions!.map((m) => m.text)).toEqual(['Dovilė Žemaitytė', 'Žemaitytė']);
    expect(doc.entities.some((e) => e.kind === 'place' && e.name === 'Vilnius')).toBe(true);
    const merge = doc.proposals.find((p) => p.kind === 'person')!;
    expect(merge.names.map((n) => n.name)).toEqual(['Dovilė Žemaitytė', 'Dovile Zemaityte']);
    expect(merge.status).toBe('pending');

    // Confirmed through `dossier call`, the merge shows as an alias and is no longer proposed.
    expect((await dossier('call', nb, 'entities.decide', JSON.stringify({ proposalId: merge.id, decision: 'confirm' }))).code).toBe(0);
    const after = JSON.parse((await dossier('entities', nb, '--json', '--kind', 'person')).out) as { entities: EntityListItem[]; proposals: AliasProposalView[] };
    expect(after.entities.find((e) => e.name === 'Dovilė Žemaitytė')).toMatchObject({ aliases: ['Dovile Zemaityte'], mentionCount: 3, articleCount: 2 });
    expect(after.proposals.filter((p) => p.status === 'pending')).toEqual([]);
    expect(after.entities.every((e) => e.kind === 'person')).toBe(true);
  });

  it('prints readable text: entities by kind with mentions, then the merges with the command to confirm', async () => {
    const run = await dossier('entities', nb);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^People \(\d+\)\n {2}Dovilė Žemaitytė {2}2 mentions in 1 article {2}ent-[0-9a-f]+\n {4}\S+ +@\d+-\d+ +"Dovilė Žemaitytė"\n {4}\S+ +@\d+-\d+ +"Žemaitytė"\n/);
    expect(run.out).toContain('\nPlaces (');
    expect(run.out).toMatch(/\nProposed alias merges \(1\)\n {2}person: "Dovilė Žemaitytė" \(2 mentions, 1 article\) = "Dovile Zemaityte" \(1 mention, 1 article\) {2}\[diacritics, score 0\.95\]\n {4}confirm: dossier call .+ entities\.decide '\{"proposalId":"alias-[0-9a-f]+","decision":"confirm"\}'\n$/);
  });

  it('fails with one line naming the problem', async () => {
    const bad = await dossier('entities', nb, '--kind', 'animal');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/^dossier entities: --kind must be one of person, organization, place, date, number, other \(got "animal"\)\n$/);
    const missing = await dossier('entities', join(tmp.dir, 'nope'));
    expect(missing.code).not.toBe(0);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
    expect(missing.err).toContain('nope');
    expect((await dossier('entities', join(tmp.dir, 'empty-nb'), '--json')).code).not.toBe(0);
  });

  it('says what to do in an empty notebook', async () => {
    const empty = join(tmp.dir, 'empty');
    expect((await dossier('init', empty)).code).toBe(0);
    expect((await dossier('entities', empty)).out).toBe('No entities: import articles first (dossier import DIR FILE...).\n');
    expect(JSON.parse((await dossier('entities', empty, '--json')).out)).toEqual({ entities: [], proposals: [] });
  });
});
