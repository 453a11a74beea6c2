import type { Jurisdiction } from '../jurisdiction.entity.js';
import type { JurisdictionKindGql, JurisdictionType } from './jurisdiction.types.js';

/** A unit as the API shows it; every module that returns units maps them here. */
export function toJurisdiction(j: Jurisdiction): JurisdictionType {
  return {
    id: String(j.id),
    name: j.name,
    code: j.code,
    kind: j.kind as JurisdictionKindGql,
    validFrom: j.validFrom,
    validTo: j.validTo,
    parentId: j.parentId,
    predecessorId: j.predecessorId,
  };
}
