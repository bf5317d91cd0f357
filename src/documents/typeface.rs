//! The bundled typeface (DejaVu Sans, regular and bold; licence in
//! `assets/fonts/LICENSE-DejaVu.txt`). Parsed once per process; text widths
//! come from the font's own advance widths, so right-aligned columns line up.

use std::sync::OnceLock;

use printpdf::ParsedFont;

use super::DocumentError;

const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Millimetres per PostScript point.
pub(crate) const MM_PER_PT: f32 = 25.4 / 72.0;

/// Regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

/// One parsed face plus a width table for the common characters.
pub(crate) struct Face {
    pub(crate) parsed: ParsedFont,
    units_per_em: f32,
    /// Advance widths (font units) of U+0000..U+0180; other characters are looked up.
    latin: Vec<u16>,
}

impl Face {
    fn parse(bytes: &[u8], name: &str) -> Result<Face, String> {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings)
            .ok_or_else(|| format!("cannot parse bundled font {name}: {warnings:?}"))?;
        let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
        let latin = (0u32..0x180)
            .map(|cp| advance_of(&parsed, cp))
            .collect::<Vec<_>>();
        Ok(Face {
            parsed,
            units_per_em,
            latin,
        })
    }

    /// Width of `text` set at `size_pt`, in millimetres.
    pub(crate) fn width_mm(&self, text: &str, size_pt: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| {
                let cp = c as u32;
                let advance = match self.latin.get(cp as usize) {
                    Some(w) => *w,
                    None => advance_of(&self.parsed, cp),
                };
                u32::from(advance)
            })
            .sum();
        units as f32 / self.units_per_em * size_pt * MM_PER_PT
    }
}

fn advance_of(font: &ParsedFont, codepoint: u32) -> u16 {
    let gid = font.lookup_glyph_index(codepoint).unwrap_or(0);
    font.get_horizontal_advance(gid)
}

/// The regular and bold faces.
pub(crate) struct Typeface {
    pub(crate) regular: Face,
    pub(crate) bold: Face,
}

impl Typeface {
    pub(crate) fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}

static TYPEFACE: OnceLock<Result<Typeface, String>> = OnceLock::new();

/// The bundled typeface, parsed on first use.
pub(crate) fn typeface() -> Result<&'static Typeface, DocumentError> {
    let loaded = TYPEFACE.get_or_init(|| {
        Ok(Typeface {
            regular: Face::parse(REGULAR_TTF, "DejaVuSans")?,
            bold: Face::parse(BOLD_TTF, "DejaVuSans-Bold")?,
        })
    });
    loaded
        .as_ref()
        .map_err(|message| DocumentError::Font(message.clone()))
}

/// Cut `text` so that it fits `max_mm`, ending with "…" when cut.
pub(crate) fn fit(face: &Face, text: &str, size_pt: f32, max_mm: f32) -> String {
    if face.width_mm(text, size_pt) <= max_mm {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        out.push(c);
        if face.width_mm(&out, size_pt) + face.width_mm("…", size_pt) > max_mm {
            out.pop();
            break;
        }
    }
    out.push('…');
    out
}

/// Break `text` into lines no wider than `max_mm` (words longer than a line are cut).
pub(crate) fn wrap(face: &Face, text: &str, size_pt: f32, max_mm: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut current = String::new();
        // No-break spaces (inside "1 234,50 €") never break a line.
        let breaks = |c: char| c.is_whitespace() && c != '\u{A0}' && c != '\u{202F}';
        for word in paragraph.split(breaks).filter(|w| !w.is_empty()) {
            let candidate = if current.is_empty() {
                word.to_string()
            } else {
                format!("{current} {word}")
            };
            if face.width_mm(&candidate, size_pt) <= max_mm {
                current = candidate;
            } else {
                if !current.is_empty() {
                    lines.push(std::mem::take(&mut current));
                }
                current = fit(face, word, size_pt, max_mm);
            }
        }
        lines.push(current);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}
