/**
 * The workspace views, in tab order after the reader. A feature adds its view here with one import
 * and one entry.
 */
import { briefsView } from './briefs';
import { claimsView } from './claims';
import { highlightsView } from './highlights';
import { memosView } from './memos';
import { reviewView } from './review';
import { searchView } from './search';
import { sourcesView } from './sources';
import { discrepanciesView } from './discrepancies';
import { entitiesView } from './entities';
import { timelineView } from './timeline';
import type { WorkspaceView } from './types';

export const workspaceViews: readonly WorkspaceView[] = [searchView, highlightsView, memosView, briefsView, claimsView, sourcesView, reviewView, entitiesView, discrepanciesView, timelineView];
