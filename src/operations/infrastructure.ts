// Helpers shared by the infrastructure-configuration operations: the stored body from a request.
import type { CreateInfrastructureConfigurationRequest, InfrastructureConfiguration } from '../model/generated/types.js';
import { compact } from './build-resources.js';

/** The settings of a create or update request (Update is a full replacement of these). */
export function infrastructureSettings(i: Omit<CreateInfrastructureConfigurationRequest, 'name' | 'clientToken' | 'tags'>): InfrastructureConfiguration {
  return compact({
    description: i.description,
    instanceTypes: i.instanceTypes,
    instanceProfileName: i.instanceProfileName,
    securityGroupIds: i.securityGroupIds,
    subnetId: i.subnetId,
    logging: i.logging,
    keyPair: i.keyPair,
    terminateInstanceOnFailure: i.terminateInstanceOnFailure ?? true,
    snsTopicArn: i.snsTopicArn,
    resourceTags: i.resourceTags,
    instanceMetadataOptions: i.instanceMetadataOptions,
    placement: i.placement,
  });
}
