//! A sheet of paper being drawn on, in millimetres measured from the TOP-left
//! corner (how layouts think), turned into printpdf operations (which measure
//! from the bottom-left) once the page height is known.

use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Mm, Op, PaintMode, PdfFontHandle, Point, Polygon,
    PolygonRing, Pt, TextItem, TextMatrix, WindingOrder, XObjectId, XObjectTransform,
};

use super::typeface::{Typeface, Weight};

/// Horizontal alignment of a text run relative to its x.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
    Center,
}

#[derive(Debug, Clone)]
pub(super) enum Mark {
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        weight: Weight,
        text: String,
    },
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width_pt: f32,
        grey: f32,
    },
    Box {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        grey: f32,
        fill: bool,
    },
    Image {
        id: XObjectId,
        x: f32,
        y: f32,
        h: f32,
        dpi: f32,
    },
}

/// The font resources of the document being rendered.
#[derive(Debug, Clone)]
pub(crate) struct FontIds {
    pub(crate) regular: FontId,
    pub(crate) bold: FontId,
}

/// Marks on one page.
pub(crate) struct Sheet<'a> {
    pub(crate) typeface: &'a Typeface,
    pub(super) marks: Vec<Mark>,
}

impl<'a> Sheet<'a> {
    pub(crate) fn new(typeface: &'a Typeface) -> Self {
        Sheet {
            typeface,
            marks: Vec::with_capacity(256),
        }
    }

    /// Width in mm of `text` at `size` points.
    pub(crate) fn width(&self, text: &str, size: f32, weight: Weight) -> f32 {
        self.typeface.face(weight).width_mm(text, size)
    }

    /// Text whose baseline is at `baseline` mm from the top.
    pub(crate) fn text(
        &mut self,
        x: f32,
        baseline: f32,
        size: f32,
        weight: Weight,
        align: Align,
        text: &str,
    ) {
        if text.is_empty() {
            return;
        }
        let x = match align {
            Align::Left => x,
            Align::Right => x - self.width(text, size, weight),
            Align::Center => x - self.width(text, size, weight) / 2.0,
        };
        self.marks.push(Mark::Text {
            x,
            baseline,
            size,
            weight,
            text: text.to_string(),
        });
    }

    /// A straight line; `grey` 0.0 is black, 1.0 white.
    pub(crate) fn rule(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width_pt: f32, grey: f32) {
        self.marks.push(Mark::Rule {
            x1,
            y1,
            x2,
            y2,
            width_pt,
            grey,
        });
    }

    /// A filled rectangle with its top-left corner at (x, y).
    pub(crate) fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, grey: f32) {
        self.marks.push(Mark::Box {
            x,
            y,
            w,
            h,
            grey,
            fill: true,
        });
    }

    /// An outlined rectangle with its top-left corner at (x, y).
    pub(crate) fn outline(&mut self, x: f32, y: f32, w: f32, h: f32, grey: f32) {
        self.marks.push(Mark::Box {
            x,
            y,
            w,
            h,
            grey,
            fill: false,
        });
    }

    /// An image XObject scaled to `w` mm wide (height follows `h`, used for layout only).
    pub(crate) fn image(&mut self, id: XObjectId, x: f32, y: f32, w: f32, h: f32, width_px: u32) {
        let dpi = width_px as f32 / (w / 25.4);
        self.marks.push(Mark::Image { id, x, y, h, dpi });
    }

    /// The printpdf operations for a page `page_height` mm tall.
    pub(crate) fn into_ops(self, page_height: f32, fonts: &FontIds) -> Vec<Op> {
        let mut ops = Vec::with_capacity(self.marks.len() * 4 + 8);
        let flip = |y: f32| Pt::from(Mm(page_height - y));
        let mut current_grey = GreyState::default();
        for mark in self.marks {
            match mark {
                Mark::Text {
                    x,
                    baseline,
                    size,
                    weight,
                    text,
                } => {
                    let font = match weight {
                        Weight::Regular => fonts.regular.clone(),
                        Weight::Bold => fonts.bold.clone(),
                    };
                    set_grey(&mut ops, &mut current_grey, true, 0.0);
                    ops.push(Op::StartTextSection);
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(font),
                        size: Pt(size),
                    });
                    ops.push(Op::SetTextMatrix {
                        matrix: TextMatrix::Translate(Pt::from(Mm(x)), flip(baseline)),
                    });
                    ops.push(Op::ShowText {
                        items: vec![TextItem::Text(text)],
                    });
                    ops.push(Op::EndTextSection);
                }
                Mark::Rule {
                    x1,
                    y1,
                    x2,
                    y2,
                    width_pt,
                    grey,
                } => {
                    set_grey(&mut ops, &mut current_grey, false, grey);
                    ops.push(Op::SetOutlineThickness { pt: Pt(width_pt) });
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: vec![point(x1, flip(y1)), point(x2, flip(y2))],
                            is_closed: false,
                        },
                    });
                }
                Mark::Box {
                    x,
                    y,
                    w,
                    h,
                    grey,
                    fill,
                } => {
                    set_grey(&mut ops, &mut current_grey, fill, grey);
                    if !fill {
                        ops.push(Op::SetOutlineThickness { pt: Pt(0.6) });
                    }
                    let ring = vec![
                        point(x, flip(y)),
                        point(x + w, flip(y)),
                        point(x + w, flip(y + h)),
                        point(x, flip(y + h)),
                    ];
                    ops.push(Op::DrawPolygon {
                        polygon: Polygon {
                            rings: vec![PolygonRing { points: ring }],
                            mode: if fill {
                                PaintMode::Fill
                            } else {
                                PaintMode::Stroke
                            },
                            winding_order: WindingOrder::NonZero,
                        },
                    });
                }
                Mark::Image { id, x, y, h, dpi } => {
                    ops.push(Op::UseXobject {
                        id,
                        transform: XObjectTransform {
                            translate_x: Some(Pt::from(Mm(x))),
                            translate_y: Some(flip(y + h)),
                            dpi: Some(dpi),
                            ..Default::default()
                        },
                    });
                }
            }
        }
        ops
    }
}

fn point(x: f32, y: Pt) -> LinePoint {
    LinePoint {
        p: Point {
            x: Pt::from(Mm(x)),
            y,
        },
        bezier: false,
    }
}

/// The fill and stroke greys currently set in the content stream.
#[derive(Default)]
struct GreyState {
    fill: Option<u32>,
    stroke: Option<u32>,
}

/// Set the fill (text, boxes) or stroke (rules) grey, skipping repeats.
fn set_grey(ops: &mut Vec<Op>, current: &mut GreyState, fill: bool, grey: f32) {
    let slot = if fill {
        &mut current.fill
    } else {
        &mut current.stroke
    };
    if *slot == Some(grey.to_bits()) {
        return;
    }
    *slot = Some(grey.to_bits());
    let col = Color::Greyscale(Greyscale::new(grey, None));
    if fill {
        ops.push(Op::SetFillColor { col });
    } else {
        ops.push(Op::SetOutlineColor { col });
    }
}
