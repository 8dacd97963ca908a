// The one place that spells the plan's job and step keys. Keys are stable across retries,
// restarts and RetryImage (the step token is derived from them), so their text is a stored
// contract: readers find steps through these functions, never by retyping or parsing the text.

/** The step whose output is the AMI of `accountId` in `region` (waitImage or tagImage). */
export function imageStepKey(region: string, accountId: string): string {
  return `image:${region}:${accountId}`;
}

/** True for the key of a step that delivers an account's AMI in a Region. */
export function isImageStepKey(key: string): boolean {
  return key.startsWith('image:');
}

export const jobKeys = {
  ami: (region: string, accountId: string) => `ami:${region}:${accountId}`,
  launchPermission: (region: string) => `launchPermission:${region}`,
  license: (region: string) => `license:${region}`,
  launchTemplate: (region: string, accountId: string, launchTemplateId: string) => `launchTemplate:${region}:${accountId}:${launchTemplateId}`,
  ssmParameter: (region: string, accountId: string, parameterName: string) => `ssmParameter:${region}:${accountId}:${parameterName}`,
  s3Export: (region: string) => `s3Export:${region}`,
  fastLaunch: (region: string, accountId: string) => `fastLaunch:${region}:${accountId}`,
  container: (region: string) => `pushContainer:${region}`,
} as const;

export const stepKeys = {
  image: imageStepKey,
  grantLaunch: (region: string, accountId: string) => `grantLaunch:${region}:${accountId}`,
  copyImage: (region: string, accountId: string) => `copyImage:${region}:${accountId}`,
  shareImage: (region: string) => `shareImage:${region}`,
  licenseImage: (region: string) => `licenseImage:${region}`,
  exportImage: (region: string) => `exportImage:${region}`,
  waitExport: (region: string) => `waitExport:${region}`,
} as const;
