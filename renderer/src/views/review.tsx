/** The "Review" workspace view: every highlight and claim of the notebook that an edit left needing review. */
import { ReviewList } from '../components/ReviewList';
import type { WorkspaceView } from './types';

export const reviewView: WorkspaceView = {
  id: 'review',
  label: 'Review',
  render: (context) => <ReviewList articleId={null} onOpen={(articleId, range) => context.openArticle(articleId, range)} onError={context.reportError} />,
};
