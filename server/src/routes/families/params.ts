import { z } from 'zod';
import { IdSchema } from '@concerto/shared';

/** `:id` of a family. */
export const FamilyParams = z.strictObject({ id: IdSchema });
/** `:id` of a family and `:memberId` of one of its members. */
export const MemberParams = z.strictObject({ id: IdSchema, memberId: IdSchema });
/** `:id` of a family and `:professionalId` of a team member. */
export const TeamParams = z.strictObject({ id: IdSchema, professionalId: IdSchema });
/** `:id` of a family and `:indicatorId` of one of its indicators. */
export const IndicatorParams = z.strictObject({ id: IdSchema, indicatorId: IdSchema });
