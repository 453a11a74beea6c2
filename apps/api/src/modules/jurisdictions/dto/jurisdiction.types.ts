import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../../common/connection.js';
import { enumOf } from '../../../common/enum.js';
import { JURISDICTION_KINDS, type JurisdictionKind } from '../jurisdiction.entity.js';

export const JurisdictionKindGql = enumOf(JURISDICTION_KINDS);
export type JurisdictionKindGql = JurisdictionKind;
registerEnumType(JurisdictionKindGql, {
  name: 'JurisdictionKind',
  description: `${JURISDICTION_KINDS.join(', ')}: township = 乡, town = 镇, street = 街道, department = 县直部门, government = 县级人民政府`,
});

@ObjectType('Jurisdiction', { description: 'A province, city, county, township-level unit, county department or county government.' })
export class JurisdictionType {
  @Field(() => ID)
  id: string;
  @Field()
  name: string;
  @Field(() => String, { nullable: true, description: '行政区划代码, where known' })
  code: string | null;
  @Field(() => JurisdictionKindGql)
  kind: JurisdictionKindGql;
  @Field(() => Int, { nullable: true, description: 'First year the unit existed under this name' })
  validFrom: number | null;
  @Field(() => Int, { nullable: true, description: 'Last year the unit existed under this name' })
  validTo: number | null;
  parentId: number | null;
  predecessorId: number | null;
}

export const JurisdictionConnection = Connection(JurisdictionType, 'Jurisdiction');

@InputType()
export class CreateJurisdictionInput {
  @Field()
  name: string;
  @Field(() => JurisdictionKindGql)
  kind: JurisdictionKindGql;
  @Field(() => ID)
  parentId: string;
  @Field(() => String, { nullable: true })
  code?: string | null;
  @Field(() => Int, { nullable: true })
  validFrom?: number | null;
  @Field(() => Int, { nullable: true })
  validTo?: number | null;
  @Field(() => ID, { nullable: true })
  predecessorId?: string | null;
}

@ObjectType()
export class ImportResult {
  @Field(() => Int)
  created: number;
  @Field(() => [JurisdictionType])
  units: JurisdictionType[];
}
