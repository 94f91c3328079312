//! Names of the hashed build outputs (`hash-files = true`), read once at start.

use leptos::prelude::LeptosOptions;
use std::path::PathBuf;

/// Where leptos looks for the hash file `name`: next to the running binary.
pub fn hash_file_path(name: &str) -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.join(name))
}

/// Public URLs of the stylesheet, script and wasm of this build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetNames {
    pub css: String,
    pub js: String,
    pub wasm: String,
}

impl AssetNames {
    /// Reads `hash.txt` (written by cargo-leptos next to the binary) when
    /// hashing is on; otherwise the plain names.
    pub fn load(options: &LeptosOptions) -> AssetNames {
        let hashes = if options.hash_files {
            hash_file_path(&options.hash_file)
                .and_then(|path| std::fs::read_to_string(path).ok())
                .unwrap_or_default()
        } else {
            String::new()
        };
        Self::from_hash_file(options, &hashes)
    }

    /// Builds the names from the contents of a hash file (`css: <hash>` lines).
    pub fn from_hash_file(options: &LeptosOptions, hashes: &str) -> AssetNames {
        let find = |kind: &str| {
            hashes.lines().find_map(|l| {
                let (k, v) = l.split_once(':')?;
                (k.trim() == kind).then(|| format!(".{}", v.trim()))
            })
        };
        let base = format!("/{}/{}", options.site_pkg_dir, options.output_name);
        AssetNames {
            css: format!("{base}{}.css", find("css").unwrap_or_default()),
            js: format!("{base}{}.js", find("js").unwrap_or_default()),
            // cargo-leptos names the hashed wasm `<name>.<hash>.wasm`, the plain one `<name>_bg.wasm`.
            wasm: match find("wasm") {
                Some(hash) => format!("{base}{hash}.wasm"),
                None => format!("{base}_bg.wasm"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_come_from_the_hash_file() {
        let options = LeptosOptions::builder().output_name("peken").build();
        let names = AssetNames::from_hash_file(&options, "js: abc\nwasm: def\ncss: 123\n");
        assert_eq!(names.css, "/pkg/peken.123.css");
        assert_eq!(names.js, "/pkg/peken.abc.js");
        assert_eq!(names.wasm, "/pkg/peken.def.wasm");
        let plain = AssetNames::from_hash_file(&options, "");
        assert_eq!(plain.css, "/pkg/peken.css");
        assert_eq!(plain.wasm, "/pkg/peken_bg.wasm");
    }
}
