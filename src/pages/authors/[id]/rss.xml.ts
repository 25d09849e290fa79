/** RSS feed of one author: its newest articles, announced by the author's listing pages. */
import { termFeedRoute } from '../../../lib/feed-routes.ts';

export const { getStaticPaths, GET } = termFeedRoute('author');
