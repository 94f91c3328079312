//! Response security policy shared by the pages and the HTTP layer.

/// The policy for HTML pages: scripts only from this origin or carrying the
/// response's nonce; WebAssembly compiled from our own files; no framing,
/// no plugins, forms only to this origin.
pub fn page_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// The policy for a page served from the page cache: the same, with the
/// page's inline scripts allowed by their SHA-256 instead of a nonce (a
/// nonce shared by many responses would be no secret).
pub fn page_csp_hashed(html: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    let hashes: String = inline_scripts(html)
        .map(|body| {
            let digest = sha2::Sha256::digest(body.as_bytes());
            format!(
                " 'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    page_csp("").replace(" 'nonce-'", &hashes)
}

/// The text of each `<script>` without `src` in `html`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    let mut rest = html;
    std::iter::from_fn(move || loop {
        let open = rest.find("<script")?;
        let tag_end = open + rest[open..].find('>')?;
        let tag = &rest[open..tag_end];
        let body_start = tag_end + 1;
        let body_end = body_start + rest[body_start..].find("</script>")?;
        let body = &rest[body_start..body_end];
        rest = &rest[body_end..];
        if !tag.contains(" src=") {
            return Some(body);
        }
    })
}

/// The policy for everything else that has no policy of its own (JSON,
/// plain-text errors, static files).
pub const DEFAULT_CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

#[cfg(test)]
mod tests {
    #[test]
    fn cached_pages_allow_their_inline_scripts_by_hash_only() {
        let html = r#"<head><script src="/sw-register.js" defer></script><script type="module">import('/pkg/a.js')</script></head><body><script>x()</script></body>"#;
        let csp = super::page_csp_hashed(html);
        // echo -n "import('/pkg/a.js')" | openssl dgst -sha256 -binary | base64
        assert!(
            csp.contains("'sha256-Vzd8GPjdy+CjFUqqPxD2lCrsnkOOtAFn2zIddB6yV0A='"),
            "{csp}"
        );
        assert!(csp.contains("'sha256-D6IGS8VMvCoyaR/l0h9tERrBTATY01CoPS7l6xDv0kI='"));
        assert_eq!(
            csp.matches("'sha256-").count(),
            2,
            "two inline scripts: {csp}"
        );
        assert!(!csp.contains("nonce"), "{csp}");
        assert!(csp.starts_with("default-src 'self'; script-src 'self' 'sha256-"));
    }
}
