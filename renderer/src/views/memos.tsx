/** The "Memos" workspace view: notebook-level rich-text memos (see components/MemosView). */
import { MemosView } from '../components/MemosView';
import type { WorkspaceView } from './types';

export const memosView: WorkspaceView = {
  id: 'memos',
  label: 'Memos',
  render: (context) => <MemosView reportError={context.reportError} />,
};
