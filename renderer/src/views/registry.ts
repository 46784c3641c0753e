/**
 * The workspace views, in tab order after the reader. A feature adds its view here with one import
 * and one entry.
 */
import type { WorkspaceView } from './types';

export const workspaceViews: readonly WorkspaceView[] = [];
