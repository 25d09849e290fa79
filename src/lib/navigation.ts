/** The browse pages, in the order the header and the search page's no-script help list them. */
export const browsePages = [
  { href: '/', label: 'Latest', description: 'latest articles' },
  { href: '/regions/', label: 'Regions', description: 'regions' },
  { href: '/themes/', label: 'Themes', description: 'themes' },
  { href: '/authors/', label: 'Authors', description: 'authors' },
  { href: '/sources/', label: 'Sources', description: 'sources' },
  { href: '/archive/', label: 'Archive', description: 'dates' },
] as const;
