//! Shop logos from PNG files (the format a shop owner has), flattened onto
//! white paper as 8-bit RGB; and back to PNG for on-screen previews.

use std::io::Cursor;

use super::model::ShopLogo;
use super::DocumentError;

/// The largest logo accepted, in pixels per side.
const MAX_SIDE: u32 = 2000;

fn invalid(message: impl std::fmt::Display) -> DocumentError {
    DocumentError::Invalid(format!("logo: {message}"))
}

/// `value` (0–255) with `alpha` over white.
fn over_white(value: u8, alpha: u8) -> u8 {
    let (v, a) = (u32::from(value), u32::from(alpha));
    ((v * a + 255 * (255 - a) + 127) / 255) as u8
}

impl ShopLogo {
    /// Decode a PNG (any colour type and depth; transparency over white).
    pub fn from_png(bytes: &[u8]) -> Result<ShopLogo, DocumentError> {
        if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Err(invalid("not a PNG image"));
        }
        let mut decoder = png::Decoder::new(Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
        let mut reader = decoder.read_info().map_err(invalid)?;
        let (width, height) = reader.info().size();
        if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
            return Err(invalid("the image must be 1 to 2000 pixels per side"));
        }
        let size = reader
            .output_buffer_size()
            .ok_or_else(|| invalid("too large"))?;
        let mut buf = vec![0; size];
        let frame = reader.next_frame(&mut buf).map_err(invalid)?;
        let data = &buf[..frame.buffer_size()];
        let (color, _) = reader.output_color_type();
        let pixels = width as usize * height as usize;
        let mut rgb8 = Vec::with_capacity(pixels * 3);
        match color {
            png::ColorType::Rgb => rgb8.extend_from_slice(data),
            png::ColorType::Rgba => {
                for p in data.chunks_exact(4) {
                    rgb8.extend(p[..3].iter().map(|&v| over_white(v, p[3])));
                }
            }
            png::ColorType::Grayscale => {
                for &v in data {
                    rgb8.extend([v, v, v]);
                }
            }
            png::ColorType::GrayscaleAlpha => {
                for p in data.chunks_exact(2) {
                    let v = over_white(p[0], p[1]);
                    rgb8.extend([v, v, v]);
                }
            }
            png::ColorType::Indexed => return Err(invalid("unexpected palette output")),
        }
        if rgb8.len() != pixels * 3 {
            return Err(invalid("the image data is truncated"));
        }
        Ok(ShopLogo {
            width_px: width,
            height_px: height,
            rgb8,
        })
    }

    /// The pixels as an 8-bit RGB PNG.
    pub fn to_png(&self) -> Result<Vec<u8>, DocumentError> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, self.width_px, self.height_px);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(invalid)?;
        writer.write_image_data(&self.rgb8).map_err(invalid)?;
        writer.finish().map_err(invalid)?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_round_trip_and_transparency_over_white() {
        let logo = ShopLogo {
            width_px: 2,
            height_px: 1,
            rgb8: vec![255, 0, 0, 0, 0, 255],
        };
        let png = logo.to_png().expect("encode");
        assert_eq!(ShopLogo::from_png(&png).expect("decode"), logo);
        assert!(ShopLogo::from_png(b"P6 2 1 255\n").is_err());
        assert_eq!(over_white(0, 0), 255);
        assert_eq!(over_white(0, 255), 0);
    }
}
