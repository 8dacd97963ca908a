// Test helpers for images: wait until an image reaches a terminal state, bounded in time.
import { GetImageCommand, type Image, type ImagebuilderClient } from '@aws-sdk/client-imagebuilder';

const TERMINAL = new Set(['AVAILABLE', 'FAILED', 'CANCELLED']);

/** Polls GetImage until the image is AVAILABLE, FAILED or CANCELLED (at most `timeoutMs`). */
export async function waitForImage(client: ImagebuilderClient, arn: string, timeoutMs = 15_000): Promise<Image> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { image } = await client.send(new GetImageCommand({ imageBuildVersionArn: arn }));
    if (image?.state?.status && TERMINAL.has(image.state.status)) return image;
    if (Date.now() > until) throw new Error(`image ${arn} still ${image?.state?.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
