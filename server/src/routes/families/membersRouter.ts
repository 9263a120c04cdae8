import { Router } from 'express';
import {
  CreateInvitationRequestSchema,
  InvitationCreatedSchema,
  MemberSchema,
  MemberVisibilitySchema,
  NewMemberSchema,
  professionalIdOf,
} from '@concerto/shared';
import { issueInvitation } from '../../commands/invitationIssuer.ts';
import { sharePlanWithInvited } from '../../commands/planSharer.ts';
import { previewMemberVisibility } from '../../commands/visibilityPreviewer.ts';
import { endpoint } from '../../http/endpoint.ts';
import { notFound } from '../../http/errors.ts';
import { openFamily } from '../../policies/familyAccess.ts';
import { presentMember } from '../../presenters/familyPresenter.ts';
import { FamilyParams, MemberParams } from './params.ts';

/** Family members and their personal invitations. */
export function membersRouter(): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/members',
      summary: 'Add a member to the family',
      tags: ['families'],
      params: FamilyParams,
      body: NewMemberSchema,
      response: MemberSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const { family } = await openFamily(request, params.id, {
        part: 'members',
        write: true,
        action: 'family.members.add',
      });
      family.members.push({ ...body, birthDate: body.birthDate ? new Date(body.birthDate) : null });
      await family.save();
      return presentMember(family.members[family.members.length - 1]!);
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/members/:memberId/invitations',
      summary: 'Invite one member personally: a link and a 6-digit code, single use, shown once',
      tags: ['families'],
      params: MemberParams,
      body: CreateInvitationRequestSchema,
      response: InvitationCreatedSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const { auth, family } = await openFamily(request, params.id, {
        part: 'invitations',
        write: true,
        action: 'family.invitations.create',
      });
      const member = family.members.find((candidate) => String(candidate._id) === params.memberId);
      if (!member) throw notFound('member');
      const invitation = await issueInvitation({
        familyId: family._id,
        memberId: member._id,
        createdBy: professionalIdOf(auth.actor) ?? '',
        expiresInDays: body.expiresInDays,
      });
      await sharePlanWithInvited(family._id, member._id, body.sharePlan);
      const origin = `${request.protocol}://${request.get('host')}`;
      return {
        link: `${origin}/invitation/${invitation.token}`,
        code: invitation.code,
        expiresAt: invitation.expiresAt.toISOString(),
      };
    },
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/families/:id/members/:memberId/visibility',
      summary: 'What one member sees once signed in (spaces, shared items, team, meetings), per the policy',
      tags: ['families'],
      params: MemberParams,
      response: MemberVisibilitySchema,
      authenticated: true,
    },
    async ({ params, request }) => {
      const opened = await openFamily(request, params.id, {
        part: 'invitations',
        write: false,
        action: 'family.invitations.create',
      });
      if (!opened.family.members.some((candidate) => String(candidate._id) === params.memberId))
        throw notFound('member');
      return previewMemberVisibility(opened, params.memberId);
    },
  );

  return router;
}
