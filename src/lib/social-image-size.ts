/**
 * Size of the images the site draws for link previews (the size Open Graph
 * and Twitter recommend). Apart from social-image.ts so pages can read it
 * without loading satori and sharp.
 */
export const SOCIAL_IMAGE_WIDTH = 1200;
export const SOCIAL_IMAGE_HEIGHT = 630;
