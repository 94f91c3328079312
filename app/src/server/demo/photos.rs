//! Generated product pictures for the demo (no network): a square SVG per
//! product in its category's colours, with the product's initials.

use super::DemoProduct;
use std::{io, path::Path};

/// (background, accent) per category slug.
fn palette(category: &str) -> (&'static str, &'static str) {
    match category {
        "sembako" => ("#f4e9d8", "#a0642c"),
        "minuman" => ("#dff1f7", "#1f7a99"),
        "makanan-ringan" => ("#fdeccf", "#c7711a"),
        "bumbu-dapur" => ("#fbe1dc", "#b23a26"),
        "kebutuhan-rumah" => ("#e4ecf7", "#3b5f99"),
        "perawatan-diri" => ("#efe4f6", "#7a4a99"),
        "kue" => ("#fde4ec", "#b8406b"),
        "makanan-olahan" => ("#e8f3df", "#4d8a2a"),
        "kerajinan" => ("#efe6da", "#7a5a32"),
        _ => ("#e9e3f3", "#4b3a7a"),
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The SVG picture of a demo product (400×400).
pub fn photo_svg(p: &DemoProduct) -> String {
    let (bg, accent) = palette(p.category);
    let initials: String = p
        .name
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .take(2)
        .filter_map(|w| w.chars().next())
        .collect::<String>()
        .to_uppercase();
    let label: String = p.name.chars().take(28).collect();
    let r = 70 + (p.id % 5) * 8;
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400"><rect width="400" height="400" fill="{bg}"/><circle cx="200" cy="175" r="{r}" fill="{accent}" opacity="0.9"/><text x="200" y="198" font-family="sans-serif" font-size="64" font-weight="700" text-anchor="middle" fill="#fff">{}</text><text x="200" y="330" font-family="sans-serif" font-size="22" text-anchor="middle" fill="{accent}">{}</text></svg>"##,
        xml_escape(&initials),
        xml_escape(&label)
    )
}

/// The stored path (under the media directory) of a demo product's picture.
pub fn photo_path(product_id: i64) -> String {
    format!("demo/p{product_id}.svg")
}

/// Writes every product's picture under `media_dir`.
pub fn write_photos(products: &[DemoProduct], media_dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(media_dir.join("demo"))?;
    for p in products {
        std::fs::write(media_dir.join(photo_path(p.id)), photo_svg(p))?;
    }
    Ok(())
}
