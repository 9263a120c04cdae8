import { describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { loadConfig } from '../../server/src/config.ts';
import { newVideoRoom } from '../../server/src/commands/videoRoomAssigner.ts';
import { presentCall } from '../../server/src/presenters/callPresenter.ts';
import { concertationEvent } from '../../server/src/presenters/calendarEvent.ts';
import { toIcs } from '../../server/src/presenters/calendarPresenter.ts';

const video = {
  urlTemplate: 'https://meet.example.be/concerto-{room}',
  dialIn: '+32 2 555 00 00, code 4711#',
};
const remote = { remote: true, videoRoom: 'a'.repeat(32) };
const everyone = { join: true, manage: false };

describe('the video call of a concertation', () => {
  it('puts the meeting room in the configured address; rooms are 128 random bits', () => {
    expect(presentCall(video, remote, everyone)).toEqual({
      url: `https://meet.example.be/concerto-${'a'.repeat(32)}`,
      dialIn: video.dialIn,
      unconfigured: false,
    });
    const rooms = new Set(Array.from({ length: 100 }, newVideoRoom));
    expect(rooms.size).toBe(100);
    for (const room of rooms) expect(room).toMatch(/^[0-9a-f]{32}$/);
  });

  it('is for remote meetings and those who may join only', () => {
    expect(presentCall(video, { ...remote, remote: false }, everyone)).toBeNull();
    expect(presentCall(video, remote, { join: false, manage: true })).toBeNull();
  });

  it('without a video service: no link; the organiser is told why, the others see the dial-in or nothing', () => {
    const none = { urlTemplate: null, dialIn: null };
    expect(presentCall(none, remote, { join: true, manage: true })).toEqual({
      url: null,
      dialIn: null,
      unconfigured: true,
    });
    expect(presentCall(none, remote, everyone)).toBeNull();
    expect(presentCall({ ...none, dialIn: 'Tel' }, remote, everyone)).toEqual({
      url: null,
      dialIn: 'Tel',
      unconfigured: false,
    });
  });

  it('goes into the calendar event: location (with the place), description with the dial-in, link to Concerto', () => {
    const meeting = {
      _id: new mongoose.Types.ObjectId(),
      scheduledAt: new Date('2026-12-10T09:00:00Z'),
      durationMinutes: 45,
      place: 'Maison médicale',
      remote: true,
      status: 'scheduled' as const,
    };
    const call = presentCall(video, remote, everyone);
    const ics = toIcs([concertationEvent(meeting, 'https://concerto.example.be', call)]).replace(
      /\r\n /g,
      '',
    );
    expect(ics).toContain(`LOCATION:Maison médicale / ${call!.url}`);
    expect(ics).toContain(`Appel vidéo : ${call!.url}`);
    expect(ics).toContain('Par téléphone : +32 2 555 00 00\\, code 4711#');
    expect(ics).toContain(`URL:https://concerto.example.be/concertations/${meeting._id}`);
    const withoutCall = toIcs([concertationEvent(meeting, 'https://c.be', null)]);
    expect(withoutCall).toContain('LOCATION:Maison médicale / En ligne');
    expect(withoutCall).not.toContain('Appel vidéo');
  });

  it('is configured with an https address containing {room}, and a free dial-in text', () => {
    expect(
      loadConfig({
        CONCERTO_VIDEO_URL_TEMPLATE: 'https://meet.example.be/{room}',
        CONCERTO_VIDEO_DIALIN: ' Tel ',
      }).video,
    ).toEqual({ urlTemplate: 'https://meet.example.be/{room}', dialIn: 'Tel' });
    expect(loadConfig({}).video).toEqual({ urlTemplate: null, dialIn: null });
    expect(() => loadConfig({ CONCERTO_VIDEO_URL_TEMPLATE: 'https://meet.example.be/fixed' })).toThrow(
      /CONCERTO_VIDEO_URL_TEMPLATE/,
    );
    expect(() => loadConfig({ CONCERTO_VIDEO_URL_TEMPLATE: 'http://meet.example.be/{room}' })).toThrow(
      /CONCERTO_VIDEO_URL_TEMPLATE/,
    );
  });
});
