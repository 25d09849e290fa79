/** RSS feed of one source: its newest articles, announced by the source's listing pages. */
import { termFeedRoute } from '../../../lib/feed-routes.ts';

export const { getStaticPaths, GET } = termFeedRoute('source');
