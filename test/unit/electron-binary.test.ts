import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../helpers/electron-binary';

describe('findElectronBinary', () => {
  let root: string;
  const saved = process.env.DOSSIER_ELECTRON_BINARY;

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'dossier-electron-bin-'));
    await mkdir(path.join(root, 'node_modules', 'electron'), { recursive: true });
    delete process.env.DOSSIER_ELECTRON_BINARY;
  });
  afterEach(async () => {
    if (saved === undefined) delete process.env.DOSSIER_ELECTRON_BINARY;
    else process.env.DOSSIER_ELECTRON_BINARY = saved;
    await rm(root, { recursive: true, force: true });
  });

  it('is null when the package never downloaded its binary (no path.txt)', () => {
    expect(findElectronBinary(root)).toBeNull();
  });

  it('is null when path.txt names a binary that is not there', async () => {
    await writeFile(path.join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
    expect(findElectronBinary(root)).toBeNull();
  });

  it('finds dist/<path.txt> when it exists', async () => {
    const dist = path.join(root, 'node_modules', 'electron', 'dist');
    await mkdir(dist, { recursive: true });
    await writeFile(path.join(dist, 'electron'), '');
    await writeFile(path.join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
    expect(findElectronBinary(root)).toBe(path.join(dist, 'electron'));
  });

  it('honours DOSSIER_ELECTRON_BINARY only when that file exists', async () => {
    const custom = path.join(root, 'my-electron');
    process.env.DOSSIER_ELECTRON_BINARY = custom;
    expect(findElectronBinary(root)).toBeNull();
    await writeFile(custom, '');
    expect(findElectronBinary(root)).toBe(custom);
  });
});
