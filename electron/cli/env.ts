/** The real notebook environment: the on-disk store and the service's handlers. */
import { version } from '../../package.json';
import { createNotebookSession } from '../service/notebook-service';
import { NotebookStore } from '../store/notebook-store';
import type { CliEnv, NotebookSession } from './context';

function sessionOf(store: NotebookStore): NotebookSession {
  const services = createNotebookSession(store);
  return {
    handlers: services.handlers,
    close: async () => {
      try {
        await services.close();
      } finally {
        await store.close();
      }
    },
  };
}

export const defaultEnv: CliEnv = {
  version,
  async createNotebook(dir, options) {
    return sessionOf(await NotebookStore.create(dir, options));
  },
  async openNotebook(dir) {
    return sessionOf(await NotebookStore.open(dir));
  },
};
