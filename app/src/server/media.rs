//! Photos merchants upload, shop and product alike, through one pipeline:
//! the type is read from the first bytes (never the file name), the image
//! is decoded with limits on its dimensions and memory (a small file that
//! claims to be 50,000 pixels wide is refused before any pixel is
//! allocated), its camera orientation is applied, and it is re-encoded
//! into three JPEG variants. Nothing the user sent is ever stored or
//! served as it came, so EXIF (GPS included) never leaves the server.
//!
//! Variants are stored through `object_store`: a local directory by
//! default (the media directory, served at `/media`), an S3-compatible
//! bucket when configured, so several instances share one set of files.

use image::{
    codecs::jpeg::JpegEncoder, imageops::FilterType, DynamicImage, ImageDecoder, ImageFormat,
    ImageReader, Limits,
};
use object_store::{path::Path as StorePath, ObjectStore, ObjectStoreExt, PutPayload};
use std::io::Cursor;
use std::sync::Arc;

/// The most bytes one upload may have (8 MB).
pub const MAX_UPLOAD_BYTES: usize = 8 * 1024 * 1024;
/// The largest width or height accepted (a 12,000 × 12,000 image would
/// already be 144 megapixels).
pub const MAX_SIDE: u32 = 12_000;
/// The most memory a decoder may allocate.
pub const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;
/// JPEG quality of the variants.
const QUALITY: u8 = 82;

/// The variants made of every photo: name and longest side in pixels.
pub const VARIANTS: [(&str, u32); 3] = [("large", 1280), ("card", 480), ("thumb", 160)];

/// Why a photo was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoError {
    /// More than [`MAX_UPLOAD_BYTES`].
    TooLarge,
    /// Not a JPEG, PNG or WebP by its first bytes.
    NotAnImage,
    /// Wider or taller than [`MAX_SIDE`], or would need too much memory.
    TooManyPixels,
    /// Says it is an image but does not decode (truncated, corrupt).
    Unreadable,
}

/// The type of an upload from its first bytes.
pub fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageFormat::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageFormat::Png)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(ImageFormat::WebP)
    } else {
        None
    }
}

/// One encoded variant.
#[derive(Debug, Clone)]
pub struct Variant {
    pub name: &'static str,
    pub width: u32,
    pub height: u32,
    pub jpeg: Vec<u8>,
}

/// Decodes `bytes` within the limits, applies orientation and encodes the
/// variants (largest first). CPU-bound: call it off the async runtime.
pub fn process(bytes: &[u8]) -> Result<Vec<Variant>, PhotoError> {
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(PhotoError::TooLarge);
    }
    let format = sniff(bytes).ok_or(PhotoError::NotAnImage)?;
    // The JPEG decoder fills a cut-off picture with grey rather than
    // failing: check that the image data reaches its end marker.
    if format == ImageFormat::Jpeg && !jpeg_complete(bytes) {
        return Err(PhotoError::Unreadable);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(classify)?;
    let orientation = decoder.orientation().map_err(classify)?;
    let mut img = DynamicImage::from_decoder(decoder).map_err(classify)?;
    img.apply_orientation(orientation);
    // JPEG has no transparency: flatten onto white, as a page would show it.
    let rgb = if img.color().has_alpha() {
        let rgba = img.to_rgba8();
        let mut out = image::RgbImage::new(rgba.width(), rgba.height());
        for (o, p) in out.pixels_mut().zip(rgba.pixels()) {
            let a = u16::from(p[3]);
            for c in 0..3 {
                o[c] = ((u16::from(p[c]) * a + 255 * (255 - a)) / 255) as u8;
            }
        }
        DynamicImage::ImageRgb8(out)
    } else {
        DynamicImage::ImageRgb8(img.to_rgb8())
    };
    let mut out = Vec::with_capacity(VARIANTS.len());
    // Each variant is made from the one before: resizing 12 megapixels
    // once, then small images, keeps a phone photo well under a second.
    let mut source = rgb;
    for (name, side) in VARIANTS {
        let img = if source.width().max(source.height()) > side {
            source.resize(side, side, FilterType::Triangle)
        } else {
            source.clone()
        };
        let mut jpeg = Vec::new();
        JpegEncoder::new_with_quality(&mut jpeg, QUALITY)
            .encode_image(&img)
            .map_err(|_| PhotoError::Unreadable)?;
        out.push(Variant {
            name,
            width: img.width(),
            height: img.height(),
            jpeg,
        });
        source = img;
    }
    Ok(out)
}

/// Whether a JPEG's image data reaches its end-of-image marker: the
/// segments before the scan are walked by their lengths (an EXIF
/// thumbnail's own end marker is inside one), then the scan data, where a
/// 0xFF byte is always followed by 0x00 or a restart marker, must meet
/// `FF D9`. Data after it (some phones append a video) is allowed.
fn jpeg_complete(b: &[u8]) -> bool {
    let mut i = 2;
    while i + 4 <= b.len() {
        if b[i] != 0xFF {
            return false;
        }
        let marker = b[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        if marker == 0xDA {
            return b[i..].windows(2).any(|w| w == [0xFF, 0xD9]);
        }
        let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
        i += 2 + len;
    }
    false
}

fn classify(e: image::ImageError) -> PhotoError {
    match e {
        image::ImageError::Limits(_) => PhotoError::TooManyPixels,
        _ => PhotoError::Unreadable,
    }
}

/// Where photo variants are kept.
#[derive(Clone)]
pub struct MediaStore {
    store: Arc<dyn ObjectStore>,
}

impl std::fmt::Debug for MediaStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MediaStore({})", self.store)
    }
}

/// Keys of uploads start here (demo pictures live beside them).
pub const UPLOAD_PREFIX: &str = "u";

impl MediaStore {
    /// Files under `dir` (created if missing).
    pub fn local(dir: &std::path::Path) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let fs = object_store::local::LocalFileSystem::new_with_prefix(dir)
            .map_err(std::io::Error::other)?;
        Ok(MediaStore {
            store: Arc::new(fs),
        })
    }

    /// An S3-compatible bucket, configured by the usual `AWS_*` variables
    /// (`AWS_ENDPOINT`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
    /// `AWS_REGION`, `AWS_ALLOW_HTTP`).
    pub fn s3(bucket: &str) -> Result<Self, String> {
        let s3 = object_store::aws::AmazonS3Builder::from_env()
            .with_bucket_name(bucket)
            .build()
            .map_err(|e| e.to_string())?;
        Ok(MediaStore {
            store: Arc::new(s3),
        })
    }

    /// Stores the variants under a fresh random key; returns the key of
    /// the "card" variant (what `product_photos.path` holds) and its size.
    pub async fn put_variants(&self, variants: &[Variant]) -> Result<(String, u32, u32), String> {
        use rand::RngCore;
        let mut id = [0u8; 12];
        rand::rngs::OsRng.fill_bytes(&mut id);
        let dir = format!("{UPLOAD_PREFIX}/{}", hex::encode(id));
        let mut card = None;
        for v in variants {
            let key = format!("{dir}/{}.jpg", v.name);
            self.store
                .put(
                    &StorePath::from(key.as_str()),
                    PutPayload::from(v.jpeg.clone()),
                )
                .await
                .map_err(|e| e.to_string())?;
            if v.name == "card" {
                card = Some((key, v.width, v.height));
            }
        }
        card.ok_or_else(|| "no card variant".to_string())
    }

    /// The bytes stored under `key`, if any.
    pub async fn get(&self, key: &str) -> Option<Vec<u8>> {
        let r = self.store.get(&StorePath::from(key)).await.ok()?;
        r.bytes().await.ok().map(|b| b.to_vec())
    }

    /// Removes every variant of the photo whose card key is `card_key`.
    pub async fn delete_variants(&self, card_key: &str) {
        if let Some(dir) = card_key.strip_suffix("/card.jpg") {
            for (name, _) in VARIANTS {
                let _ = self
                    .store
                    .delete(&StorePath::from(format!("{dir}/{name}.jpg").as_str()))
                    .await;
            }
        }
    }
}

/// Pictures for tests and benchmarks, made here (no files, no network).
pub mod samples {
    use image::{codecs::jpeg::JpegEncoder, ImageEncoder, RgbImage};

    /// A `w` × `h` photo-like JPEG (gradients and texture, so it does not
    /// compress to nothing).
    pub fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = RgbImage::from_fn(w, h, |x, y| {
            let n = (x.wrapping_mul(7919) ^ y.wrapping_mul(104_729)) % 32;
            image::Rgb([
                ((x * 255 / w.max(1)) as u8).wrapping_add(n as u8),
                ((y * 255 / h.max(1)) as u8).wrapping_add(n as u8),
                (((x + y) * 127 / (w + h).max(1)) as u8).wrapping_add(n as u8),
            ])
        });
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, 90)
            .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
            .expect("encodes");
        out
    }

    /// `jpeg` with an EXIF block that says "rotate 90° clockwise" and
    /// carries a GPS position, as phone cameras write it.
    pub fn jpeg_with_gps(w: u32, h: u32) -> Vec<u8> {
        let plain = jpeg(w, h);
        // TIFF, little endian: IFD0 with Orientation = 6 and a GPS IFD
        // pointer; the GPS IFD with GPSLatitudeRef = "S".
        let mut tiff: Vec<u8> = b"II*\0".to_vec();
        tiff.extend(8u32.to_le_bytes());
        tiff.extend(2u16.to_le_bytes());
        tiff.extend([0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]);
        tiff.extend([0x25, 0x88, 4, 0, 1, 0, 0, 0]);
        tiff.extend(38u32.to_le_bytes());
        tiff.extend(0u32.to_le_bytes());
        tiff.extend(1u16.to_le_bytes());
        tiff.extend([0x01, 0x00, 2, 0, 2, 0, 0, 0, b'S', 0, 0, 0]);
        tiff.extend(0u32.to_le_bytes());
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend(tiff);
        let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
        out.extend(((app1.len() + 2) as u16).to_be_bytes());
        out.extend(app1);
        out.extend(&plain[2..]);
        out
    }

    /// A PNG whose header claims `side` × `side` pixels, with almost no
    /// data: decoding it blindly would ask for side² × 3 bytes.
    pub fn png_bomb(side: u32) -> Vec<u8> {
        fn crc(data: &[u8]) -> u32 {
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
        fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
            out.extend((data.len() as u32).to_be_bytes());
            let mut body = kind.to_vec();
            body.extend(data);
            out.extend(&body);
            out.extend(crc(&body).to_be_bytes());
        }
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = side.to_be_bytes().to_vec();
        ihdr.extend(side.to_be_bytes());
        ihdr.extend([8, 2, 0, 0, 0]);
        chunk(&mut out, b"IHDR", &ihdr);
        // A tiny zlib stream (empty stored block).
        chunk(
            &mut out,
            b"IDAT",
            &[0x78, 0x01, 0x01, 0x00, 0x00, 0xFF, 0xFF, 0, 0, 0, 1],
        );
        chunk(&mut out, b"IEND", &[]);
        out
    }

    /// A small PNG with transparency.
    pub fn png(w: u32, h: u32) -> Vec<u8> {
        let img =
            image::RgbaImage::from_fn(w, h, |x, _| image::Rgba([200, 30, 30, (x * 255 / w) as u8]));
        let mut out = Vec::new();
        image::codecs::png::PngEncoder::new(&mut out)
            .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgba8)
            .expect("encodes");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(v: &Variant) -> image::DynamicImage {
        image::load_from_memory_with_format(&v.jpeg, ImageFormat::Jpeg).expect("a variant decodes")
    }

    #[test]
    fn a_phone_photo_becomes_three_sizes_that_decode() {
        let jpeg = samples::jpeg(4000, 3000);
        let v = process(&jpeg).expect("processed");
        let sizes: Vec<(&str, u32, u32)> = v.iter().map(|v| (v.name, v.width, v.height)).collect();
        assert_eq!(
            sizes,
            [
                ("large", 1280, 960),
                ("card", 480, 360),
                ("thumb", 160, 120)
            ]
        );
        for v in &v {
            let img = decode(v);
            assert_eq!((img.width(), img.height()), (v.width, v.height));
        }
    }

    #[test]
    fn orientation_is_applied_and_exif_with_gps_is_gone() {
        let jpeg = samples::jpeg_with_gps(400, 200);
        assert!(
            jpeg.windows(6).any(|w| w == b"Exif\0\0"),
            "the sample has EXIF"
        );
        let v = process(&jpeg).expect("processed");
        // Rotated a quarter turn: portrait now.
        assert_eq!((v[0].width, v[0].height), (200, 400));
        for v in &v {
            assert!(
                !v.jpeg.windows(4).any(|w| w == b"Exif"),
                "{} carries no EXIF",
                v.name
            );
        }
    }

    #[test]
    fn the_type_comes_from_the_bytes_not_the_name() {
        // A PNG (whatever it was called) is read as a PNG.
        let png = samples::png(64, 32);
        let v = process(&png).expect("a PNG is accepted");
        assert_eq!((v[0].width, v[0].height), (64, 32));
        // Text that calls itself a photo is not one.
        assert_eq!(
            process(b"<html><script>alert(1)</script></html>").unwrap_err(),
            PhotoError::NotAnImage
        );
        // A JPEG cut short does not decode.
        let jpeg = samples::jpeg(200, 200);
        assert_eq!(
            process(&jpeg[..jpeg.len() / 3]).unwrap_err(),
            PhotoError::Unreadable
        );
    }

    #[test]
    fn a_decompression_bomb_is_refused_before_decoding() {
        let bomb = samples::png_bomb(50_000);
        assert!(bomb.len() < 200);
        assert_eq!(process(&bomb).unwrap_err(), PhotoError::TooManyPixels);
    }

    #[test]
    fn more_than_eight_megabytes_is_refused() {
        let mut big = samples::jpeg(16, 16);
        big.resize(MAX_UPLOAD_BYTES + 1, 0);
        assert_eq!(process(&big).unwrap_err(), PhotoError::TooLarge);
    }
}
