import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { JurisdictionType } from '../../jurisdictions/dto/jurisdiction.types.js';

@ObjectType('User')
export class UserType {
  @Field(() => ID)
  id: string;
  @Field()
  username: string;
  @Field()
  displayName: string;
  @Field({ description: 'admin, clerk, viewer or analyst' })
  role: string;
  @Field(() => JurisdictionType, { nullable: true, description: 'A clerk’s unit, or an admin’s county' })
  jurisdiction: JurisdictionType | null;
}

@ObjectType()
export class LoginResult {
  @Field({ description: 'Send as `Authorization: Bearer <token>`' })
  token: string;
  @Field()
  expiresAt: Date;
  @Field(() => UserType)
  user: UserType;
}

@ObjectType()
export class ApiTokenResult {
  @Field({ description: 'Shown once; store it safely' })
  token: string;
  @Field()
  expiresAt: Date;
  @Field(() => Int)
  days: number;
}

@ObjectType()
export class TokensRevoked {
  @Field()
  username: string;
  @Field(() => Int, { description: 'API tokens revoked (login tokens are revoked all at once, uncounted)' })
  apiTokens: number;
}
