/** RSS feed of one region: its newest articles, announced by the region's listing pages. */
import { termFeedRoute } from '../../../lib/feed-routes.ts';

export const { getStaticPaths, GET } = termFeedRoute('region');
