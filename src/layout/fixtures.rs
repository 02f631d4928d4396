//! Test fixtures: the sample handout, its figure and a tiny PNG.

use crate::geom::{self, Point, Pt, Segment, Shape as GShape, Size, Stroke};
use crate::theme::Palette;

/// A stick-figure drawing: a person lying with knees bent.
pub(crate) fn sample_drawing() -> geom::Drawing {
    let p = |x: f32, y: f32| Point::new(Pt(x), Pt(y));
    let line = |a: Point, b: Point| GShape {
        segments: vec![Segment::MoveTo(a), Segment::LineTo(b)].into(),
        fill: None,
        stroke: Some(Stroke {
            color: Palette::default().text,
            width: Pt(4.0),
            style: geom::LineStyle::Round,
            dash: None,
        }),
    };
    geom::Drawing {
        size: Size::new(Pt(200.0), Pt(120.0)),
        shapes: vec![
            GShape {
                segments: GShape::rect(p(0.0, 100.0), Size::new(Pt(200.0), Pt(12.0))).into(),
                fill: Some(Palette::default().accent_tint),
                stroke: None,
            },
            GShape {
                segments: GShape::circle(p(30.0, 80.0), Pt(12.0)).into(),
                fill: Some(Palette::default().accent),
                stroke: None,
            },
            line(p(42.0, 88.0), p(110.0, 92.0)),
            line(p(110.0, 92.0), p(140.0, 55.0)),
            line(p(140.0, 55.0), p(170.0, 98.0)),
            line(p(60.0, 88.0), p(90.0, 70.0)),
        ],
    }
}

pub(crate) const SAMPLE: &str = r#"# Moving well after spine surgery {.cover}

Your home exercise programme

Riverside Spine Clinic · Dr. Núñez & Dr. Müller

## Contents {.toc}

# Phase 1: the first two weeks {#phase-1}

These gentle exercises help you move safely while your back heals. Do them
slowly, breathe normally, and stop if anything hurts. Read the
[safety notes](#safety) before you start, and call the clinic on
[555 0100](tel:5550100) with any questions.[^pain]

### Ankle pumps {#ankle-pumps}

> [!NOTE]
> **Dose:** 10 times, every hour you are awake.

![Lying on your back with knees bent](figure:lying)

1. Lie on your back with your legs straight.
2. Point your toes away from you, then pull them back towards you.
3. Keep your knees straight and move only at the ankles.

### Knee bends {#knee-bends}

> [!NOTE]
> **Dose:** 10 times, 3 times a day.

1. Lie on your back.
2. Slowly slide one heel towards your bottom, bending the knee.
3. Slide it back down and repeat with the other leg.
   - Keep your *back flat* on the bed.
   - Move *slowly*: this is not a race.

### Walking {#walking}

> [!NOTE]
> **Dose:** 5 minutes, 4 times a day. Add a minute each day.

Walk on a flat surface, wearing shoes that hold your feet well. Walking is
the best exercise after spine surgery: it keeps your blood flowing and your
muscles strong.

> [!TIP]
> Walk with someone the first few times, and plan a place to sit halfway.

## Safety {#safety}

> [!CAUTION]
> Stop and call the clinic straight away if you have new numbness, weakness
> in your legs, or trouble controlling your bladder or bowels.

| When | What to do | How often |
|---|---|---|
| Morning | Ankle pumps, knee bends | Once |
| Afternoon | Walking | Twice |
| Evening | Ankle pumps | Once |

## My checklist

- [x] I have read the safety notes.
- [ ] I did my exercises today.
- [ ] I walked four times today.

## Words from our patients

Café con leche, piñata, über. Ελληνικά: Άσκηση διάτασης. Русский: Упражнение
для спины. More at <https://example.org/spine>.

[^pain]: Some soreness is normal. Sharp pain is not: stop and rest.
"#;

/// A real 30 × 20 pixel JPEG (baseline, 4:2:0, 391 bytes, made with
/// ImageMagick): teal with an orange top-left quarter.
pub(crate) const TINY_JPEG: &[u8] = include_bytes!("tiny-30x20.jpg");

/// A tiny valid PNG (8-bit RGB, stored deflate blocks), for figure tests.
pub(crate) fn tiny_png(w: u32, h: u32, rgb: [u8; 3]) -> Vec<u8> {
    fn crc32(data: &[u8]) -> u32 {
        let mut c = 0xFFFF_FFFFu32;
        for b in data {
            c ^= u32::from(*b);
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        out.extend(&body);
        out.extend(crc32(&body).to_be_bytes());
    }
    // Each row: filter byte 0 (none), then the pixels.
    let row: Vec<u8> = std::iter::once(0).chain((0..w).flat_map(|_| rgb)).collect();
    let raw: Vec<u8> = (0..h).flat_map(|_| row.iter().copied()).collect();
    let (mut a, mut b) = (1u32, 0u32);
    for x in &raw {
        a = (a + u32::from(*x)) % 65521;
        b = (b + a) % 65521;
    }
    let mut z = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65535).collect();
    for (i, block) in blocks.iter().enumerate() {
        z.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        z.extend(len.to_le_bytes());
        z.extend((!len).to_le_bytes());
        z.extend(*block);
    }
    z.extend(((b << 16) | a).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &z);
    chunk(&mut out, b"IEND", &[]);
    out
}
