// Plain words for AWS validation messages, by rule and field.
import { describe, expect, it } from 'vitest';
import { plainMessage } from './messages';

const bad = (path: string, detail: string) => `The value supplied for parameter '${path}' is not valid. ${detail}`;

describe('plainMessage', () => {
  it('explains pattern, length, enum and required rules in words, per field', () => {
    expect(
      plainMessage(
        bad('distributions[0].amiDistributionConfiguration.targetAccountIds[0]', "'targetAccountIds[0]' must match pattern ^[0-9]{12}$"),
        'distributions[0].amiDistributionConfiguration.targetAccountIds',
      ),
    ).toBe('An account id is exactly 12 digits, for example 111122223333.');
    expect(
      plainMessage(
        bad('distributions[0].amiDistributionConfiguration.name', "'name' must match pattern ^x$"),
        'distributions[0].amiDistributionConfiguration.name',
      ),
    ).toMatch(/^An AMI name may use letters/);
    expect(
      plainMessage(
        bad('x', "The EC2 AMI name must contain '{{ imagebuilder:buildDate }}' to ensure that the name will be unique."),
        'distributions[0].amiDistributionConfiguration.name',
      ),
    ).toBe('Add {{ imagebuilder:buildDate }} to the AMI name: each build then gets an AMI name of its own.');
    expect(plainMessage(bad('description', 'Member must have length less than or equal to 1024.'), 'description')).toBe(
      'Too long: use at most 1024 characters.',
    );
    expect(plainMessage(bad('name', 'Member must have length greater than or equal to 1.'), 'name')).toBe('This field cannot be empty.');
    expect(
      plainMessage(
        bad('s3ExportConfiguration.diskImageFormat', 'Member must satisfy enum value set: [VMDK, RAW, VHD].'),
        'distributions[0].s3ExportConfiguration.diskImageFormat',
      ),
    ).toBe('Choose one of: VMDK, RAW, VHD.');
    expect(plainMessage(bad('distributions[0].region', 'Member must not be null.'), 'distributions[0].region')).toBe('This field is required.');
    expect(plainMessage(bad('semanticVersion', "'semanticVersion' must match pattern ^[0-9]+$"), 'semanticVersion')).toMatch(
      /^A version is three whole numbers/,
    );
    // A message that is already plain is shown as it is.
    expect(plainMessage('The following resource already exists: nothing here names a field', undefined)).toBe(
      'Something with this name already exists; choose another name.',
    );
    expect(plainMessage('Account 444455556666 is not opted in to Region ap-east-1.', 'distributions[0]')).toBeUndefined();
  });
});
