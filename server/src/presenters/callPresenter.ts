import type { ConcertationCall } from '@concerto/shared';
import type { VideoSettings } from '../config.ts';

/** The call's address for one meeting: the configured template with the meeting's room in place of `{room}`. */
export function callUrl(template: string, room: string): string {
  return template.replaceAll('{room}', room);
}

/**
 * How a caller joins a remote meeting's call, or null: not remote, or she may not join (the policy's
 * `concertation.call.join`, asked by the caller of this function). Without a video service only the
 * organiser is told why there is no link; the others see the dial-in text, if any.
 */
export function presentCall(
  settings: VideoSettings,
  meeting: { remote: boolean; videoRoom?: string | null },
  access: { join: boolean; manage: boolean },
): ConcertationCall | null {
  if (!meeting.remote || !access.join) return null;
  const url =
    settings.urlTemplate && meeting.videoRoom ? callUrl(settings.urlTemplate, meeting.videoRoom) : null;
  if (!url && !settings.dialIn && !access.manage) return null;
  return { url, dialIn: settings.dialIn, unconfigured: !settings.urlTemplate && access.manage };
}
