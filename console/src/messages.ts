// Plain words for AWS validation messages: what to change in the field, by the message's rule and
// the field it names. The AWS message itself is kept and shown in a detail next to the words.

/** Plain advice per field (the last name in the parameter path, without indexes). */
const FIELD: Record<string, string> = {
  targetAccountIds: 'An account id is exactly 12 digits, for example 111122223333.',
  userIds: 'An account id is exactly 12 digits, for example 111122223333.',
  accountId: 'An account id is exactly 12 digits, for example 111122223333.',
  amiAccountId: 'An account id is exactly 12 digits, for example 111122223333.',
  organizationArns: 'Pick an organization from the list, or type its ARN: arn:aws:organizations::<management account>:organization/o-….',
  organizationalUnitArns: 'Pick an OU from the list, or type its ARN: arn:aws:organizations::<management account>:ou/o-…/ou-….',
  licenseConfigurationArns: 'Pick a license configuration from the list, or type its ARN (arn:aws:license-manager:…).',
  region: 'Choose one of the Regions in the list.',
  name: 'Use 3 to 128 letters, digits, spaces, hyphens (-) or underscores (_); start and end with a letter or digit.',
  launchTemplateId: 'A launch template id looks like lt-0123456789abcdef0; pick one from the list.',
  parameterName: 'An SSM parameter name is a path such as /my-app/latest-ami.',
  s3Bucket: 'Pick a bucket from the list, or type a bucket name.',
  roleName: 'The name of an IAM role (not its ARN), for example vmimport.',
  repositoryName: 'Pick an ECR repository from the list, or type its name.',
  kmsKeyId: 'Pick a KMS key from the list, or type its key id or ARN.',
  semanticVersion: 'A version is three whole numbers separated by dots (major.minor.patch), for example 1.0.0.',
  instanceProfileName: 'The name of an IAM instance profile (not its ARN), for example EC2InstanceProfileForImageBuilder.',
  instanceTypes: 'An EC2 instance type such as t3.medium; pick one from the list.',
  parentImage: "Pick a parent image from the list, or type an image ARN (Amazon's or yours) or an AMI id.",
  scheduleExpression: 'Use cron(minutes hours day-of-month month day-of-week year) or rate(n unit), for example cron(0 3 * * ? *).',
  userGroups: "The only group is 'all', which makes the AMI public.",
};

/** The plain-words advice for an AWS error message about `path` (undefined: the message is plain). */
export function plainMessage(message: string, path?: string): string | undefined {
  const leaf =
    (path ?? '')
      .replace(/\[\d+\]/g, '')
      .split('.')
      .pop() ?? '';
  if (/must contain '\{\{ imagebuilder:buildDate \}\}'/.test(message))
    return 'Add {{ imagebuilder:buildDate }} to the AMI name: each build then gets an AMI name of its own.';
  if (/must match pattern/.test(message)) {
    if (leaf === 'name' && /amiDistributionConfiguration/.test(path ?? ''))
      return 'An AMI name may use letters, digits, spaces and - _ . : { } (at least 3 characters), and must contain {{ imagebuilder:buildDate }}.';
    return FIELD[leaf] ?? 'This value has characters or a form this field does not accept.';
  }
  let m = /length less than or equal to (\d+)/.exec(message);
  if (m) return `Too long: use at most ${m[1]} ${/\[\d+\]$|Ids$|Arns$|s$/.test(path ?? '') && !/name$/i.test(leaf) ? 'entries or characters' : 'characters'}.`;
  m = /length greater than or equal to (\d+)/.exec(message);
  if (m) return m[1] === '1' ? 'This field cannot be empty.' : `Too short: use at least ${m[1]} characters.`;
  m = /enum value set: \[([^\]]+)\]/.exec(message);
  if (m) return `Choose one of: ${m[1]}.`;
  if (/must not be null/.test(message)) return 'This field is required.';
  if (/value (greater|less) than or equal to/.test(message)) {
    const n = /or equal to (-?\d+)/.exec(message)?.[1];
    return /greater/.test(message) ? `Use a number of at least ${n}.` : `Use a number of at most ${n}.`;
  }
  if (/already exists/.test(message)) return 'Something with this name already exists; choose another name.';
  return FIELD[leaf] && /is not valid/.test(message) ? FIELD[leaf] : undefined;
}
