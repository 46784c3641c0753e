/**
 * What the application remembers between runs, outside any notebook: the recent notebooks and the
 * last one open. One small JSON file in the app's data folder, written durably. An unreadable state
 * file is kept aside and the app starts as on first launch; it never holds the analyst's work.
 */
import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { RecentNotebook } from '../../shared/api/contract';
import { writeFileDurably } from '../store/durable-file';

const MAX_RECENT = 10;

export const AppStateFile = z.object({
  version: z.literal(1),
  recent: z.array(RecentNotebook),
  lastNotebook: z.string().nullable(),
});
export type AppStateFile = z.infer<typeof AppStateFile>;

export class AppState {
  private state: AppStateFile = { version: 1, recent: [], lastNotebook: null };
  /** False until a state file was read: the app then treats this run as a first launch. */
  private existed = false;
  private warning: string | null = null;

  constructor(private readonly file: string) {}

  static async load(dataDir: string): Promise<AppState> {
    const appState = new AppState(join(dataDir, 'state.json'));
    let raw: string;
    try {
      raw = await readFile(appState.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return appState;
      throw error;
    }
    appState.existed = true;
    try {
      appState.state = AppStateFile.parse(JSON.parse(raw));
    } catch {
      const keptAs = `${appState.file}.unreadable-${Date.now()}`;
      await rename(appState.file, keptAs).catch(() => {});
      appState.warning = `The list of recent notebooks could not be read; it was kept as ${keptAs}.`;
    }
    return appState;
  }

  get isFirstLaunch(): boolean {
    return !this.existed;
  }

  get loadWarning(): string | null {
    return this.warning;
  }

  get lastNotebook(): string | null {
    return this.state.lastNotebook;
  }

  recent(): RecentNotebook[] {
    return [...this.state.recent];
  }

  async noteOpened(path: string, name: string, at: Date): Promise<void> {
    const recent = this.state.recent.filter((r) => r.path !== path);
    recent.unshift({ path, name, openedAt: at.toISOString() });
    this.state = { ...this.state, recent: recent.slice(0, MAX_RECENT), lastNotebook: path };
    await this.save();
  }

  async forget(path: string): Promise<void> {
    this.state = {
      ...this.state,
      recent: this.state.recent.filter((r) => r.path !== path),
      lastNotebook: this.state.lastNotebook === path ? null : this.state.lastNotebook,
    };
    await this.save();
  }

  private async save(): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    await writeFileDurably(this.file, `${JSON.stringify(this.state, null, 2)}\n`);
    this.existed = true;
  }
}
