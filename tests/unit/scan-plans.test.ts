// The looks the photo and live-frame paths take (npm run bench:decode measured them).
import { describe, expect, it } from 'vitest';
import { planFrameLook } from '../../web/scanner/frame-capture';
import { PHOTO_MAX_SIDE, planStillLooks } from '../../web/scanner/still-decode';

describe('planStillLooks', () => {
  it('a big photo: whole (downscaled), its middle, then the second binarizer', () => {
    const looks = planStillLooks(4000, 3000);
    expect(looks.map((l) => l.effort)).toEqual(['still', 'still', 'still-global']);
    expect(looks[0]!.plan).toMatchObject({ sw: 4000, sh: 3000, dw: PHOTO_MAX_SIDE, dh: 1536 });
    expect(looks[1]!.plan).toMatchObject({ sx: 1000, sy: 750, sw: 2000, sh: 1500, dw: 2000, dh: 1500 });
  });

  it('a small picture: whole, the second binarizer, then drawn twice as large', () => {
    const looks = planStillLooks(640, 480);
    expect(looks.map((l) => [l.effort, l.plan.dw, l.plan.dh])).toEqual([
      ['still', 640, 480],
      ['still-global', 640, 480],
      ['still', 1280, 960],
    ]);
  });
});

describe('planFrameLook', () => {
  it('a VGA frame alternates the two binarizers on the whole frame', () => {
    expect([0, 1, 2, 3].map((i) => planFrameLook(640, 480, i).effort)).toEqual(['frame', 'frame-global', 'frame', 'frame-global']);
    expect(planFrameLook(640, 480, 1).plan).toMatchObject({ sw: 640, sh: 480, dw: 640, dh: 480 });
  });

  it('a 1080p frame alternates the downscaled whole and the full-resolution middle, both with the local binarizer', () => {
    const [even, odd] = [planFrameLook(1920, 1080, 0), planFrameLook(1920, 1080, 1)];
    expect(even).toMatchObject({ effort: 'frame', plan: { sw: 1920, dw: 800 } });
    expect(odd).toMatchObject({ effort: 'frame', plan: { sw: 800, sh: 450, dw: 800, dh: 450 } });
  });
});
