//! Tests on laid-out pages: positions, page breaks and keep rules, without
//! reading PDF bytes (except the sample handout, written for inspection).

use super::*;
use crate::geom::{self, Segment, Shape as GShape, Stroke};

fn meta() -> DocMeta {
    DocMeta {
        title: "Exercises after spine surgery".into(),
        author: "Riverside Spine Clinic".into(),
        subject: "Home exercise programme".into(),
        language: "en-GB".into(),
        creation_date: 1_767_225_600,
    }
}

fn options<'a>() -> TypesetOptions<'a> {
    let mut o = TypesetOptions::new(meta());
    o.header_text = Some("Exercises after spine surgery".into());
    o.footer_left = Some("Clinic: 555 0100".into());
    o
}

/// A stick-figure drawing: a person lying with knees bent.
pub(crate) fn sample_drawing() -> geom::Drawing {
    let p = |x: f32, y: f32| Point::new(Pt(x), Pt(y));
    let line = |a: Point, b: Point| GShape {
        segments: vec![Segment::MoveTo(a), Segment::LineTo(b)],
        fill: None,
        stroke: Some(Stroke {
            color: colors::TEXT,
            width: Pt(4.0),
            style: geom::LineStyle::Round,
            dash: None,
        }),
    };
    geom::Drawing {
        size: Size::new(Pt(200.0), Pt(120.0)),
        shapes: vec![
            GShape {
                segments: GShape::rect(p(0.0, 100.0), Size::new(Pt(200.0), Pt(12.0))),
                fill: Some(colors::NOTE_TINT),
                stroke: None,
            },
            GShape {
                segments: GShape::circle(p(30.0, 80.0), Pt(12.0)),
                fill: Some(colors::ACCENT),
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

fn sample_options<'a>() -> TypesetOptions<'a> {
    let mut o = options();
    o.figures = &|id| (id == "lying").then(|| Figure::Drawing(sample_drawing()));
    o
}

#[test]
fn sample_handout_writes_a_pdf() {
    let opts = sample_options();
    let doc = typeset(SAMPLE, &opts);
    let bytes = crate::pdf::write_pdf(&doc).expect("the sample handout writes");
    assert!(bytes.starts_with(b"%PDF"));
    std::fs::write("/tmp/typeset-sample.pdf", &bytes).expect("writing /tmp/typeset-sample.pdf");
    let mut large = sample_options();
    large.body_size = Pt(18.0);
    let big = typeset(SAMPLE, &large);
    std::fs::write(
        "/tmp/typeset-sample-large.pdf",
        crate::pdf::write_pdf(&big).unwrap(),
    )
    .unwrap();
    assert!(big.pages.len() > doc.pages.len());
}
