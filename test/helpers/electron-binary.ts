/**
 * Where the Electron binary is, without requiring the 'electron' package: requiring it starts a
 * download when the binary is absent, which fails on machines without internet (see
 * machine-notes.md). The package records the binary's path relative to its dist/ folder in
 * path.txt once the binary has been installed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

/**
 * The Electron executable, or null when it is not installed. DOSSIER_ELECTRON_BINARY points at
 * another build (for example a system Electron of the same major version).
 */
export function findElectronBinary(root: string = REPO_ROOT): string | null {
  const override = process.env.DOSSIER_ELECTRON_BINARY;
  if (override) return existsSync(override) ? resolve(override) : null;
  const packageDir = join(root, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  let relative: string;
  try {
    relative = readFileSync(pathFile, 'utf8').trim();
  } catch {
    return null;
  }
  if (!relative) return null;
  const binary = join(packageDir, 'dist', relative);
  return existsSync(binary) ? binary : null;
}
