/**
 * Social preview images (1200×630 PNG): the site-wide default and, when the
 * option is on, one per article with its title, source and date. Drawn with
 * satori (layout and text to SVG) and rasterised with sharp.
 *
 * Fonts: DejaVu Sans from @fontsource (always installed, Latin only), then the
 * system's DejaVu TTF files when present, which cover Latin Extended, Greek and
 * Cyrillic (names such as "Vučić").
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import satori from 'satori';
import sharp from 'sharp';

import { SOCIAL_IMAGE_HEIGHT, SOCIAL_IMAGE_WIDTH } from './social-image-size.ts';

export { SOCIAL_IMAGE_HEIGHT, SOCIAL_IMAGE_WIDTH };

/** Bump when the design changes, so cached images are redrawn. */
export const SOCIAL_IMAGE_DESIGN_VERSION = 1;

export interface SocialImageText {
  /** Large text: an article's title, or the site's name. */
  title: string;
  /** Smaller line under the title: "Zero Hedge · November 18, 2019", or the site's description. */
  subtitle?: string;
  /** Name of the site, shown at the top. */
  siteName: string;
}

type SatoriFont = Parameters<typeof satori>[1]['fonts'][number];

let fonts: SatoriFont[] | undefined;

function loadFonts(): SatoriFont[] {
  if (fonts) return fonts;
  const require = createRequire(import.meta.url);
  const fontsource = (file: string) => readFileSync(require.resolve(`@fontsource/dejavu-sans/files/${file}`));
  const loaded: SatoriFont[] = [
    {
      name: 'DejaVu Sans',
      data: fontsource('dejavu-sans-latin-400-normal.woff'),
      weight: 400,
      style: 'normal',
    },
    {
      name: 'DejaVu Sans',
      data: fontsource('dejavu-sans-latin-700-normal.woff'),
      weight: 700,
      style: 'normal',
    },
  ];
  const system = '/usr/share/fonts/truetype/dejavu';
  for (const [file, weight] of [
    ['DejaVuSans.ttf', 400],
    ['DejaVuSans-Bold.ttf', 700],
  ] as const) {
    const path = `${system}/${file}`;
    if (existsSync(path)) {
      loaded.push({ name: 'DejaVu Sans Full', data: readFileSync(path), weight, style: 'normal' });
    }
  }
  fonts = loaded;
  return fonts;
}

/** Shortens a title that would not fit in four lines at the title size. */
export function fitTitle(title: string, maxChars = 110): string {
  const clean = title.replace(/\s+/g, ' ').trim();
  if (clean.length <= maxChars) return clean;
  const cut = clean.slice(0, maxChars);
  const atWord = cut.slice(0, Math.max(cut.lastIndexOf(' '), maxChars - 20));
  return `${atWord.trimEnd()}…`;
}

/** The satori element tree (React-element shaped objects, no JSX needed). */
export function socialImageTree(text: SocialImageText): Parameters<typeof satori>[0] {
  const title = fitTitle(text.title);
  const titleSize = title.length > 70 ? 56 : title.length > 40 ? 64 : 76;
  const el = (type: string, style: Record<string, unknown>, children: unknown) => ({
    type,
    key: null,
    props: { style, children },
  });
  return el(
    'div',
    {
      width: SOCIAL_IMAGE_WIDTH,
      height: SOCIAL_IMAGE_HEIGHT,
      boxSizing: 'border-box',
      display: 'flex',
      flexDirection: 'column',
      justifyContent: 'space-between',
      padding: '64px 72px',
      backgroundColor: '#ffffff',
      borderTop: '24px solid #0b5cad',
      fontFamily: 'DejaVu Sans, DejaVu Sans Full',
      color: '#1a1a1a',
    },
    [
      // The site-wide image has the site's name as its title: say it once.
      el(
        'div',
        { display: 'flex', fontSize: 32, fontWeight: 700, color: '#0b5cad' },
        text.title === text.siteName ? '' : text.siteName,
      ),
      el('div', { display: 'flex', fontSize: titleSize, fontWeight: 700, lineHeight: 1.2 }, title),
      el(
        'div',
        { display: 'flex', fontSize: 30, color: '#4a4a4a', borderTop: '2px solid #d0d7de', paddingTop: 24 },
        text.subtitle ?? '',
      ),
    ],
  ) as Parameters<typeof satori>[0];
}

/** Renders one image to PNG bytes. */
export async function renderSocialImage(text: SocialImageText): Promise<Buffer> {
  const svg = await satori(socialImageTree(text), {
    width: SOCIAL_IMAGE_WIDTH,
    height: SOCIAL_IMAGE_HEIGHT,
    fonts: loadFonts(),
  });
  // A 32-colour palette keeps files small (two inks and their anti-aliasing);
  // effort 1 makes quantising ~8x faster than the default. Fixed options, no
  // metadata: identical input, identical bytes.
  return sharp(Buffer.from(svg))
    .png({ compressionLevel: 6, palette: true, colours: 32, effort: 1, dither: 0 })
    .toBuffer();
}

/** Cache key of an image: its text and the design version, nothing from the clock. */
export function socialImageHash(text: SocialImageText): string {
  return createHash('sha256')
    .update(JSON.stringify([SOCIAL_IMAGE_DESIGN_VERSION, text.siteName, text.title, text.subtitle ?? '']))
    .digest('hex')
    .slice(0, 32);
}
