//! Generated product pictures for the demo (no network): a square SVG per
//! product showing its packaging (a bag, bottle, box, jar, cake tin, shirt,
//! basket…, from its unit and category) in a colour of its brand, with the
//! product's name on the label.

use super::DemoProduct;
use std::{io, path::Path};

/// The background per category slug.
fn backdrop(category: &str) -> &'static str {
    match category {
        "sembako" => "#f4e9d8",
        "minuman" => "#dff1f7",
        "makanan-ringan" => "#fdeccf",
        "bumbu-dapur" => "#fbe1dc",
        "kebutuhan-rumah" => "#e4ecf7",
        "perawatan-diri" => "#efe4f6",
        "kue" => "#fde4ec",
        "makanan-olahan" => "#e8f3df",
        "kerajinan" => "#efe6da",
        _ => "#e9e3f3",
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A stable hue for the brand: the name's first three words (a product
/// line: "Air Mineral Aqua", "Sampo Emeron Anti"), so sizes of one line
/// share a colour and brands differ.
fn brand_hue(name: &str) -> u32 {
    let brand: String = name.split_whitespace().take(3).collect();
    brand.bytes().fold(2166136261u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(16777619)
    }) % 360
}

/// What the goods come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Bag,
    Sack,
    Bottle,
    Box,
    Jar,
    Cake,
    Shirt,
    Cloth,
    Basket,
    Produce,
    Item,
}

fn shape_of(p: &DemoProduct) -> Shape {
    match (p.category, p.unit) {
        ("batik", "lembar") => Shape::Cloth,
        ("batik", _) => Shape::Shirt,
        ("kerajinan", _) => Shape::Basket,
        (_, "karung") => Shape::Sack,
        (_, "botol" | "galon") => Shape::Bottle,
        (_, "kotak" | "dus" | "pak" | "besek" | "tray" | "porsi") => Shape::Box,
        (_, "kaleng" | "toples" | "tube") => Shape::Jar,
        (_, "loyang") => Shape::Cake,
        (_, "kg") => Shape::Produce,
        (_, "bungkus" | "pouch" | "sachet" | "renceng") => Shape::Bag,
        _ => Shape::Item,
    }
}

/// The packaging, drawn in `main` (the brand's colour) with `dark` lines;
/// returns the SVG and the label's box (x, y, width, height).
fn packaging(shape: Shape, main: &str, dark: &str) -> (String, (u32, u32, u32, u32)) {
    match shape {
        Shape::Bag => (
            format!(
                r##"<path d="M110 70h180l14 24-6 236H102l-6-236z" fill="{main}"/><path d="M110 70h180v22H110z" fill="{dark}"/><path d="M118 70v22M134 70v22M150 70v22M166 70v22M182 70v22M198 70v22M214 70v22M230 70v22M246 70v22M262 70v22M278 70v22" stroke="#fff" stroke-opacity=".35" stroke-width="3"/>"##
            ),
            (112, 150, 176, 120),
        ),
        Shape::Sack => (
            format!(
                r##"<path d="M96 92q104-40 208 0l12 230q-116 30-232 0z" fill="{main}"/><path d="M120 80q80-26 160 0l-8 18q-72-20-144 0z" fill="{dark}"/>"##
            ),
            (110, 150, 180, 120),
        ),
        Shape::Bottle => (
            format!(
                r##"<rect x="172" y="40" width="56" height="30" rx="6" fill="{dark}"/><path d="M180 70h40v34q62 22 62 72v150q0 14-14 14H132q-14 0-14-14V176q0-50 62-72z" fill="{main}"/><path d="M140 132q10-14 26-20" stroke="#fff" stroke-opacity=".5" stroke-width="8" fill="none" stroke-linecap="round"/>"##
            ),
            (110, 182, 180, 124),
        ),
        Shape::Box => (
            format!(
                r##"<path d="M90 120l40-40h200l-40 40z" fill="{dark}"/><path d="M290 120l40-40v210l-40 40z" fill="{dark}" opacity=".8"/><rect x="90" y="120" width="200" height="210" fill="{main}"/>"##
            ),
            (100, 160, 180, 120),
        ),
        Shape::Jar => (
            format!(
                r##"<rect x="118" y="70" width="164" height="40" rx="10" fill="{dark}"/><rect x="104" y="104" width="192" height="230" rx="24" fill="{main}"/>"##
            ),
            (112, 158, 176, 120),
        ),
        Shape::Cake => (
            format!(
                r##"<ellipse cx="200" cy="300" rx="150" ry="34" fill="{dark}" opacity=".35"/><path d="M70 170h260v120H70z" fill="{main}"/><path d="M70 170q130-60 260 0" fill="{dark}"/><path d="M70 210h260M70 250h260" stroke="#fff" stroke-opacity=".45" stroke-width="6"/>"##
            ),
            (90, 300, 220, 80),
        ),
        Shape::Shirt => (
            format!(
                r##"<path d="M150 60l-90 40 24 70 36-14v184h160V156l36 14 24-70-90-40q-50 34-100 0z" fill="{main}"/><path d="M120 120h160M120 180h160M120 240h160" stroke="{dark}" stroke-width="10" stroke-dasharray="14 12"/>"##
            ),
            (104, 236, 192, 128),
        ),
        Shape::Cloth => (
            format!(
                r##"<rect x="70" y="70" width="260" height="170" rx="6" fill="{main}"/><path d="M70 110q65-40 130 0t130 0M70 160q65-40 130 0t130 0M70 210q65-40 130 0t130 0" stroke="{dark}" stroke-width="8" fill="none"/><rect x="70" y="236" width="260" height="34" fill="{dark}"/>"##
            ),
            (82, 276, 236, 90),
        ),
        Shape::Basket => (
            format!(
                r##"<path d="M130 120q70-90 140 0" stroke="{dark}" stroke-width="14" fill="none"/><path d="M80 130h240l-30 200H110z" fill="{main}"/><path d="M92 170h216M98 210h204M104 250h192M108 290h184" stroke="{dark}" stroke-width="6" opacity=".6"/>"##
            ),
            (110, 176, 180, 110),
        ),
        Shape::Produce => (
            format!(
                r##"<ellipse cx="200" cy="300" rx="160" ry="40" fill="{dark}"/><circle cx="150" cy="250" r="46" fill="{main}"/><circle cx="250" cy="250" r="46" fill="{main}"/><circle cx="200" cy="200" r="50" fill="{main}"/><circle cx="200" cy="282" r="40" fill="{main}"/>"##
            ),
            (70, 28, 260, 124),
        ),
        Shape::Item => (
            format!(
                r##"<rect x="100" y="90" width="200" height="240" rx="30" fill="{main}"/><rect x="100" y="90" width="200" height="44" rx="20" fill="{dark}"/>"##
            ),
            (110, 160, 180, 120),
        ),
    }
}

/// `name` broken into lines of at most `width` characters (a longer word
/// gets a line of its own), at most `max` lines, the last ending in "…"
/// when cut.
fn wrap(name: &str, width: usize, max: usize) -> Vec<String> {
    // A size stays whole: "165 g", not "165" and "g" on two lines.
    let mut words: Vec<String> = Vec::new();
    for word in name.split_whitespace() {
        match words.last_mut() {
            Some(prev)
                if word.len() <= 2
                    && word.chars().all(char::is_alphabetic)
                    && prev.ends_with(|c: char| c.is_ascii_digit()) =>
            {
                prev.push(' ');
                prev.push_str(word);
            }
            _ => words.push(word.to_string()),
        }
    }
    let mut lines: Vec<String> = Vec::new();
    for word in words {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(&word);
            }
            _ => lines.push(word),
        }
    }
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            last.push('…');
        }
    }
    lines
}

/// The SVG picture of a demo product (400×400).
pub fn photo_svg(p: &DemoProduct) -> String {
    let hue = brand_hue(&p.name);
    let main = format!("hsl({hue} 62% 46%)");
    let dark = format!("hsl({hue} 60% 30%)");
    let (art, (x, y, w, h)) = packaging(shape_of(p), &main, &dark);
    // Big enough to read on a 160-px card: about 12 characters a line.
    let size = if w >= 220 { 30 } else { 28 };
    // A sans-serif letter is about 0.56 of the font size wide.
    let width = (w as usize * 100) / (56 * size as usize);
    let lines = wrap(
        &p.name,
        width.max(8),
        (h as usize - 8) / (size as usize + 4),
    );
    let first = y + (h - lines.len() as u32 * (size + 4)) / 2 + size;
    let mut text = String::new();
    for (i, line) in lines.iter().enumerate() {
        text.push_str(&format!(
            r##"<text x="{}" y="{}" font-size="{size}" font-weight="{}">{}</text>"##,
            x + w / 2,
            first + i as u32 * (size + 4),
            if i == 0 { 700 } else { 400 },
            xml_escape(line)
        ));
    }
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400"><rect width="400" height="400" fill="{}"/>{art}<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="10" fill="#fff" fill-opacity=".94"/><g font-family="sans-serif" text-anchor="middle" fill="#222">{text}</g></svg>"##,
        backdrop(p.category)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_wrap_onto_the_label() {
        assert_eq!(
            wrap("Kopi Bubuk Kapal Api 165 g", 14, 3),
            vec!["Kopi Bubuk", "Kapal Api", "165 g"]
        );
        assert_eq!(wrap("a b c d e f", 1, 2), vec!["a", "b…"]);
    }

    #[test]
    fn picture_names_the_product_escaped() {
        let p = DemoProduct {
            id: 1,
            shop_id: 1,
            category: "sembako",
            slug: "x".into(),
            name: "Sarden <b> & Co".into(),
            description: String::new(),
            price: 1,
            stock: 1,
            unit: "kaleng",
            weight_grams: 1,
            created_at: chrono::Utc::now(),
        };
        let svg = photo_svg(&p);
        assert!(svg.contains("&lt;b&gt;") && svg.contains("&amp;"), "{svg}");
        assert!(!svg.contains("<b>"));
        assert_eq!(shape_of(&p), Shape::Jar);
    }
}
