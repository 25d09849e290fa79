/** RSS feed of one theme: its newest articles, announced by the theme's listing pages. */
import { termFeedRoute } from '../../../lib/feed-routes.ts';

export const { getStaticPaths, GET } = termFeedRoute('theme');
