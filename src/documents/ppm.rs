//! Shop logos from binary PPM (P6) files: the one image format read without
//! an image library (`pngtopnm logo.png > logo.ppm` converts a PNG).

use super::model::ShopLogo;
use super::DocumentError;

/// The largest logo accepted, in pixels per side.
const MAX_SIDE: u32 = 2000;

fn invalid(message: &str) -> DocumentError {
    DocumentError::Invalid(format!("logo: {message}"))
}

impl ShopLogo {
    /// Decode a binary PPM (`P6`, 8-bit) image.
    pub fn from_ppm(bytes: &[u8]) -> Result<ShopLogo, DocumentError> {
        let mut pos = 0;
        let mut token = || -> Option<String> {
            loop {
                while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
                    pos += 1;
                }
                if pos < bytes.len() && bytes[pos] == b'#' {
                    while pos < bytes.len() && bytes[pos] != b'\n' {
                        pos += 1;
                    }
                    continue;
                }
                break;
            }
            let start = pos;
            while pos < bytes.len() && !bytes[pos].is_ascii_whitespace() {
                pos += 1;
            }
            (pos > start).then(|| String::from_utf8_lossy(&bytes[start..pos]).into_owned())
        };
        if token().as_deref() != Some("P6") {
            return Err(invalid("not a binary PPM (P6) image"));
        }
        let mut number = || token().and_then(|t| t.parse::<u32>().ok());
        let (Some(width), Some(height), Some(max)) = (number(), number(), number()) else {
            return Err(invalid("bad PPM header"));
        };
        if max != 255 {
            return Err(invalid("only 8-bit PPM images are supported"));
        }
        if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
            return Err(invalid("the image must be 1 to 2000 pixels per side"));
        }
        // Exactly one whitespace byte separates the header from the pixels.
        let data = bytes.get(pos + 1..).unwrap_or_default();
        let len = width as usize * height as usize * 3;
        if data.len() < len {
            return Err(invalid("the image data is truncated"));
        }
        Ok(ShopLogo {
            width_px: width,
            height_px: height,
            rgb8: data[..len].to_vec(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_a_small_ppm() {
        let mut file = b"P6\n# logo\n2 1\n255\n".to_vec();
        file.extend_from_slice(&[255, 0, 0, 0, 0, 255]);
        let logo = ShopLogo::from_ppm(&file).expect("ppm");
        assert_eq!((logo.width_px, logo.height_px), (2, 1));
        assert_eq!(logo.rgb8, [255, 0, 0, 0, 0, 255]);
        assert!(ShopLogo::from_ppm(b"\x89PNG").is_err());
        assert!(ShopLogo::from_ppm(b"P6 2 1 255\n\x00").is_err());
    }
}
