// The services and operations the simulated world answers on ibex's endpoint: the list that
// tools/import-world-models.ts trims the botocore models to (and so the generated contract holds).
export interface WorldServiceDef {
  /** ibex's name, the file under model/world/ and src/model/generated/world/. */
  name: string;
  botocoreName: string;
  apiVersion: string;
  operations: string[];
}

export const WORLD_SERVICES: WorldServiceDef[] = [
  {
    name: 'ec2',
    botocoreName: 'ec2',
    apiVersion: '2016-11-15',
    operations: [
      'DescribeImages', 'DescribeImageAttribute', 'ModifyImageAttribute', 'RegisterImage', 'CreateImage', 'CopyImage', 'DeregisterImage',
      'CreateTags', 'DeleteTags', 'DescribeTags',
      'CreateLaunchTemplate', 'DescribeLaunchTemplates', 'CreateLaunchTemplateVersion', 'DescribeLaunchTemplateVersions', 'ModifyLaunchTemplate', 'DeleteLaunchTemplate',
      'ExportImage', 'DescribeExportImageTasks', 'EnableFastLaunch', 'DisableFastLaunch', 'DescribeFastLaunchImages',
      'GetImageBlockPublicAccessState', 'EnableImageBlockPublicAccess', 'DisableImageBlockPublicAccess', 'DescribeRegions',
      'EnableImageDeprecation', 'DisableImageDeprecation', 'DisableImage', 'EnableImage', 'DeleteSnapshot',
    ],
  },
  {
    name: 'ssm',
    botocoreName: 'ssm',
    apiVersion: '2014-11-06',
    operations: ['PutParameter', 'GetParameter', 'GetParameters', 'GetParametersByPath', 'DescribeParameters', 'GetParameterHistory', 'DeleteParameter', 'LabelParameterVersion'],
  },
  {
    name: 'ecr',
    botocoreName: 'ecr',
    apiVersion: '2015-09-21',
    operations: ['CreateRepository', 'DescribeRepositories', 'DeleteRepository', 'DescribeImages', 'ListImages', 'BatchGetImage', 'PutImage', 'BatchDeleteImage'],
  },
  {
    name: 's3',
    botocoreName: 's3',
    apiVersion: '2006-03-01',
    operations: ['ListBuckets', 'CreateBucket', 'DeleteBucket', 'HeadBucket', 'ListObjects', 'ListObjectsV2', 'HeadObject', 'GetObject', 'PutObject', 'DeleteObject'],
  },
  { name: 'sts', botocoreName: 'sts', apiVersion: '2011-06-15', operations: ['GetCallerIdentity', 'AssumeRole'] },
  {
    name: 'iam',
    botocoreName: 'iam',
    apiVersion: '2010-05-08',
    operations: ['CreateRole', 'GetRole', 'DeleteRole', 'ListRoles', 'AttachRolePolicy', 'DetachRolePolicy', 'PutRolePolicy'],
  },
  {
    name: 'kms',
    botocoreName: 'kms',
    apiVersion: '2014-11-01',
    operations: ['CreateKey', 'DescribeKey', 'CreateAlias', 'ListAliases', 'GetKeyPolicy', 'PutKeyPolicy'],
  },
  {
    name: 'organizations',
    botocoreName: 'organizations',
    apiVersion: '2016-11-28',
    operations: [
      'DescribeOrganization', 'ListRoots', 'ListOrganizationalUnitsForParent', 'ListAccounts', 'ListAccountsForParent', 'ListParents',
      'CreateOrganization', 'CreateOrganizationalUnit', 'MoveAccount', 'DescribeAccount', 'DescribeOrganizationalUnit', 'CreateAccount', 'ListChildren',
    ],
  },
  {
    name: 'license-manager',
    botocoreName: 'license-manager',
    apiVersion: '2018-08-01',
    operations: ['CreateLicenseConfiguration', 'ListLicenseConfigurations', 'UpdateLicenseSpecificationsForResource', 'ListLicenseSpecificationsForResource'],
  },
];
