// Image references as the vendors accept them: a web URL, or base64 data of
// an image type (inline, or as a data URL).

export const IMAGE_MEDIA_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"];

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export const isWebUrl = (url: string) => /^https?:\/\/\S+$/i.test(url);

export const isBase64 = (data: string) => data.length > 0 && BASE64.test(data);

export function isImageDataUrl(url: string): boolean {
  const match = /^data:(image\/[\w.+-]+);base64,(.*)$/s.exec(url);
  return Boolean(match?.[2] && isBase64(match[2]));
}
