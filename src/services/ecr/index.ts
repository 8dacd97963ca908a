// The ECR operations ibex answers.
import type { WorldHandlers } from '../world-call.js';
import { BatchDeleteImage } from './BatchDeleteImage.js';
import { BatchGetImage } from './BatchGetImage.js';
import { CreateRepository } from './CreateRepository.js';
import { DeleteRepository } from './DeleteRepository.js';
import { DescribeImages } from './DescribeImages.js';
import { DescribeRepositories } from './DescribeRepositories.js';
import { ListImages } from './ListImages.js';
import { PutImage } from './PutImage.js';

export const ECR_HANDLERS: WorldHandlers = {
  BatchDeleteImage,
  BatchGetImage,
  CreateRepository,
  DeleteRepository,
  DescribeImages,
  DescribeRepositories,
  ListImages,
  PutImage,
};
