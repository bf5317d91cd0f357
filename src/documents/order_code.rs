//! The order number as a scannable QR code.

use qrcode::{Color, EcLevel, QrCode};

use super::sheet::Sheet;
use super::DocumentError;

/// The dark modules of the QR code for `text`: (modules per side, row-major darkness).
pub(crate) fn qr_modules(text: &str) -> Result<(usize, Vec<bool>), DocumentError> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|e| DocumentError::Code(format!("QR code for {text:?}: {e}")))?;
    let width = code.width();
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Ok((width, dark))
}

/// Draw the QR code of `text` as a `size` mm square with its top-left at (x, y).
/// Horizontal runs of dark modules are drawn as one rectangle each.
pub(crate) fn draw_qr(
    sheet: &mut Sheet<'_>,
    x: f32,
    y: f32,
    size: f32,
    text: &str,
) -> Result<(), DocumentError> {
    let (width, dark) = qr_modules(text)?;
    let module = size / width as f32;
    for row in 0..width {
        let mut col = 0;
        while col < width {
            if dark[row * width + col] {
                let start = col;
                while col < width && dark[row * width + col] {
                    col += 1;
                }
                // A hair of overlap hides anti-aliasing seams between rows.
                sheet.fill(
                    x + start as f32 * module,
                    y + row as f32 * module,
                    (col - start) as f32 * module,
                    module + 0.02,
                    0.0,
                );
            } else {
                col += 1;
            }
        }
    }
    Ok(())
}
