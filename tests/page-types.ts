/** One page of every type the site has. */
export const PAGE_TYPES = {
  home: '/',
  'home page 2': '/page/2/',
  article: '/articles/us-threatens-sanctions-on-serbia-scrambles-to-thwart-possible-russian-s-400/',
  'article without source': '/articles/archive-launches-reader-notes/',
  'regions index': '/regions/',
  region: '/regions/europe/',
  'themes index': '/themes/',
  theme: '/themes/military/',
  'authors index': '/authors/',
  author: '/authors/zero-hedge/',
  'sources index': '/sources/',
  source: '/sources/zero-hedge/',
  'archive index': '/archive/',
  year: '/archive/2019/',
  month: '/archive/2019/11/',
  'not found': '/404.html',
};
