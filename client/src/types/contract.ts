import type {
  AddTeamMemberRequestSchema,
  AuditEntrySchema,
  CreateFamilyRequestSchema,
  CreateOrganisationRequestSchema,
  CreateProfessionalRequestSchema,
  FamilyView,
  FlagSchema,
  InvitationCreatedSchema,
  NewMemberSchema,
  RecordIndicatorRequestSchema,
  RecordServiceRequestSchema,
  UpdateFamilyRequestSchema,
} from '@concerto/shared';

// The shared package exports zod schemas for these shapes; their types are read from the schemas so the
// client never drifts from what the server sends and accepts.
type Output<Schema extends { _zod: { output: unknown } }> = Schema['_zod']['output'];
type Input<Schema extends { _zod: { input: unknown } }> = Schema['_zod']['input'];

/** A family member as shown in the file. */
export type Member = FamilyView['members'][number];
/** A professional's membership of the care team (ended ones carry `endedAt`). */
export type TeamMembership = FamilyView['team'][number];
/** A vulnerability indicator the caller may read. */
export type Indicator = FamilyView['indicators'][number];
/** One recorded consent decision of one member for one scope. */
export type ConsentRecord = FamilyView['consents'][number];
/** One change of stratum. */
export type StratumChange = NonNullable<FamilyView['strataHistory']>[number];
/** One delivered funded service. */
export type ServiceDelivery = NonNullable<FamilyView['services']>[number];
/** The recorded BIB screening. */
export type Screening = NonNullable<FamilyView['screening']>;
/** A suspicion flag (readable by Role A on the team only). */
export type Flag = Output<typeof FlagSchema>;
/** One line of a family file's audit trail. */
export type AuditEntry = Output<typeof AuditEntrySchema>;
/** The link and code of a new invitation, shown once. */
export type InvitationCreated = Output<typeof InvitationCreatedSchema>;

/** Body of `POST /api/families`. */
export type CreateFamilyRequest = Input<typeof CreateFamilyRequestSchema>;
/** Body of `PATCH /api/families/:id`. */
export type UpdateFamilyRequest = Input<typeof UpdateFamilyRequestSchema>;
/** One member as a professional enters them. */
export type NewMember = Input<typeof NewMemberSchema>;
/** Body of `POST /api/families/:id/team`. */
export type AddTeamMemberRequest = Input<typeof AddTeamMemberRequestSchema>;
/** Body of `POST /api/families/:id/indicators`. */
export type RecordIndicatorRequest = Input<typeof RecordIndicatorRequestSchema>;
/** Body of `POST /api/families/:id/services`. */
export type RecordServiceRequest = Input<typeof RecordServiceRequestSchema>;
/** Body that creates a professional account. */
export type CreateProfessionalRequest = Input<typeof CreateProfessionalRequestSchema>;
/** Body of `POST /api/organisations`. */
export type CreateOrganisationRequest = Input<typeof CreateOrganisationRequestSchema>;
