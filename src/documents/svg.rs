//! A drawn sheet as SVG, for on-screen previews: the same marks the PDF
//! gets, in the same millimetre coordinates. Every text run carries the
//! width the layout measured for it (`textLength`), so the screen shows the
//! page as the PDF lays it out even where its font differs.

use std::fmt::Write;

use super::model::ShopLogo;
use super::sheet::{Mark, Sheet};
use super::typeface::Weight;
use super::DocumentError;

/// Points to millimetres.
const PT_MM: f32 = 25.4 / 72.0;

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn grey(value: f32) -> String {
    let v = (value.clamp(0.0, 1.0) * 255.0).round() as u8;
    format!("rgb({v},{v},{v})")
}

impl Sheet<'_> {
    /// The sheet as an SVG document `width` × `height` mm; `logo` is the
    /// image its image marks show (the shop logo, the one image documents draw).
    pub(crate) fn into_svg(
        self,
        width: f32,
        height: f32,
        logo: Option<&ShopLogo>,
    ) -> Result<String, DocumentError> {
        let logo_href = match logo {
            Some(l) => {
                use base64::Engine;
                let png = l.to_png()?;
                Some(format!(
                    "data:image/png;base64,{}",
                    base64::engine::general_purpose::STANDARD.encode(png)
                ))
            }
            None => None,
        };
        let mut out = String::new();
        let _ = write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.2} {height:.2}\" \
             width=\"{width:.2}mm\" height=\"{height:.2}mm\" \
             font-family=\"DejaVu Sans, Verdana, sans-serif\">\
             <rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
        );
        for mark in &self.marks {
            match mark {
                Mark::Text {
                    x,
                    baseline,
                    size,
                    weight,
                    text,
                } => {
                    let length = self.width(text, *size, *weight);
                    let bold = if *weight == Weight::Bold {
                        " font-weight=\"bold\""
                    } else {
                        ""
                    };
                    let _ = write!(
                        out,
                        "<text x=\"{x:.2}\" y=\"{baseline:.2}\" font-size=\"{:.2}\"{bold} \
                         textLength=\"{length:.2}\" lengthAdjust=\"spacingAndGlyphs\" \
                         xml:space=\"preserve\">{}</text>",
                        size * PT_MM,
                        escape(text)
                    );
                }
                Mark::Rule {
                    x1,
                    y1,
                    x2,
                    y2,
                    width_pt,
                    grey: g,
                } => {
                    let _ = write!(
                        out,
                        "<line x1=\"{x1:.2}\" y1=\"{y1:.2}\" x2=\"{x2:.2}\" y2=\"{y2:.2}\" \
                         stroke=\"{}\" stroke-width=\"{:.3}\"/>",
                        grey(*g),
                        width_pt * PT_MM
                    );
                }
                Mark::Box {
                    x,
                    y,
                    w,
                    h,
                    grey: g,
                    fill,
                } => {
                    let paint = if *fill {
                        format!("fill=\"{}\"", grey(*g))
                    } else {
                        format!(
                            "fill=\"none\" stroke=\"{}\" stroke-width=\"{:.3}\"",
                            grey(*g),
                            0.6 * PT_MM
                        )
                    };
                    let _ = write!(
                        out,
                        "<rect x=\"{x:.2}\" y=\"{y:.2}\" width=\"{w:.2}\" height=\"{h:.2}\" {paint}/>"
                    );
                }
                Mark::Image { x, y, h, dpi, .. } => {
                    let (Some(href), Some(l)) = (&logo_href, logo) else {
                        continue;
                    };
                    // As the PDF places it: scaled by `dpi`, its bottom at y + h.
                    let w = l.width_px as f32 / dpi * 25.4;
                    let drawn = l.height_px as f32 / dpi * 25.4;
                    let top = y + h - drawn;
                    let _ = write!(
                        out,
                        "<image x=\"{x:.2}\" y=\"{top:.2}\" width=\"{w:.2}\" height=\"{drawn:.2}\" \
                         preserveAspectRatio=\"none\" href=\"{href}\"/>"
                    );
                }
            }
        }
        out.push_str("</svg>");
        Ok(out)
    }
}
