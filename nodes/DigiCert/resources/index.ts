import type { DigiCertResource } from '../shared/operation';
import { certificate } from './certificate';
import { domain } from './domain';
import { order } from './order';
import { organization } from './organization';
import { request } from './request';

/** Every resource and operation of the node; the description and the executor both read this. */
export const resources: DigiCertResource[] = [order, request, certificate, domain, organization];
