/**
 * The application behind the desktop window and the browser host: which notebook is open, the
 * recent list, the sample notebook on first launch, and one `call` entry that dispatches any
 * contract method. Node only; the Electron shell adds native dialogs through `shell`.
 */
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  contract,
  methodNames,
  type DossierEvent,
  type Handlers,
  type MethodName,
  type MethodsOfScope,
  type NotebookInfo,
  type RecentNotebook,
} from '../../shared/api/contract';
import { dispatch } from '../../shared/api/dispatch';
import { DossierError, type Result } from '../../shared/api/result';
import { createNotebookSession, notebookInfo, type NotebookHandlers } from '../service/notebook-service';
import { NotebookStore } from '../store/notebook-store';
import { AppState } from './app-state';
import { createSampleNotebook, SAMPLE_NOTEBOOK_FOLDER } from './sample-notebook';

export interface DossierAppOptions {
  host: 'electron' | 'browser';
  /** Where app state (recent notebooks) and the sample notebook live. */
  dataDir: string;
  /** The resources folder (sample articles in resources/sample). */
  resourcesDir: string;
  version: string;
  emit: (event: DossierEvent) => void;
  /** Native dialogs: only the desktop shell has them. */
  shell?: Partial<Handlers<MethodsOfScope<'shell'>>>;
  /** Electron's printToPDF of self-contained HTML (PDF export in the desktop app). */
  printToPdf?: (html: string) => Promise<Uint8Array>;
}

interface Session {
  store: NotebookStore;
  handlers: NotebookHandlers;
  /** Background work and pending derived data of this notebook (see NotebookSession.close). */
  closeServices(): Promise<void>;
}

export class DossierApp {
  private session: Session | null = null;
  private state: AppState | null = null;
  /** Opening and closing notebooks one at a time keeps the store's single-writer rule. */
  private switching: Promise<unknown> = Promise.resolve();
  private readonly handlerMap: Partial<Handlers>;

  constructor(private readonly options: DossierAppOptions) {
    this.handlerMap = this.buildHandlers();
  }

  /** Opens the given notebook, else the last one, else (first launch) the sample notebook. */
  async start(opts: { notebook?: string } = {}): Promise<NotebookInfo | null> {
    const state = await this.appState();
    if (opts.notebook) return this.openNotebook(opts.notebook);
    if (state.lastNotebook) {
      try {
        return await this.openNotebook(state.lastNotebook);
      } catch (error) {
        // A moved or locked notebook must not stop the app from starting; the page shows the empty state.
        if (!state.isFirstLaunch) {
          this.startupWarning = error instanceof Error ? error.message : String(error);
          return null;
        }
      }
    }
    if (state.isFirstLaunch || state.recent().length === 0) return this.openSampleNotebook();
    return null;
  }

  /** A message from start-up the page may show (e.g. the last notebook could not be opened). */
  startupWarning: string | null = null;

  async call(method: unknown, input: unknown): Promise<Result<unknown>> {
    return dispatch(this.handlerMap, method, input);
  }

  recent(): RecentNotebook[] {
    return this.state?.recent() ?? [];
  }

  current(): NotebookInfo | null {
    return this.session ? notebookInfo(this.session.store) : null;
  }

  openNotebook(path: string): Promise<NotebookInfo> {
    return this.switchTo(async () => NotebookStore.open(resolve(path)));
  }

  createNotebook(path: string, name?: string): Promise<NotebookInfo> {
    return this.switchTo(async () => NotebookStore.create(resolve(path), name ? { name } : {}));
  }

  async openSampleNotebook(): Promise<NotebookInfo> {
    const dir = join(this.options.dataDir, SAMPLE_NOTEBOOK_FOLDER);
    const exists = await NotebookStore.isNotebook(dir);
    return this.switchTo(async () => (exists ? NotebookStore.open(dir) : createSampleNotebook(dir, this.options.resourcesDir)));
  }

  async close(): Promise<void> {
    await this.switching.catch(() => {});
    const session = this.session;
    this.session = null;
    if (session) await closeSession(session);
  }

  private async appState(): Promise<AppState> {
    this.state ??= await AppState.load(this.options.dataDir);
    return this.state;
  }

  private switchTo(openStore: () => Promise<NotebookStore>): Promise<NotebookInfo> {
    const next = this.switching.catch(() => {}).then(async () => {
      // Open the new notebook first: if it fails, the current one stays open and nothing is lost.
      const store = await openStore();
      const previous = this.session;
      const services = createNotebookSession(store, { emit: this.options.emit, printToPdf: this.options.printToPdf });
      this.session = { store, handlers: services.handlers, closeServices: services.close };
      if (previous) await closeSession(previous);
      const info = notebookInfo(store);
      const state = await this.appState();
      await state.noteOpened(store.dir, store.meta().name, new Date());
      this.options.emit({ type: 'notebook.changed', notebook: info });
      return info;
    });
    this.switching = next;
    return next;
  }

  private requireSession(): Session {
    if (!this.session) {
      throw new DossierError('no-notebook', 'No notebook is open. Open or create a notebook first.');
    }
    return this.session;
  }

  private buildHandlers(): Partial<Handlers> {
    const app: Handlers<MethodsOfScope<'app'>> = {
      'app.info': async () => ({ version: this.options.version, host: this.options.host, notebook: this.current() }),
      'notebook.open': async ({ path }) => {
        await assertFolder(path);
        return this.openNotebook(path);
      },
      'notebook.create': async ({ path, name }) => this.createNotebook(path, name),
      'notebook.recent': async () => (await this.appState()).recent(),
    };
    const handlers: Partial<Handlers> = { ...app, ...this.options.shell };
    for (const name of methodNames) {
      if (contract[name].scope !== 'notebook') continue;
      const method = name as MethodsOfScope<'notebook'>;
      // Looked up per call, so the handlers follow whichever notebook is open now.
      (handlers as Record<MethodName, unknown>)[method] = (input: unknown) =>
        (this.requireSession().handlers[method] as (i: unknown) => Promise<unknown>)(input);
    }
    return handlers;
  }
}

async function assertFolder(path: string): Promise<void> {
  try {
    if (!(await stat(path)).isDirectory()) throw new DossierError('not-found', `${path} is a file, not a notebook folder.`);
  } catch (error) {
    if (error instanceof DossierError) throw error;
    throw new DossierError('not-found', `${path}: no such folder.`);
  }
}

/** Derived data first (it may still write into the notebook), then the store and its lock. */
async function closeSession(session: Session): Promise<void> {
  try {
    await session.closeServices();
  } finally {
    await session.store.close();
  }
}
