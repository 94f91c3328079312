//! The words on the pages, in Bahasa Indonesia (default) and English.
//!
//! Every text is declared once, with both languages side by side, in the
//! `texts!` table below; the macro turns it into a `Texts` struct and one
//! static value per language, so a text missing in one language does not
//! compile. Pages render on the server, which picks the language from the
//! `peken_bahasa` cookie (set by `/bahasa/{id|en}`, a plain link, so
//! switching works without JavaScript). Islands receive their few words as
//! props and carry no table, so the WASM bundle does not grow with it.
//!
//! Texts with `{name}` slots are filled with [`fill`].

use serde::{Deserialize, Serialize};

/// A language Peken speaks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    Id,
    En,
}

/// The cookie that remembers the chosen language.
pub const LOCALE_COOKIE: &str = "peken_bahasa";

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Id, Locale::En];

    /// The code used in URLs, the cookie and `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Id => "id",
            Locale::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Locale> {
        Locale::ALL.into_iter().find(|l| l.code() == s)
    }

    /// The language's own name, for the switcher.
    pub fn name(self) -> &'static str {
        match self {
            Locale::Id => "Bahasa Indonesia",
            Locale::En => "English",
        }
    }

    /// For Open Graph.
    pub fn og(self) -> &'static str {
        match self {
            Locale::Id => "id_ID",
            Locale::En => "en_US",
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::Id => &ID,
            Locale::En => &EN,
        }
    }
}

/// The language of the page being rendered: the request's `peken_bahasa`
/// cookie, else Indonesian.
pub fn locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        // Read in place: `use_context` would clone the whole request
        // (headers, extensions) on every text lookup.
        if let Some(locale) = leptos::prelude::with_context::<http::request::Parts, _>(|parts| {
            Locale::of_request(&parts.headers)
        }) {
            return locale;
        }
    }
    Locale::default()
}

#[cfg(feature = "ssr")]
impl Locale {
    /// The language a request asks for with its `peken_bahasa` cookie.
    pub fn of_request(headers: &http::HeaderMap) -> Locale {
        crate::web::cookie_value(headers, LOCALE_COOKIE)
            .and_then(|v| Locale::parse(&v))
            .unwrap_or_default()
    }
}

/// The texts of the page being rendered.
pub fn t() -> &'static Texts {
    locale().texts()
}

/// Replaces each `{name}` in `template` with its value.
/// Values are inserted once, in one pass over the template, so a value
/// that itself contains `{…}` (a search query, say) is left as it is.
pub fn fill(template: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) if args.iter().any(|(n, _)| *n == name) => {
                let (_, value) = args.iter().find(|(n, _)| *n == name).expect("found above");
                out.push_str(&value.to_string());
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

macro_rules! texts {
    ($($key:ident: $id:expr, $en:expr;)*) => {
        /// Every text the pages show, in one language.
        #[derive(Debug)]
        pub struct Texts {
            $(pub $key: &'static str,)*
        }
        /// Bahasa Indonesia.
        pub static ID: Texts = Texts { $($key: $id,)* };
        /// English.
        pub static EN: Texts = Texts { $($key: $en,)* };
        /// Every key with both texts, for the completeness test.
        #[cfg(test)]
        pub(crate) fn all_texts() -> Vec<(&'static str, &'static str, &'static str)> {
            vec![$((stringify!($key), $id, $en)),*]
        }
    };
}

texts! {
    // Frame.
    skip_to_content: "Langsung ke isi", "Skip to content";
    brand_home: "beranda", "home";
    nav_main: "Menu utama", "Main menu";
    nav_bottom: "Navigasi", "Navigation";
    nav_home: "Beranda", "Home";
    nav_shops: "Toko", "Shops";
    nav_categories: "Kategori", "Categories";
    nav_search: "Cari", "Search";
    nav_sign_in: "Masuk", "Sign in";
    nav_account: "Akun", "Account";
    greeting: "Halo, {name}", "Hi, {name}";
    footer_about: "Peken — pasar daring toko kelontong dan UMKM Kota Surabaya.", "Peken — the online market of Surabaya's neighbourhood shops and small businesses.";
    footer_units: "Semua harga dalam Rupiah. Waktu dalam WIB.", "All prices in rupiah. Times in WIB (UTC+7).";
    language: "Bahasa", "Language";
    search_label: "Cari produk atau toko", "Search products or shops";
    search_placeholder: "Cari kopi, beras, batik…", "Search coffee, rice, batik…";
    search_button: "Cari", "Search";
    breadcrumb: "Jejak", "Breadcrumb";
    loading: "Memuat…", "Loading…";

    // Errors.
    not_found_title: "Halaman tidak ditemukan", "Page not found";
    not_found_text: "Alamat yang Anda buka tidak ada atau sudah dipindahkan.", "The address you opened does not exist or has moved.";
    back_home: "Kembali ke beranda", "Back to the home page";
    error_title: "Maaf, terjadi kesalahan", "Sorry, something went wrong";
    error_not_found: "Data tidak ditemukan.", "Not found.";
    error_sign_in: "Silakan masuk terlebih dahulu.", "Please sign in first.";
    error_forbidden: "Anda tidak memiliki akses ke halaman ini.", "You do not have access to this page.";
    error_internal: "Terjadi kesalahan pada server. Silakan coba lagi sebentar lagi.", "The server ran into a problem. Please try again in a moment.";
    error_transport: "Koneksi bermasalah. Periksa jaringan Anda.", "Connection problem. Check your network.";
    error_bad_request: "Permintaan tidak dapat dibaca: ada isian yang hilang atau salah bentuk. Muat ulang halaman dan coba lagi.", "The request could not be read: a field is missing or malformed. Reload the page and try again.";
    error_busy: "Server sedang sibuk. Silakan coba lagi sebentar lagi.", "The server is busy. Please try again in a moment.";
    sign_in_title: "Silakan masuk", "Please sign in";
    sign_in_text: "Halaman ini hanya untuk pengguna yang sudah masuk.", "This page is for signed-in users only.";

    // Cards and shared bits.
    out_of_stock: "Stok habis", "Out of stock";
    stock_left: "Sisa {n}", "{n} left";
    kind_kelontong: "Toko Kelontong", "Neighbourhood shop";
    kind_umkm: "UMKM", "Small business (UMKM)";
    mbr_badge: "MBR", "MBR";
    mbr_title: "Masyarakat Berpenghasilan Rendah", "Owned by a low-income (MBR) household";
    kec_prefix: "Kec. {k}", "{k} district";
    decimal_mark: ",", ".";
    group_mark: ".", ",";
    n_products: "{n} produk", "{n} products";
    no_reviews: "Belum ada ulasan", "No reviews yet";
    rating: "★ {avg} · {n} ulasan", "★ {avg} · {n} reviews";
    per_unit: " / {unit}", " / {unit}";
    pager: "Halaman", "Pages";
    page_of: "Halaman {page} dari {pages}", "Page {page} of {pages}";
    prev: "‹ Sebelumnya", "‹ Previous";
    next: "Berikutnya ›", "Next ›";

    // Home.
    home_title: "Peken — Belanja di toko kelontong dan UMKM Surabaya", "Peken — Shop from Surabaya's neighbourhood shops and small businesses";
    home_description: "Belanja kebutuhan harian, kue, batik dan kerajinan dari toko kelontong dan UMKM Kota Surabaya. Diantar ke alamat Anda.", "Groceries, cakes, batik and crafts from Surabaya's neighbourhood shops and small businesses, delivered to your door.";
    hero_title: "Belanja dari tetangga sendiri", "Shop from your neighbours";
    hero_text: "Toko kelontong dan UMKM Surabaya, diantar ke alamat Anda. {shops} toko, {products} produk, {orders} pesanan selesai senilai {value}.", "Surabaya's neighbourhood shops and small businesses, delivered to you. {shops} shops, {products} products, {orders} completed orders worth {value}.";
    as_of: "Data per {when}", "Figures as of {when}";
    categories: "Kategori", "Categories";
    shops_in_kecamatan: "Toko di Kecamatan {k}", "Shops in {k} district";
    shops_in_city: "Toko di Surabaya", "Shops in Surabaya";
    no_shops_here: "Belum ada toko terverifikasi di kecamatan ini. Coba kecamatan tetangga.", "No verified shops in this district yet. Try a neighbouring one.";
    newest: "Produk terbaru", "New products";
    popular: "Paling laris", "Best sellers";
    kecamatan: "Kecamatan", "District (kecamatan)";
    all_kecamatan: "Semua kecamatan", "All districts";
    show: "Tampilkan", "Show";

    // Category.
    category_title: "{name} — Peken Surabaya", "{name} — Peken Surabaya";
    category_title_page: "{name} (halaman {page}) — Peken Surabaya", "{name} (page {page}) — Peken Surabaya";
    category_description: "{n} produk {name} dari toko kelontong dan UMKM Surabaya.", "{n} {name} products from Surabaya's neighbourhood shops and small businesses.";
    category_empty: "Belum ada produk di kategori ini.", "No products in this category yet.";

    // Product.
    stock_n: "Stok {n} {unit}", "{n} {unit} in stock";
    sold_n: "{n} terjual", "{n} sold";
    added_to_cart: "Ditambahkan ke keranjang. Di keranjang: {n} {unit}.", "Added to your cart. In your cart: {n} {unit}.";
    quantity: "Jumlah", "Quantity";
    add_to_cart: "Tambah ke keranjang", "Add to cart";
    description: "Deskripsi", "Description";

    // Shop.
    products: "Produk", "Products";
    shop_no_products: "Toko ini belum punya produk aktif.", "This shop has no products for sale yet.";
    search_in_shop: "Cari di toko ini", "Search this shop";
    shop_no_match: "Tidak ada produk toko ini yang cocok dengan “{q}”.", "None of this shop's products match “{q}”.";
    all_shop_products: "Lihat semua produk toko", "See all of the shop's products";

    // Search.
    search_title: "Cari produk — Peken", "Search products — Peken";
    search_title_q: "“{q}” — Cari di Peken", "“{q}” — Search Peken";
    search_heading: "Cari produk", "Search products";
    results_for: "{n} produk untuk “{q}”", "{n} products for “{q}”";
    results_all: "{n} produk", "{n} products";
    results_capped: "Yang bisa dilihat hanya {n} produk pertama. Persempit pencarian dengan kata lain atau filter untuk menemukan yang lain.", "Only the first {n} products can be viewed. Narrow the search with other words or filters to find the rest.";
    corrected: "Tidak ada hasil untuk “{typed}”. Menampilkan hasil untuk “{used}”.", "Nothing found for “{typed}”. Showing results for “{used}”.";
    filters: "Saring dan urutkan", "Filter and sort";
    apply: "Terapkan", "Apply";
    all_categories: "Semua kategori", "All categories";
    shop_kind: "Jenis toko", "Shop type";
    all_kinds: "Semua jenis", "All types";
    mbr_only: "Hanya toko MBR", "MBR shops only";
    in_stock_only: "Hanya yang ada stoknya", "In stock only";
    price_min: "Harga terendah (Rp)", "Lowest price (Rp)";
    price_max: "Harga tertinggi (Rp)", "Highest price (Rp)";
    sort_by: "Urutkan", "Sort by";
    sort_relevance: "Paling cocok", "Best match";
    sort_cheapest: "Harga terendah", "Lowest price";
    sort_priciest: "Harga tertinggi", "Highest price";
    sort_newest: "Terbaru", "Newest";
    sort_best_selling: "Terlaris", "Best selling";
    active_filters: "Filter aktif", "Active filters";
    remove_filter: "Hapus filter {name}", "Remove filter {name}";
    clear_filters: "Hapus semua filter", "Clear all filters";
    price_from: "Mulai {p}", "From {p}";
    price_to: "Sampai {p}", "Up to {p}";
    no_results: "Tidak ada produk yang cocok dengan “{q}”.", "No products match “{q}”.";
    no_results_filters: "Tidak ada produk yang cocok dengan filter ini.", "No products match these filters.";
    no_results_tips: "Periksa ejaan, pakai kata yang lebih umum (misalnya “kopi” bukan “kopi bubuk robusta”), atau lihat kategori di bawah.", "Check the spelling, use a more general word (say “coffee” rather than “ground robusta coffee”), or browse the categories below.";
    search_without_filters: "Cari “{q}” tanpa filter", "Search “{q}” without filters";
    page_empty: "Halaman {page} tidak ada: hasilnya hanya {pages} halaman.", "There is no page {page}: the results fill {pages} pages.";
    first_page: "Ke halaman pertama", "Go to the first page";
    problem_category: "Kategori itu tidak dikenal, jadi tidak dipakai.", "That category is unknown, so it was left out.";
    problem_kecamatan: "Kecamatan itu tidak dikenal, jadi tidak dipakai.", "That district is unknown, so it was left out.";
    problem_kind: "Jenis toko itu tidak dikenal, jadi tidak dipakai.", "That shop type is unknown, so it was left out.";
    problem_price_min: "Harga terendah harus angka rupiah bulat, misalnya 10000 atau 10.000.", "The lowest price must be whole rupiah, like 10000 or 10.000.";
    problem_price_max: "Harga tertinggi harus angka rupiah bulat, misalnya 50000 atau 50.000.", "The highest price must be whole rupiah, like 50000 or 50.000.";
    problem_price_range: "Harga terendah lebih besar dari harga tertinggi, jadi rentang harga tidak dipakai.", "The lowest price is above the highest, so the price range was left out.";
    problem_sort: "Urutan itu tidak dikenal; hasil diurutkan paling cocok.", "That sort order is unknown; results are sorted by best match.";
    problem_page: "Nomor halaman tidak sah; menampilkan halaman 1.", "That page number is not valid; showing page 1.";

    // Sign in.
    signin_title: "Masuk — Peken", "Sign in — Peken";
    signin_heading: "Masuk", "Sign in";
    signed_out: "Anda sudah keluar.", "You have signed out.";
    login_id: "Nomor HP, email, atau NIP", "Phone number, email or NIP";
    password: "Kata sandi", "Password";
    signin_button: "Masuk", "Sign in";
    no_account: "Belum punya akun?", "No account yet?";
    register_here: "Daftar di sini", "Register here";

    // Register.
    register_title: "Daftar — Peken", "Register — Peken";
    register_heading: "Daftar akun Peken", "Create a Peken account";
    account_kind: "Jenis akun", "Account type";
    tab_asn: "ASN Pemkot", "City civil servant (ASN)";
    tab_umum: "Masyarakat umum", "Public";
    tab_merchant: "Penjual", "Seller";
    lead_asn: "Untuk Aparatur Sipil Negara Pemerintah Kota Surabaya: siapkan NIP Anda.", "For civil servants of the Surabaya city government: have your NIP at hand.";
    lead_umum: "Untuk warga yang ingin berbelanja di toko dan UMKM Surabaya.", "For anyone who wants to shop from Surabaya's shops and small businesses.";
    lead_merchant: "Untuk pemilik toko kelontong dan UMKM. Setelah mendaftar, Anda dapat mengajukan toko.", "For owners of neighbourhood shops and small businesses. Once registered, you can apply for a shop.";
    full_name: "Nama lengkap", "Full name";
    phone: "Nomor HP", "Phone number";
    phone_hint: "Contoh: 0812 3456 7890", "For example: 0812 3456 7890";
    email_optional: "Email (tidak wajib)", "Email (optional)";
    nip: "NIP", "NIP (civil servant number)";
    nip_hint: "18 angka, tanpa spasi atau dengan spasi.", "18 digits, with or without spaces.";
    opd: "OPD (perangkat daerah)", "OPD (city department)";
    choose_opd: "— Pilih OPD —", "— Choose a department —";
    password_hint_register: "Minimal 8 karakter. Hindari kata sandi yang umum seperti 12345678.", "At least 8 characters. Avoid common passwords such as 12345678.";
    password_again: "Ulangi kata sandi", "Repeat the password";
    register_button: "Daftar", "Register";
    have_account: "Sudah punya akun?", "Already have an account?";

    // Password.
    password_title: "Ganti kata sandi — Peken", "Change password — Peken";
    password_heading: "Ganti kata sandi", "Change password";
    password_lead: "Setelah diganti, Anda keluar dari semua perangkat lain.", "Once changed, you are signed out on every other device.";
    password_current: "Kata sandi sekarang", "Current password";
    password_new: "Kata sandi baru", "New password";
    password_hint: "Minimal 8 karakter. Hindari kata sandi yang umum.", "At least 8 characters. Avoid common passwords.";
    password_new_again: "Ulangi kata sandi baru", "Repeat the new password";
    password_save: "Simpan kata sandi", "Save password";
    back_to_account: "Kembali ke akun", "Back to your account";

    // Account.
    account_title: "Akun saya — Peken", "My account — Peken";
    account_heading: "Akun saya", "My account";
    ok_registered: "Selamat datang di Peken! Akun Anda sudah aktif.", "Welcome to Peken! Your account is active.";
    ok_signed_in: "Anda sudah masuk.", "You are signed in.";
    ok_address_saved: "Alamat tersimpan.", "Address saved.";
    ok_address_deleted: "Alamat dihapus.", "Address deleted.";
    ok_password: "Kata sandi diganti. Sesi di perangkat lain sudah diakhiri.", "Password changed. Sessions on other devices have been ended.";
    name: "Nama", "Name";
    email: "Email", "Email";
    role_asn: "ASN", "Civil servant (ASN)";
    role_umum: "Pembeli umum", "Public buyer";
    role_merchant: "Penjual", "Seller";
    role_admin: "Admin kota", "City admin";
    merchant_note: "Kelola toko, produk dan pesanan Anda dari Toko Saya.", "Manage your shop, products and orders from My shop.";
    change_password: "Ganti kata sandi", "Change password";
    sign_out: "Keluar", "Sign out";
    addresses: "Alamat pengiriman", "Delivery addresses";
    no_addresses: "Belum ada alamat. Tambahkan alamat agar pesanan bisa diantar.", "No addresses yet. Add one so orders can be delivered.";
    address_default: "Utama", "Default";
    address_rt_rw: ", RT/RW {rtrw}", ", RT/RW {rtrw}";
    address_area: ", Kel. {kel}, Kec. {kec}", ", {kel}, {kec} district";
    edit: "Ubah", "Edit";
    delete: "Hapus", "Delete";
    delete_address: "Hapus alamat {label}", "Delete address {label}";
    add_address: "Tambah alamat", "Add an address";

    // Address form.
    edit_address: "Ubah alamat", "Edit address";
    address_label: "Label (mis. Rumah, Kantor)", "Label (e.g. Home, Office)";
    recipient: "Nama penerima", "Recipient's name";
    recipient_phone: "Nomor HP penerima", "Recipient's phone number";
    choose_kecamatan: "— Pilih kecamatan —", "— Choose a district —";
    kelurahan: "Kelurahan", "Kelurahan (sub-district)";
    street: "Jalan, nomor rumah, gang", "Street, house number, alley";
    rt_rw: "RT/RW (tidak wajib)", "RT/RW (optional)";
    rt_rw_hint: "Contoh: 003/005", "For example: 003/005";
    courier_notes: "Catatan untuk kurir (tidak wajib)", "Notes for the courier (optional)";
    courier_notes_hint: "Mis. pagar hijau, sebelah masjid.", "E.g. green gate, next to the mosque.";
    map_pin: "Titik peta (tidak wajib)", "Map pin (optional)";
    latitude: "Lintang", "Latitude";
    longitude: "Bujur", "Longitude";
    latitude_hint: "Contoh: -7.2575", "For example: -7.2575";
    longitude_hint: "Contoh: 112.7521", "For example: 112.7521";
    make_default: "Jadikan alamat utama", "Make this my default address";
    save_address: "Simpan alamat", "Save address";

    // Audit log.
    audit_title: "Log audit — Peken", "Audit log — Peken";
    audit_heading: "Log audit", "Audit log";
    audit_lead: "200 kejadian terbaru. Waktu dalam WIB.", "The latest 200 events. Times in WIB (UTC+7).";
    audit_time: "Waktu", "Time";
    audit_actor: "Pelaku", "Actor";
    audit_action: "Kejadian", "Event";
    audit_target: "Sasaran", "Target";
    audit_detail: "Keterangan", "Details";
    audit_ip: "IP", "IP";

    // What the server says about refused input.
    check_marked: "Periksa kembali isian yang ditandai.", "Please check the marked fields.";
    too_many: "Terlalu banyak percobaan. Silakan coba lagi dalam {wait}.", "Too many attempts. Please try again in {wait}.";
    wait_seconds: "{n} detik", "{n} seconds";
    wait_minutes: "{n} menit", "{n} minutes";
    wait_hours: "{n} jam", "{n} hours";
    choose_account_kind: "Pilih jenis akun.", "Choose an account type.";
    choose_opd_error: "Pilih OPD (perangkat daerah) tempat Anda bertugas.", "Choose the city department (OPD) you work in.";
    passwords_differ: "Konfirmasi kata sandi tidak sama.", "The two passwords are not the same.";
    taken_phone: "Nomor HP ini sudah terdaftar. Silakan masuk, atau gunakan yang lain.", "This phone number is already registered. Sign in, or use another.";
    taken_email: "Email ini sudah terdaftar. Silakan masuk, atau gunakan yang lain.", "This email is already registered. Sign in, or use another.";
    taken_nip: "NIP ini sudah terdaftar. Silakan masuk, atau gunakan yang lain.", "This NIP is already registered. Sign in, or use another.";
    enter_password: "Isi kata sandi Anda.", "Enter your password.";
    wrong_credentials: "Nomor HP/email/NIP atau kata sandi salah.", "Wrong phone number/email/NIP or password.";
    account_disabled: "Akun ini dinonaktifkan. Hubungi admin Peken.", "This account is disabled. Contact the Peken admin.";
    old_password_wrong: "Kata sandi lama salah.", "The current password is wrong.";
    password_unchanged: "Kata sandi baru harus berbeda dari yang lama.", "The new password must differ from the old one.";
    choose_listed_kecamatan: "Pilih kecamatan dari daftar.", "Choose a district from the list.";
    address_not_found: "Alamat tidak ditemukan.", "Address not found.";
    form_too_big: "Isian formulir terlalu besar.", "The form is too large.";
    form_unreadable: "Isian formulir tidak dapat dibaca.", "The form could not be read.";
    not_for_sale: "Produk ini tidak dijual lagi.", "This product is no longer for sale.";
    month_cap_line: "Penjualan bulan ini: {sales} dari batas {cap}.", "Sales this month: {sales} of the {cap} cap.";
    month_cap_why: "Pemkot membatasi penjualan per toko per bulan agar pesanan tersebar ke banyak toko.", "The city caps each shop's monthly sales so that orders spread across many shops.";
    month_cap_reached: "Batas tercapai: produk Anda tidak tampil di katalog dan tidak bisa dipesan sampai {date}. Pesanan yang sudah masuk tetap berjalan.", "Cap reached: your products are not listed and cannot be ordered until {date}. Orders already placed go on as usual.";
    shop_at_cap: "Toko ini sudah mencapai batas penjualan bulan ini (aturan Pemkot agar belanja tersebar ke banyak toko). Produknya bisa dibeli lagi mulai tanggal 1 bulan depan.", "This shop has reached this month's sales cap (a city rule that spreads orders across many shops). Its products can be bought again from the 1st of next month.";
    problem_at_cap: "{shop} sudah mencapai batas penjualan bulan ini: {name} bisa dibeli lagi mulai tanggal 1 bulan depan.", "{shop} has reached this month's sales cap: {name} can be bought again from the 1st of next month.";
    quantity_range: "Jumlah harus angka 1 sampai 999.", "The quantity must be a number from 1 to 999.";
    stock_all_in_cart: "Stok tidak cukup: seluruh stok yang ada sudah di keranjang Anda.", "Not enough stock: all of it is already in your cart.";
    stock_can_add: "Stok tidak cukup: Anda hanya bisa menambah {n} lagi.", "Not enough stock: you can add only {n} more.";
    phone_chars: "Nomor telepon hanya boleh berisi angka, spasi, atau tanda hubung.", "A phone number may contain only digits, spaces or dashes.";
    phone_prefix: "Nomor telepon harus diawali 0, 62, atau +62.", "A phone number must start with 0, 62 or +62.";
    phone_invalid: "Nomor telepon tidak valid. Contoh: 0812 3456 7890.", "That phone number is not valid. For example: 0812 3456 7890.";
    nip_length: "NIP harus 18 angka.", "A NIP has 18 digits.";
    nip_invalid: "NIP tidak valid. Periksa kembali 18 angka NIP Anda.", "That NIP is not valid. Please check its 18 digits.";
    password_short: "Kata sandi minimal {n} karakter.", "A password needs at least {n} characters.";
    password_long: "Kata sandi maksimal {n} karakter.", "A password may have at most {n} characters.";
    password_common: "Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain.", "This password is too common and easy to guess. Choose another.";
    password_personal: "Kata sandi tidak boleh sama dengan nomor HP atau NIP Anda.", "The password may not be your phone number or NIP.";
    name_short: "Nama minimal 2 huruf.", "A name needs at least 2 letters.";
    name_long: "Nama maksimal 80 karakter.", "A name may have at most 80 characters.";
    name_chars: "Nama berisi karakter yang tidak diizinkan.", "The name contains characters that are not allowed.";
    email_invalid: "Alamat email tidak valid. Contoh: nama@contoh.id.", "That email address is not valid. For example: name@example.id.";
    login_id_empty: "Isi nomor HP, email, atau NIP Anda.", "Enter your phone number, email or NIP.";
    field_required: "{what} wajib diisi.", "{what} is required.";
    field_too_long: "{what} maksimal {max} karakter.", "{what} may have at most {max} characters.";
    field_chars: "{what} berisi karakter yang tidak diizinkan.", "{what} contains characters that are not allowed.";
    what_label: "Label alamat", "The address label";
    what_kelurahan: "Kelurahan", "The kelurahan";
    what_street: "Alamat jalan", "The street address";
    what_notes: "Catatan", "The note";
    choose_kecamatan_error: "Pilih kecamatan.", "Choose a district.";
    rt_rw_invalid: "Tulis RT/RW seperti 003/005.", "Write RT/RW like 003/005.";
    pin_outside: "Titik peta harus di wilayah Surabaya (contoh: -7.2575, 112.7521).", "The map pin must be inside Surabaya (for example: -7.2575, 112.7521).";

    // Cart.
    nav_cart: "Keranjang", "Cart";
    nav_orders: "Pesanan", "Orders";
    cart_title: "Keranjang", "Cart";
    cart_empty: "Keranjang Anda masih kosong.", "Your cart is empty.";
    start_shopping: "Mulai belanja", "Start shopping";
    cart_units: "{n} barang di keranjang", "items in the cart: {n}";
    cart_changed_note: "Ada yang berubah sejak barang masuk keranjang (lihat tanda di bawah). Periksa, lalu setujui perubahan sebelum checkout.", "Something changed since these went into your cart (see the notes below). Check them, then accept the changes before checking out.";
    accept_changes: "Setujui perubahan", "Accept the changes";
    checkout_after_review: "Setujui perubahan di atas dulu untuk lanjut ke checkout.", "Accept the changes above first to continue to checkout.";
    to_checkout: "Lanjut ke checkout", "Continue to checkout";
    subtotal: "Subtotal", "Subtotal";
    total: "Total", "Total";
    update: "Ubah", "Update";
    remove: "Hapus", "Remove";
    quantity_of: "Jumlah {name}", "Quantity of {name}";
    flag_gone: "Produk ini tidak dijual lagi. Hapus dari keranjang.", "This product is no longer for sale. Remove it from your cart.";
    flag_sold_out: "Stok habis.", "Sold out.";
    flag_stock_low: "Stok tinggal {n}.", "Only {n} left.";
    stock_only_left: "Stok tinggal {n}.", "Only {n} left.";
    flag_price_up: "Harga naik dari {from}.", "The price went up from {from}.";
    flag_price_down: "Harga turun dari {from}.", "The price went down from {from}.";
    ok_cart_updated: "Jumlah diperbarui.", "Quantity updated.";
    ok_cart_removed: "Barang dihapus dari keranjang.", "Removed from your cart.";
    ok_cart_accepted: "Perubahan disetujui. Keranjang memakai harga dan stok terbaru.", "Changes accepted. Your cart now uses the current prices and stock.";
    ok_buy_again: "Barang dari pesanan itu masuk lagi ke keranjang.", "The products of that order are back in your cart.";
    view_cart: "Lihat keranjang", "View cart";
    add_failed: "Gagal menambahkan. Periksa koneksi lalu coba lagi.", "Could not add it. Check your connection and try again.";
    add_after_sign_in_failed: "Produk belum masuk keranjang: stoknya tidak cukup lagi.", "The product is not in your cart: there is not enough stock any more.";
    sellers_cannot_buy: "Akun penjual dan admin tidak dapat berbelanja. Masuk dengan akun pembeli untuk membeli.", "Seller and admin accounts cannot shop. Sign in with a buyer account to buy.";

    // Checkout.
    checkout_title: "Checkout", "Checkout";
    review_title: "Ringkasan pesanan", "Order review";
    deliver_to: "Kirim ke", "Deliver to";
    no_address_yet: "Anda belum punya alamat pengiriman.", "You have no delivery address yet.";
    has_pin: "ada titik peta", "map pin set";
    no_pin: "tanpa titik peta (ongkir per kecamatan)", "no map pin (fee by district)";
    delivery_per_shop: "Pengiriman per toko", "Delivery per shop";
    delivery_hint: "Ongkir dihitung dari jarak toko ke titik alamat Anda. Ganti alamat lalu lihat ringkasan untuk menghitung ulang.", "The fee follows the distance from the shop to your address pin. Change the address, then open the review to recalculate.";
    deliver_courier: "Diantar kurir toko", "Shop's courier";
    deliver_pickup: "Ambil sendiri di toko (gratis)", "Pick up at the shop (free)";
    courier_distance: "{fee} ({km})", "{fee} ({km})";
    courier_tier: "{fee} (per kecamatan)", "{fee} (by district)";
    courier_out_of_range: "tidak tersedia: {km}, di luar jangkauan {max}", "not available: {km}, beyond its {max} range";
    courier_choose_address: "pilih alamat untuk melihat ongkir", "choose an address to see the fee";
    payment: "Pembayaran", "Payment";
    pay_qris: "QRIS (semua e-wallet dan m-banking)", "QRIS (any e-wallet or mobile banking)";
    pay_va: "Transfer virtual account", "Virtual account transfer";
    pay_cod: "Bayar di tempat (COD)", "Cash on delivery";
    to_review: "Lihat ringkasan", "Review the order";
    back_to_cart: "Kembali ke keranjang", "Back to the cart";
    shop_total: "Total toko", "Shop total";
    grand_total: "Total bayar", "Total to pay";
    place_order: "Buat pesanan — {total}", "Place order — {total}";
    change_choices: "Ubah alamat, pengiriman, atau pembayaran", "Change address, delivery or payment";
    choose_address_first: "Pilih alamat pengiriman.", "Choose a delivery address.";
    delivery_choice_bad: "Pilihan pengiriman tidak dikenal.", "Unknown delivery choice.";
    payment_method_bad: "Pilih cara bayar yang tersedia.", "Choose an available payment method.";
    problem_gone: "{name} tidak dijual lagi.", "{name} is no longer for sale.";
    problem_sold_out: "{name} sudah habis.", "{name} is sold out.";
    problem_left: "{name}: stok tinggal {n}.", "{name}: only {n} left.";
    problem_quantity: "Jumlah {name} tidak valid.", "The quantity of {name} is not valid.";
    problem_price: "Harga {name} berubah dari {from} menjadi {to}. Setujui perubahan di keranjang.", "The price of {name} changed from {from} to {to}. Accept the change in your cart.";
    problem_no_courier: "{shop} tidak mengantar ke alamat ini. Pilih ambil sendiri.", "{shop} does not deliver to this address. Choose pickup.";
    problem_too_large: "Jumlah pesanan terlalu besar.", "The order is too large.";
    checkout_form_stale: "Formulir pesanan tidak lengkap. Buka lagi ringkasannya.", "The order form is incomplete. Open the review again.";
    checkout_key_reused: "Formulir ini sudah dipakai untuk pesanan lain. Buka lagi ringkasannya.", "This form was already used for another order. Open the review again.";
    checkout_cart_changed: "Keranjang berubah sejak ringkasan dibuat. Periksa ringkasan terbaru di bawah.", "Your cart changed since the review was made. Check the updated review below.";
    checkout_total_changed: "Total berubah menjadi {total}. Periksa ringkasan terbaru di bawah.", "The total changed to {total}. Check the updated review below.";
    checkout_busy: "Sedang banyak pesanan. Tunggu sebentar lalu coba lagi; pesanan Anda belum dibuat.", "Many orders are coming in. Wait a moment and try again; your order was not placed.";

    // Orders.
    orders_title: "Pesanan saya", "My orders";
    all_orders: "Semua", "All";
    filter_status: "Saring menurut status", "Filter by status";
    no_orders: "Belum ada pesanan di sini.", "No orders here yet.";
    units_n: "{n} barang", "items: {n}";
    previous: "Sebelumnya", "Previous";
    order_title: "Pesanan", "Order";
    ordered_at: "Dipesan", "Ordered";
    order_code_label: "Kode pesanan", "Order code";
    all_my_orders: "Semua pesanan saya", "All my orders";
    order_not_found: "Pesanan tidak ditemukan.", "Order not found.";
    order_cannot_now: "Pesanan ini tidak bisa diubah seperti itu sekarang.", "This order cannot be changed that way now.";
    nothing_to_pay: "Tidak ada yang perlu dibayar untuk pesanan ini.", "Nothing is owed on this order.";
    gateway_down: "Layanan pembayaran sedang tidak bisa dihubungi. Coba lagi sebentar lagi.", "The payment service cannot be reached. Try again in a moment.";
    pay_now: "Bayar sekarang", "Pay now";
    pay_before: "Bayar sebelum {when}, atau pesanan dibatalkan otomatis.", "Pay before {when}, or the order is cancelled automatically.";
    cancel_checkout: "Batalkan pesanan", "Cancel the order";
    cancel_order: "Batalkan pesanan toko ini", "Cancel this shop's order";
    confirm_received: "Pesanan sudah diterima", "I received the order";
    buy_again: "Beli lagi", "Buy again";
    complain: "Kirim komplain", "Send complaint";
    complain_label: "Ada masalah? Ceritakan (minimal 10 huruf)", "A problem? Tell us (at least 10 characters)";
    complaint_length: "Tulis alasan komplain 10 sampai 1.000 huruf.", "Write your complaint in 10 to 1,000 characters.";
    complaint_window: "Komplain hanya bisa dalam {n} hari setelah pesanan selesai.", "A complaint can only be made within {n} days after completion.";
    complaint_open: "Komplain Anda sedang ditangani Pemkot.", "The city is handling your complaint.";
    cancel_reason: "Alasan batal", "Reason";
    refund_pending: "Dana {amount} akan dikembalikan.", "{amount} will be refunded.";
    refund_done: "Dana {amount} sudah dikembalikan.", "{amount} was refunded.";
    delivery_fee: "Ongkir", "Delivery fee";
    delivery_waiting: "Menunggu dikirim oleh toko.", "Waiting for the shop to send it.";
    delivery_on_way: "Sedang diantar kurir toko.", "On its way with the shop's courier.";
    delivery_delivered: "Sudah diterima.", "Delivered.";
    delivery_failed: "Pengiriman gagal.", "Delivery failed.";
    pickup_at: "Ambil sendiri di {address}.", "Pick up at {address}.";
    timeline: "Riwayat", "History";
    stars: "Bintang", "Stars";
    review_words: "Ulasan (boleh kosong)", "Review (optional)";
    send_review: "Kirim ulasan", "Send review";
    you_rated: "Ulasan Anda: {n} bintang", "Your review: {n} stars";
    rating_range: "Pilih 1 sampai 5 bintang.", "Choose 1 to 5 stars.";
    review_too_long: "Ulasan maksimal 1.000 huruf.", "A review may have at most 1,000 characters.";
    review_once: "Produk ini sudah Anda ulas, atau belum bisa diulas.", "You already reviewed this product, or it cannot be reviewed yet.";
    buy_again_none: "Tidak ada produk dari pesanan itu yang masih tersedia.", "None of that order's products are available now.";
    st_awaiting: "Menunggu pembayaran", "Awaiting payment";
    st_paid: "Dibayar", "Paid";
    st_processing: "Diproses", "Processing";
    st_shipped: "Dikirim", "Shipped";
    st_completed: "Selesai", "Completed";
    st_cancelled: "Dibatalkan", "Cancelled";
    st_complained: "Dikomplain", "Complaint";
    st_unknown: "Tidak dikenal", "Unknown";
    pay_pending: "belum dibayar", "not paid yet";
    pay_paid: "lunas", "paid";
    pay_failed: "gagal, silakan bayar lagi", "failed, please pay again";
    pay_expired: "kedaluwarsa", "expired";
    pay_refunded: "dikembalikan", "refunded";
    actor_buyer: "pembeli", "buyer";
    actor_merchant: "toko", "shop";
    actor_admin: "Pemkot", "city";
    actor_system: "sistem", "system";
    ok_order_placed: "Pesanan dibuat. Terima kasih!", "Order placed. Thank you!";
    ok_paid: "Pembayaran diterima. Toko akan segera memproses pesanan.", "Payment received. The shop will process your order soon.";
    ok_pay_failed: "Pembayaran gagal. Anda bisa mencoba bayar lagi.", "The payment failed. You can try to pay again.";
    ok_pay_refused: "Pembayaran tidak dapat diproses. Hubungi Pemkot bila dana Anda terpotong.", "The payment could not be processed. Contact the city if you were charged.";
    ok_cancelled: "Pesanan dibatalkan. Stok dikembalikan ke toko.", "Order cancelled. The stock went back to the shop.";
    ok_received: "Terima kasih! Pesanan selesai.", "Thank you! The order is complete.";
    ok_complained: "Komplain terkirim ke Pemkot.", "Your complaint was sent to the city.";
    ok_reviewed: "Terima kasih atas ulasan Anda.", "Thank you for your review.";

    // The sandbox payment gateway.
    sandbox_title: "Pembayaran (sandbox)", "Payment (sandbox)";
    sandbox_note: "Ini gerbang pembayaran uji coba Peken: tidak ada uang sungguhan yang berpindah.", "This is Peken's test payment gateway: no real money moves.";
    sandbox_scan: "Pindai kode QRIS ini dengan aplikasi e-wallet atau m-banking.", "Scan this QRIS code with an e-wallet or mobile banking app.";
    sandbox_va: "Transfer ke nomor virtual account ini:", "Transfer to this virtual account number:";
    sandbox_pay: "Bayar", "Pay";
    sandbox_fail: "Gagal", "Fail";
    sandbox_done: "Tagihan ini sudah selesai.", "This charge is settled.";
    amount_to_pay: "Jumlah", "Amount";
    back_to_order: "Kembali ke pesanan", "Back to the order";

    courier_none: "Toko ini tidak mengantar: ambil sendiri di toko.", "This shop does not deliver: pick up at the shop.";

    // Merchant: navigation and shop.
    nav_my_shop: "Toko Saya", "My shop";
    nav_shop_orders: "Pesanan Toko", "Shop orders";
    my_shop_title: "Toko Saya", "My shop";
    no_shop_yet: "Anda belum punya toko. Ajukan toko Anda: setelah diverifikasi Pemkot, produk Anda tampil untuk pembeli se-Surabaya.", "You have no shop yet. Apply for one: once the city verifies it, your products are shown to buyers across Surabaya.";
    apply_shop: "Ajukan toko", "Apply for a shop";
    shop_details: "Data toko", "Shop details";
    shop_status: "Status toko", "Shop status";
    shop_pending: "Menunggu verifikasi", "Awaiting verification";
    shop_verified: "Terverifikasi", "Verified";
    shop_rejected: "Ditolak", "Rejected";
    shop_suspended: "Dibekukan", "Suspended";
    shop_pending_note: "Pengajuan Anda sedang diperiksa Pemkot. Anda sudah bisa menyiapkan produk; produk tampil untuk pembeli setelah toko terverifikasi.", "The city is checking your application. You can prepare your products now; they are shown to buyers once the shop is verified.";
    shop_rejected_note: "Pengajuan ditolak: {reason} Perbaiki data toko lalu ajukan lagi.", "Application rejected: {reason} Fix the shop details and apply again.";
    shop_suspended_note: "Toko dibekukan: {reason} Hubungi Dinas untuk membukanya kembali.", "Shop suspended: {reason} Contact the city office to lift it.";
    shop_apply_first: "Ajukan toko Anda dulu.", "Apply for your shop first.";
    shop_suspended_no_change: "Toko Anda sedang dibekukan, jadi tidak bisa diubah. Hubungi Dinas.", "Your shop is suspended and cannot be changed. Contact the city office.";
    see_my_shop: "Lihat halaman toko", "See the shop page";
    back_to_my_shop: "Kembali ke Toko Saya", "Back to my shop";
    shop_name: "Nama toko", "Shop name";
    what_shop_name: "Nama toko", "The shop name";
    shop_kind_choose: "Pilih jenis toko.", "Choose the kind of shop.";
    choose: "Pilih…", "Choose…";
    mbr_heading: "MBR (Masyarakat Berpenghasilan Rendah)", "MBR (low-income household)";
    mbr_explain: "Pemkot Surabaya mendahulukan pelaku usaha dari keluarga MBR. Centang bila keluarga Anda terdaftar MBR dan isi nomornya.", "Surabaya gives priority to sellers from low-income (MBR) households. Tick if your household is registered as MBR and enter its number.";
    mbr_check: "Keluarga saya terdaftar MBR", "My household is registered as MBR";
    mbr_number: "Nomor MBR", "MBR number";
    mbr_number_hint: "Nomor dari kelurahan atau Dinas Sosial.", "The number from the kelurahan or the social affairs office.";
    mbr_number_bad: "Isi nomor MBR (4–30 huruf/angka) atau hilangkan centang MBR.", "Enter the MBR number (4–30 letters or digits) or untick MBR.";
    owner_nik: "NIK pemilik (16 digit)", "Owner's NIK (16 digits)";
    nik_hint: "Sesuai KTP. Hanya dilihat petugas verifikasi.", "As on the ID card. Seen only by the verification staff.";
    nik_keep_hint: "Kosongkan untuk memakai NIK yang sudah tersimpan.", "Leave empty to keep the NIK on file.";
    nik_on_file: "NIK tersimpan", "NIK on file";
    nik_length: "NIK harus 16 digit angka.", "The NIK must be 16 digits.";
    nik_region: "Kode wilayah NIK (6 digit pertama) tidak dikenal.", "The NIK's region code (its first 6 digits) is unknown.";
    nik_birth: "Tanggal lahir dalam NIK (digit 7–12) tidak valid.", "The birth date in the NIK (digits 7–12) is not a date.";
    nik_serial: "Nomor urut NIK (4 digit terakhir) tidak boleh 0000.", "The NIK's serial (its last 4 digits) cannot be 0000.";
    shop_phone: "Nomor HP/WhatsApp toko", "Shop phone / WhatsApp";
    shop_pin: "Titik lokasi toko", "Shop location pin";
    shop_pin_hint: "Dipakai untuk menghitung ongkir ke pembeli. Boleh dikosongkan.", "Used to work out the delivery fee to buyers. May be left empty.";
    use_my_location: "Pakai lokasi saya", "Use my location";
    location_failed: "Lokasi tidak bisa dibaca. Isi manual atau izinkan akses lokasi.", "Could not read your location. Type it, or allow location access.";
    open_hours: "Jam buka", "Opening hours";
    open_hours_hint: "Contoh: Senin–Sabtu 07.00–21.00", "For example: Mon–Sat 07.00–21.00";
    what_open_hours: "Jam buka", "Opening hours";
    shop_description: "Tentang toko", "About the shop";
    what_description: "Deskripsi", "The description";
    delivery_settings: "Pengantaran", "Delivery";
    delivers_check: "Toko mengantar sendiri (bila tidak, pembeli mengambil di toko)", "The shop delivers itself (otherwise buyers pick up)";
    base_fee: "Ongkir dasar (Rp)", "Base fee (Rp)";
    per_km_fee: "Ongkir per km (Rp)", "Fee per km (Rp)";
    max_km: "Jarak antar terjauh (km)", "Farthest delivery (km)";
    delivery_defaults_hint: "Sudah terisi tarif standar Pemkot; ubah bila perlu.", "Pre-filled with the city's standard rates; change them if you need to.";
    payout_account: "Rekening pencairan", "Payout account";
    bank_name: "Nama bank", "Bank";
    what_bank_name: "Nama bank", "The bank";
    bank_account: "Nomor rekening", "Account number";
    bank_account_hint: "6–20 digit, tanpa spasi.", "6–20 digits, no spaces.";
    account_keep_hint: "Kosongkan untuk memakai rekening yang sudah tersimpan.", "Leave empty to keep the account on file.";
    account_on_file: "Rekening tersimpan", "Account on file";
    bank_account_bad: "Nomor rekening harus 6–20 digit angka.", "The account number must be 6–20 digits.";
    bank_holder: "Nama pemilik rekening", "Account holder";
    submit_application: "Ajukan toko", "Submit application";
    save_shop: "Simpan data toko", "Save shop details";
    shop_photo: "Foto toko", "Shop photo";
    number_range: "Isi angka {min} sampai {max}.", "Enter a number from {min} to {max}.";
    reason: "Alasan", "Reason";
    admin_shops_title: "Verifikasi toko — Peken", "Shop verification — Peken";
    admin_shops_heading: "Verifikasi toko", "Shop verification";
    admin_shops_lead: "Pengajuan terlama di atas. Periksa data dan foto, lalu putuskan; setiap keputusan tercatat dan dibaca pemilik toko.", "Oldest applications first. Check the details and photo, then decide; every decision is recorded and shown to the shop owner.";
    review_list_pending: "Menunggu", "Waiting";
    review_list_fix: "Perlu perbaikan", "Sent back for fixes";
    review_list_rejected: "Ditolak", "Rejected";
    review_list_suspended: "Dibekukan", "Suspended";
    review_list_verified: "Terverifikasi", "Verified";
    review_lists: "Daftar toko menurut status", "Shops by status";
    review_col_shop: "Toko", "Shop";
    review_col_owner: "Pemilik", "Owner";
    review_col_area: "Kecamatan", "Kecamatan";
    review_col_filed: "Diajukan", "Filed";
    review_col_waiting: "Lama menunggu", "Waiting";
    review_col_reason: "Alasan terakhir", "Last reason";
    review_days: "hari", "d";
    review_hours: "jam", "h";
    review_empty: "Tidak ada toko di daftar ini.", "No shops in this list.";
    review_check: "Periksa", "Review";
    review_shop_title: "{name} — Verifikasi toko", "{name} — Shop verification";
    review_back: "Kembali ke daftar", "Back to the list";
    review_owner: "Pemilik dan kontak", "Owner and contact";
    review_email: "Email", "Email";
    review_phone: "HP pemilik", "Owner's phone";
    review_area: "Wilayah", "Area";
    review_address: "Alamat toko", "Shop address";
    review_pin_none: "Tanpa titik lokasi", "No location pin";
    review_no_photo: "Belum ada foto toko.", "No shop photo yet.";
    review_products: "Produk aktif", "Active products";
    review_delivers_yes: "Mengantar sendiri", "Delivers itself";
    review_delivers_no: "Hanya ambil di toko", "Pickup only";
    review_decide: "Keputusan", "Decision";
    review_none_open: "Tidak ada keputusan untuk toko berstatus ini.", "No decision applies to a shop in this state.";
    review_approve: "Setujui", "Approve";
    review_fix: "Minta perbaikan", "Ask for a fix";
    review_reject: "Tolak permanen", "Reject for good";
    review_suspend: "Bekukan toko", "Suspend the shop";
    review_lift: "Buka kembali", "Lift the suspension";
    review_reason_label: "Alasan (dibaca pemilik toko)", "Reason (the shop owner reads it)";
    review_note_label: "Catatan (boleh dikosongkan)", "Note (optional)";
    review_approve_hint: "Toko langsung tampil di katalog.", "The shop appears in the catalog at once.";
    review_fix_hint: "Pemilik memperbaiki data lalu mengajukan lagi.", "The owner fixes the details and files again.";
    review_reject_hint: "Pengajuan tidak dapat diajukan ulang.", "The application cannot be filed again.";
    review_suspend_hint: "Produknya keluar dari katalog; pesanan yang berjalan tetap diproses.", "Its products leave the catalog; open orders continue.";
    review_lift_hint: "Produknya kembali tampil di katalog.", "Its products return to the catalog.";
    review_history: "Riwayat pengajuan dan keputusan", "Filings and decisions";
    review_history_empty: "Belum ada riwayat.", "No history yet.";
    ev_shop_apply: "Pengajuan dikirim", "Application filed";
    ev_shop_approve: "Disetujui", "Approved";
    ev_shop_fix: "Diminta perbaikan", "Sent back for fixes";
    ev_shop_reject: "Ditolak permanen", "Rejected for good";
    ev_shop_suspend: "Dibekukan", "Suspended";
    ev_shop_lift: "Dibuka kembali", "Suspension lifted";
    ev_by: "oleh", "by";
    review_unknown_decision: "Keputusan tidak dikenal.", "Unknown decision.";
    review_reason_needed: "Tulis alasan yang bisa ditindaklanjuti pemilik toko (minimal 5 karakter).", "Write a reason the shop owner can act on (at least 5 characters).";
    review_reason_too_long: "Alasan terlalu panjang (maksimal {max} karakter).", "The reason is too long (at most {max} characters).";
    review_stale: "Toko ini sudah berubah sejak Anda membukanya (petugas lain sudah memutuskan, atau pemilik mengirim perubahan). Periksa data terbaru lalu putuskan lagi.", "This shop changed since you opened it (another officer decided, or the owner sent changes). Check the latest details and decide again.";
    ok_review_decided: "Keputusan tersimpan: {decision}.", "Decision saved: {decision}.";
    shop_fix_note: "Pemkot meminta perbaikan: {reason} Perbaiki data toko lalu ajukan lagi.", "The city asks for a fix: {reason} Fix the shop details and apply again.";
    shop_rejected_final_note: "Pengajuan ditolak: {reason} Pengajuan ini tidak dapat diajukan ulang; hubungi Dinas bila ada pertanyaan.", "Application rejected: {reason} It cannot be filed again; contact the city office with any questions.";
    shop_rejected_final_refile: "Pengajuan toko Anda sudah ditolak Pemkot dan tidak dapat diajukan ulang. Hubungi Dinas bila ada pertanyaan.", "The city rejected your shop application for good; it cannot be filed again. Contact the city office with any questions.";
    my_shop_history: "Keputusan Pemkot", "The city's decisions";
    fig_title: "Transparansi — Peken Surabaya", "Transparency — Peken Surabaya";
    fig_heading: "Transparansi Peken", "Peken in figures";
    fig_lead: "Angka Peken untuk warga dan DPRD: nilai transaksi per bulan, per kecamatan, toko menurut jenis dan MBR, pembeli ASN dan umum, serta keluhan. Hanya angka gabungan, tanpa data pribadi.", "Peken's figures for residents and the city council (DPRD): value traded by month and by kecamatan, shops by kind and MBR, ASN and public buyers, and complaints. Aggregates only, no personal data.";
    fig_as_of: "Data per", "Figures as of";
    fig_total_value: "Nilai transaksi selesai", "Value of completed orders";
    fig_total_orders: "Pesanan selesai", "Completed orders";
    fig_verified_shops: "Toko terverifikasi", "Verified shops";
    fig_buyer_accounts: "Akun pembeli", "Buyer accounts";
    fig_by_month: "Transaksi per bulan", "Orders by month";
    fig_yearly_growth: "Pertumbuhan 12 bulan terakhir dibanding 12 bulan sebelumnya", "Growth of the last 12 months over the 12 before";
    fig_month: "Bulan", "Month";
    fig_orders: "Pesanan", "Orders";
    fig_value: "Nilai", "Value";
    fig_growth: "Pertumbuhan", "Growth";
    fig_running: "(berjalan)", "(so far)";
    fig_axis_value: "Nilai (Rp)", "Value (Rp)";
    fig_by_kecamatan: "Transaksi per kecamatan toko", "Orders by the shop's kecamatan";
    fig_shops: "Toko menurut jenis dan MBR", "Shops by kind and MBR";
    fig_buyers: "Pembeli ASN dan umum", "ASN and public buyers";
    fig_buyer_kind: "Pembeli", "Buyers";
    fig_buyers_asn: "ASN", "Civil servants (ASN)";
    fig_buyers_umum: "Umum", "Public";
    fig_accounts: "Akun", "Accounts";
    fig_complaints: "Keluhan", "Complaints";
    fig_c_open: "Terbuka", "Open";
    fig_c_progress: "Sedang ditangani", "Being handled";
    fig_c_resolved: "Selesai", "Resolved";
    fig_c_rejected: "Ditolak", "Rejected";
    fig_c_median: "Median waktu penyelesaian", "Median time to resolve";
    fig_hours: "{n} jam", "{n} hours";
    fig_million: "jt", "m";
    fig_billion: "M", "bn";
    fig_open_data: "Data terbuka", "Open data";
    fig_open_data_text: "Semua tabel di halaman ini bisa diunduh. Angka dihitung dari pesanan berstatus selesai; bulan mengikuti tanggal selesai (WIB); pertumbuhan dibanding bulan sebelumnya, kecuali bulan yang masih berjalan.", "Every table on this page can be downloaded. Figures count orders marked completed; the month is the month of completion (WIB); growth is on the month before, except for the month still running.";
    fig_all_json: "Semua angka (JSON)", "All figures (JSON)";
    fig_licence: "Data ini boleh dipakai ulang dengan menyebut sumbernya (Pemerintah Kota Surabaya — Peken), dengan lisensi", "You may reuse these figures, naming the source (Surabaya City Government — Peken), under the licence";
    footer_transparency: "Transparansi", "Transparency";
    footer_guide: "Panduan", "Guide";
    guide_title: "Panduan memakai Peken", "How to use Peken";
    guide_heading: "Panduan memakai Peken", "How to use Peken";
    guide_lead: "Langkah singkat dengan gambar layar yang sebenarnya: mendaftar, berbelanja, membayar dan mengeluh.", "Short steps with pictures of the real screens: registering, shopping, paying and complaining.";
    guide_contents: "Isi panduan", "Contents";
    guide_asn: "Mendaftar sebagai ASN", "Registering as an ASN (civil servant)";
    guide_asn_steps: "Buka menu Akun, lalu pilih Daftar.|Pilih tab ASN Pemkot.|Isi nama, nomor HP, NIP 18 digit dan OPD tempat Anda bekerja.|Buat kata sandi minimal 8 karakter, lalu tekan Daftar.|Tambahkan alamat pengiriman di halaman Akun.", "Open Account, then choose Register.|Choose the City civil servant (ASN) tab.|Enter your name, phone number, 18-digit NIP and the OPD you work at.|Make a password of at least 8 characters, then press Register.|Add a delivery address on the Account page.";
    guide_asn_alt: "Formulir pendaftaran ASN dengan NIP dan OPD", "The ASN registration form with NIP and OPD";
    guide_umum: "Mendaftar sebagai masyarakat umum", "Registering as a member of the public";
    guide_umum_steps: "Buka menu Akun, lalu pilih Daftar.|Pilih tab Masyarakat umum.|Isi nama dan nomor HP; email boleh dikosongkan.|Buat kata sandi, lalu tekan Daftar.", "Open Account, then choose Register.|Choose the Public tab.|Enter your name and phone number; email is optional.|Make a password, then press Register.";
    guide_umum_alt: "Formulir pendaftaran pembeli umum", "The registration form for the public";
    guide_merchant: "Mendaftar sebagai pedagang", "Registering as a merchant";
    guide_merchant_steps: "Daftar dengan tab Penjual.|Buka Toko Saya lalu isi data toko: nama, jenis (toko kelontong atau UMKM), NIK, alamat dan rekening bank.|Kirim pengajuan; Pemkot memeriksanya dan memberi tahu hasilnya di Toko Saya.|Sambil menunggu, siapkan produk dengan foto, harga dan stok.|Setelah terverifikasi, produk tampil untuk pembeli dan pesanan masuk ke Pesanan Toko.", "Register with the Seller tab.|Open My shop and fill in the shop's details: name, kind (toko kelontong or UMKM), NIK, address and bank account.|Send the application; the city checks it and tells you the result on My shop.|While you wait, prepare products with photos, prices and stock.|Once verified, your products are shown to buyers and orders arrive in Shop orders.";
    guide_merchant_alt: "Formulir pengajuan toko", "The shop application form";
    guide_order: "Memesan", "Ordering";
    guide_order_steps: "Cari produk atau buka Kategori dan Toko.|Di halaman produk, isi jumlah lalu tekan Tambah ke keranjang.|Satu keranjang boleh berisi produk dari banyak toko.|Buka Keranjang lalu tekan Lanjut ke checkout.", "Search for a product, or open Categories and Shops.|On the product's page, enter how many and press Add to cart.|One cart may hold products from many shops.|Open the Cart and press Continue to checkout.";
    guide_order_alt: "Halaman produk dengan tombol Tambah ke keranjang", "A product page with the Add to cart button";
    guide_pay: "Membayar", "Paying";
    guide_pay_steps: "Pilih alamat pengiriman dan cara antar tiap toko (kurir toko atau ambil sendiri).|Pilih cara bayar: QRIS, virtual account, atau bayar di tempat.|Periksa ringkasan lalu tekan Buat pesanan.|Untuk QRIS atau virtual account, bayar sebelum batas waktu; pesanan yang tidak dibayar dibatalkan dan stok dikembalikan.", "Choose the delivery address and how each shop delivers (its courier or pickup).|Choose how to pay: QRIS, virtual account, or cash on delivery.|Check the summary, then press Place order.|For QRIS or a virtual account, pay before the deadline; unpaid orders are cancelled and the stock returned.";
    guide_pay_alt: "Halaman pembayaran dengan pilihan cara bayar", "The checkout page with the ways to pay";
    guide_complain: "Mengeluh", "Complaining";
    guide_complain_steps: "Tentang pesanan: buka pesanan yang sudah selesai (paling lama 3 hari) dan tulis keluhan Anda.|Tentang layanan Peken: buka Keluhan di menu Akun.|Pemkot menjawab dalam 2 hari kerja; toko dan Pemkot menulis di percakapan yang sama.|Keputusan Pemkot (dana kembali, barang diganti, atau ditolak dengan alasan) tampil di pesanan Anda.", "About an order: open the completed order (within 3 days) and write your complaint.|About Peken's service: open Complaints from the Account menu.|The city answers within 2 working days; the shop and the city write in the same conversation.|The city's decision (refund, replacement, or refused with a reason) shows on your order.";
    guide_complain_alt: "Halaman keluhan pembeli", "The buyer's complaints page";
    guide_more: "Masih bingung? Tulis pertanyaan Anda di", "Still unsure? Write your question at";
    guide_more_link: "Keluhan dan pertanyaan", "Complaints and questions";
    // The complaint desk.
    complaint_text_short: "Terlalu pendek (minimal {min} karakter).", "Too short (at least {min} characters).";
    complaint_text_long: "Terlalu panjang (maksimal {max} karakter).", "Too long (at most {max} characters).";
    complaint_closed: "Keluhan ini sudah diselesaikan, jadi tidak bisa dibalas atau diputus lagi. Muat ulang untuk melihat keputusannya.", "This complaint has already been settled, so it cannot be answered or decided again. Reload to see the decision.";
    complaint_outcome_bad: "Penyelesaian ini tidak berlaku untuk keluhan ini.", "This resolution does not apply to this complaint.";
    complaint_order_moved: "Pesanan ini sudah tidak dalam status komplain, jadi keputusan tidak disimpan.", "The order is no longer under complaint, so the decision was not saved.";
    complaint_too_many: "Anda masih punya {n} keluhan layanan yang terbuka. Tunggu jawaban Pemkot atau balas di keluhan yang ada.", "You already have {n} open complaints about the service. Wait for the city's answer or reply in one of them.";
    complaints_title: "Keluhan Saya — Peken", "My complaints — Peken";
    complaints_heading: "Keluhan Saya", "My complaints";
    complaints_lead: "Keluhan tentang pesanan diajukan dari halaman pesanan (sampai 3 hari setelah selesai). Di sini Anda bisa mengeluhkan layanan Peken secara umum dan melihat semua keluhan Anda.", "Complaints about an order are made on the order's page (up to 3 days after it completed). Here you can complain about Peken's service in general and see all your complaints.";
    complaints_none: "Belum ada keluhan.", "No complaints yet.";
    complaint_new: "Keluhan tentang layanan", "A complaint about the service";
    complaint_new_label: "Ceritakan masalahnya (minimal 10 karakter)", "Tell us what went wrong (at least 10 characters)";
    complaint_send: "Kirim keluhan", "Send the complaint";
    complaint_about_service: "Layanan Peken", "Peken's service";
    complaint_filed: "Diajukan", "Filed";
    complaint_due: "Batas waktu", "Due";
    complaint_overdue: "Lewat batas", "Overdue";
    complaint_left: "sisa", "left";
    complaint_late_by: "terlambat", "late by";
    cs_open: "Menunggu Pemkot", "Waiting for the city";
    cs_progress: "Sedang ditangani", "Being handled";
    cs_done: "Selesai", "Resolved";
    cs_rejected: "Ditolak", "Rejected";
    out_refund: "Dana dikembalikan", "Refunded";
    out_replace: "Barang diganti", "Replaced";
    out_reject: "Keluhan ditolak", "Complaint rejected";
    out_answer: "Dijawab", "Answered";
    out_refund_hint: "Pesanan dibatalkan: nilainya dikembalikan ke pembeli dan dipotong dari buku kas toko.", "The order is cancelled: its value goes back to the buyer and is taken off the shop's ledger.";
    out_replace_hint: "Toko mengirim barang pengganti; pesanan kembali selesai, tanpa perpindahan uang.", "The shop sends the goods again; the order is completed again and no money moves.";
    out_reject_hint: "Keluhan tidak terbukti; pesanan kembali selesai. Pembeli membaca alasannya.", "The complaint does not stand; the order is completed again. The buyer reads why.";
    out_answer_hint: "Keluhan ditutup dengan jawaban ini.", "The complaint is closed with this answer.";
    thread_heading: "Percakapan", "Conversation";
    who_buyer: "Pembeli", "Buyer";
    who_merchant: "Toko", "Shop";
    who_admin: "Pemkot", "City";
    reply_label: "Balasan Anda", "Your reply";
    reply_send: "Kirim balasan", "Send the reply";
    thread_closed: "Keluhan ini sudah ditutup.", "This complaint is closed.";
    resolution_heading: "Keputusan Pemkot", "The city's decision";
    resolution_reason_label: "Alasan (dibaca pembeli dan toko, minimal 5 karakter)", "Reason (the buyer and the shop read it; at least 5 characters)";
    ok_complaint_new: "Keluhan terkirim. Pemkot akan menjawab di sini.", "Complaint sent. The city will answer here.";
    ok_complaint_reply: "Balasan terkirim.", "Reply sent.";
    ok_complaint_resolved: "Keluhan diselesaikan: {outcome}.", "Complaint settled: {outcome}.";
    admin_complaints_title: "Meja keluhan — Peken", "Complaint desk — Peken";
    admin_complaints_heading: "Meja keluhan", "Complaint desk";
    admin_complaints_lead: "Keluhan terbuka diurutkan menurut batas waktu, yang lewat batas paling atas. Batas waktu: {n} hari kerja sejak diajukan (WIB, Sabtu dan Minggu tidak dihitung).", "Open complaints are sorted by deadline, overdue ones first. The deadline: {n} working days from filing (WIB; Saturdays and Sundays do not count).";
    cl_open: "Terbuka", "Open";
    cl_closed: "Selesai", "Settled";
    complaint_lists: "Daftar keluhan", "Complaint lists";
    complaints_overdue_count: "{n} lewat batas", "{n} overdue";
    complaint_empty: "Tidak ada keluhan di daftar ini.", "No complaints in this list.";
    complaint_open_link: "Tangani", "Handle";
    complaint_see: "Lihat percakapan", "See the conversation";
    complaint_back: "← Meja keluhan", "← Complaint desk";
    complaint_title: "Keluhan #{id}", "Complaint #{id}";
    complaint_buyer: "Pembeli", "Buyer";
    complaint_shop: "Toko", "Shop";
    complaint_order: "Pesanan", "Order";
    complaint_total: "Nilai pesanan", "Order value";
    complaint_order_status: "Status pesanan", "Order status";
    complaint_status: "Status keluhan", "Complaint status";
    complaint_messages: "{n} pesan dalam percakapan", "{n} in the conversation";
    complaint_in_order: "Keluhan", "Complaint";
    nav_complaints: "Keluhan", "Complaints";
    dash_title: "Dasbor Pemkot — Peken", "City dashboard — Peken";
    dash_heading: "Dasbor Pemkot", "City dashboard";
    moderation_title: "Moderasi produk — Peken", "Product moderation — Peken";
    moderation_heading: "Moderasi produk", "Product moderation";
    moderation_lead: "Produk diturunkan dari halamannya sendiri, dengan alasan yang dibaca pedagang. Pedagang memperbaikinya lalu mengajukan ulang; Pemkot menampilkannya lagi atau tetap menurunkannya.", "Products are taken down from their own page, with a reason the merchant reads. The merchant fixes it and resubmits; the city lists it again or keeps it down.";
    moderation_waiting: "Diajukan ulang, menunggu tinjauan", "Resubmitted, waiting for review";
    moderation_none_waiting: "Tidak ada produk yang menunggu.", "No product is waiting.";
    moderation_was: "Diturunkan karena:", "Taken down because:";
    moderation_resubmitted_at: "Diajukan ulang {at}", "Resubmitted {at}";
    moderation_open_product: "Lihat data produk di toko", "See the product in its shop";
    moderation_relist: "Tampilkan lagi", "List it again";
    moderation_keep_down: "Tetap turunkan", "Keep it down";
    moderation_keep_reason: "Alasan tetap diturunkan (dibaca pedagang)", "Why it stays down (the merchant reads this)";
    moderation_parity: "Harga produk yang sama berselisih lebih dari {p}%", "The same product priced more than {p}% apart";
    moderation_parity_hint: "Nama dan satuan sama di beberapa toko terverifikasi; selisih terlebar lebih dulu.", "The same name and unit in several verified shops; the widest spread first.";
    moderation_parity_change: "Ubah batas selisih", "Change the allowed spread";
    moderation_parity_none: "Tidak ada selisih harga di atas batas.", "No price spread above the limit.";
    moderation_parity_table: "Selisih harga", "Price spread";
    moderation_shops: "Toko", "Shops";
    moderation_cheapest: "Termurah", "Cheapest";
    moderation_dearest: "Termahal", "Dearest";
    moderation_spread: "Selisih", "Spread";
    moderation_words: "Kata terlarang", "Banned words";
    moderation_words_hint: "Nama atau deskripsi produk yang memuat kata ini (sebagai kata utuh) ditolak saat disimpan.", "A product name or description holding one of these (as a whole word) is refused when saved.";
    moderation_word: "Kata atau frasa baru", "New word or phrase";
    moderation_add_word: "Tambahkan", "Add";
    moderation_down: "Sedang diturunkan", "Taken down";
    moderation_none_down: "Tidak ada produk yang diturunkan.", "No product is taken down.";
    moderation_reason_col: "Alasan", "Reason";
    moderation_reason: "Tulis alasannya, {min} sampai {max} karakter: pedagang membacanya.", "Write the reason, {min} to {max} characters: the merchant reads it.";
    moderation_stale: "Produk ini sudah diputuskan petugas lain. Muat ulang halaman.", "Another officer already decided on this product. Reload the page.";
    moderation_decision_bad: "Keputusan tidak dikenal.", "Unknown decision.";
    ok_taken_down: "Produk diturunkan; pedagang melihat alasannya.", "Product taken down; the merchant sees why.";
    ok_relisted: "Produk tampil lagi.", "Product listed again.";
    ok_kept_down: "Produk tetap diturunkan; pedagang melihat alasan barunya.", "Product kept down; the merchant sees the new reason.";
    ok_word_added: "Kata terlarang ditambahkan.", "Banned word added.";
    ok_word_removed: "Kata terlarang dihapus.", "Banned word removed.";
    banned_word_bad: "Isi 2 sampai 40 huruf, paling banyak 4 kata.", "Enter 2 to 40 letters, at most 4 words.";
    banned_word_there: "Kata itu sudah ada di daftar.", "That word is already on the list.";
    banned_word_used: "Kata \"{word}\" tidak diizinkan di Peken. Ubah teksnya.", "The word \"{word}\" is not allowed on Peken. Change the text.";
    take_down_summary: "Moderasi: turunkan produk ini", "Moderation: take this product down";
    take_down_reason: "Alasan (dibaca pedagang)", "Reason (the merchant reads this)";
    take_down: "Turunkan produk", "Take the product down";
    product_taken_down: "Diturunkan Pemkot", "Taken down by the city";
    product_taken_down_why: "Alasan:", "Reason:";
    product_fix_then_resubmit: "Perbaiki produk sesuai alasan di atas dan simpan, lalu ajukan ulang. Pemkot akan menampilkannya lagi setelah ditinjau.", "Fix the product as the reason says and save it, then resubmit. The city lists it again after review.";
    product_resubmit: "Ajukan ulang ke Pemkot", "Resubmit to the city";
    product_resubmitted_wait: "Sudah diajukan ulang; menunggu tinjauan Pemkot.", "Resubmitted; waiting for the city's review.";
    product_taken_down_on: "Produk ini diturunkan Pemkot dan tidak bisa dijual lagi sebelum ditinjau. Perbaiki lalu ajukan ulang.", "The city took this product down; it cannot be sold again before review. Fix it and resubmit.";
    product_not_down: "Produk ini tidak sedang diturunkan, atau sudah diajukan ulang.", "This product is not taken down, or was already resubmitted.";
    ok_product_resubmitted: "Produk diajukan ulang ke Pemkot.", "Product resubmitted to the city.";
    set_title: "Pengaturan kota — Peken", "City settings — Peken";
    set_heading: "Pengaturan kota", "City settings";
    set_lead: "Aturan yang dijalankan Peken untuk seluruh kota. Setiap perubahan dicatat dengan nama petugas, waktu dan alasannya.", "The rules Peken applies across the city. Every change is recorded with the officer's name, the time and the reason.";
    set_cap: "Batas penjualan per toko per bulan (Rp)", "Sales cap per shop per month (Rp)";
    set_cap_hint: "Setelah penjualan sebuah toko bulan ini (pesanan yang tidak dibatalkan) mencapai batas ini, produknya tidak tampil sampai bulan berikutnya, agar belanja tersebar ke banyak toko. 0 = tanpa batas.", "Once a shop's sales this month (orders not cancelled) reach this cap, its products are not listed until next month, so that orders spread across many shops. 0 = no cap.";
    set_idle: "Toko sepi: tanpa pesanan selama (hari)", "Idle shops: no order for (days)";
    set_idle_hint: "Dasbor mendaftar toko terverifikasi tanpa pesanan selama sekian hari, agar dinas bisa membantu mereka.", "The dashboard lists verified shops with no order for this many days, so the city can help them.";
    set_sla: "Batas waktu keluhan (hari kerja)", "Complaint deadline (working days)";
    set_sla_hint: "Berlaku untuk keluhan yang masuk setelah diubah; Sabtu dan Minggu tidak dihitung.", "Applies to complaints filed after the change; Saturdays and Sundays do not count.";
    set_target: "Target ASN yang berbelanja per bulan (%)", "Target share of ASN buying each month (%)";
    set_target_hint: "Bagian ASN terdaftar di setiap OPD yang diharapkan berbelanja di Peken setiap bulan.", "The share of each OPD's registered ASN expected to shop at Peken every month.";
    set_parity: "Selisih harga produk yang sama (%)", "Price spread of the same product (%)";
    set_parity_hint: "Produk yang sama (nama dan satuan sama) di beberapa toko yang harga termahalnya lebih dari sekian persen di atas yang termurah didaftar untuk ditinjau.", "The same product (same name and unit) in several shops whose dearest price is more than this share above the cheapest is listed for review.";
    set_bounds: "Angka bulat {min} sampai {max}.", "A whole number from {min} to {max}.";
    set_last: "Terakhir diubah oleh {who}, {at}.", "Last changed by {who}, {at}.";
    set_default: "Nilai awal; belum pernah diubah.", "The initial value; never changed.";
    set_reason: "Alasan perubahan (dicatat)", "Reason for the change (recorded)";
    set_save: "Simpan pengaturan", "Save settings";
    set_saved: "Pengaturan disimpan dan dicatat.", "Settings saved and recorded.";
    set_history: "Riwayat perubahan", "Change history";
    set_no_history: "Belum ada perubahan.", "No changes yet.";
    set_when: "Waktu", "When";
    set_who: "Petugas", "Officer";
    set_what: "Perubahan dan alasan", "Change and reason";
    setting_bad: "Isi angka bulat {min} sampai {max}.", "Enter a whole number from {min} to {max}.";
    setting_nothing: "Tidak ada nilai yang diubah.", "No value was changed.";
    setting_reason: "Tulis alasan perubahan, {min} sampai {max} karakter.", "Write the reason for the change, {min} to {max} characters.";
    setting_changed: "Pengaturan ini baru saja diubah petugas lain (sekarang {now}). Periksa nilainya, lalu simpan lagi bila masih perlu.", "Another officer just changed this setting (now {now}). Check the values, then save again if still needed.";
    setting_stale_form: "Formulir ini tidak lengkap. Muat ulang halaman lalu coba lagi.", "This form is incomplete. Reload the page and try again.";
    asn_title: "Program ASN per OPD — Peken", "ASN programme by OPD — Peken";
    asn_heading: "Program belanja ASN", "ASN shopping programme";
    asn_lead: "Berapa ASN setiap OPD yang berbelanja di Peken dalam sebulan (pesanan selesai yang dibuat bulan itu), dibandingkan target {target}% dari ASN terdaftar.", "How many of each OPD's ASN shopped at Peken in a month (completed orders placed that month), against a target of {target}% of registered ASN.";
    asn_month: "Bulan", "Month";
    asn_show: "Tampilkan", "Show";
    asn_caption: "ASN yang berbelanja per OPD, {month}", "ASN who shopped, by OPD, {month}";
    asn_opd: "OPD", "OPD";
    asn_registered: "ASN terdaftar", "Registered ASN";
    asn_buyers: "Berbelanja", "Shopped";
    asn_share: "Bagian", "Share";
    asn_target_col: "Target", "Target";
    asn_spend: "Total belanja", "Total spend";
    asn_meets: "Tercapai", "Met";
    asn_below: "Belum", "Not yet";
    asn_total: "Semua OPD", "All OPDs";
    asn_met: "{met} dari {n} OPD mencapai target {target}%.", "{met} of {n} OPDs met the {target}% target.";
    asn_withheld: "disembunyikan", "withheld";
    asn_withheld_why: "Kurang dari 3 pembeli: total belanjanya tidak ditampilkan agar belanja satu ASN tidak terlihat.", "Fewer than 3 buyers: their spend is not shown so that no one ASN's purchases can be seen.";
    asn_privacy: "Hanya jumlah: tidak ada halaman atau unduhan yang menampilkan belanja seorang ASN kecuali kepada ASN itu sendiri. Total belanja kelompok dengan kurang dari 3 pembeli disembunyikan (dan, bila perlu, satu kelompok kecil lainnya, agar tidak bisa dihitung dari total).", "Totals only: no page or download shows one ASN's purchases to anyone but that ASN. The spend of groups with fewer than 3 buyers is withheld (and, where needed, one more small group, so it cannot be worked out from the total).";
    asn_change_target: "Ubah target di pengaturan kota", "Change the target in the city settings";
    dash_lead: "Angka yang sama dengan halaman Transparansi, ditambah yang hanya untuk Pemkot: penjualan per kategori, toko teraktif, dan toko yang perlu dibantu.", "The same figures as the Transparency page, plus what only the city reads: sales by category, the busiest shops, and the shops that need help.";
    dash_active_shops: "Toko aktif ({n} hari)", "Active shops ({n} days)";
    dash_overdue: "Keluhan lewat batas", "Overdue complaints";
    dash_open_complaints: "Keluhan terbuka", "Open complaints";
    dash_by_category: "Penjualan per kategori", "Sales by category";
    dash_category: "Kategori", "Category";
    dash_units: "Unit", "Units";
    dash_category_note: "Nilai barang tanpa ongkos kirim, dari pesanan selesai.", "The value of the goods without delivery, from completed orders.";
    dash_top_shops: "Toko dengan penjualan tertinggi, {n} hari terakhir", "Shops that sold most, last {n} days";
    dash_idle_shops: "Toko tanpa pesanan {n} hari terakhir", "Shops with no order in the last {n} days";
    dash_window_as_of: "Toko teratas, toko aktif dan toko sepi dihitung pada {at} dan dihitung ulang bila sudah lewat satu menit.", "Top, active and idle shops were counted at {at} and are counted again once a minute old.";
    dash_idle_note: "{count} toko terverifikasi belum mendapat pesanan; yang belum pernah laku di atas. Hubungi mereka untuk membantu foto, harga, atau pengiriman.", "{count} verified shops had no order; those that never sold come first. Contact them to help with photos, prices or delivery.";
    dash_last_order: "Pesanan terakhir", "Last order";
    dash_never: "Belum pernah", "Never";
    dash_none_idle: "Semua toko terverifikasi mendapat pesanan dalam periode ini.", "Every verified shop had an order in this period.";
    dash_links: "Pekerjaan Pemkot", "The city's work";

    nav_shops_queue: "Verifikasi toko", "Shop verification";

    // Merchant: products.
    my_products: "Produk Saya", "My products";
    add_product: "Tambah produk", "Add a product";
    edit_product: "Ubah produk", "Edit product";
    search_my_products: "Cari produk saya", "Search my products";
    no_products_yet: "Belum ada produk.", "No products yet.";
    products_wait_verification: "Produk belum tampil untuk pembeli sampai toko Anda terverifikasi.", "Products are not shown to buyers until your shop is verified.";
    product_name: "Nama produk", "Product name";
    what_product_name: "Nama produk", "The product name";
    category: "Kategori", "Category";
    category_choose: "Pilih kategori.", "Choose a category.";
    price: "Harga", "Price";
    price_rp: "Harga (Rp)", "Price (Rp)";
    price_range: "Harga harus Rp1 sampai {max}.", "The price must be from Rp1 to {max}.";
    stock: "Stok", "Stock";
    unit: "Satuan", "Unit";
    unit_choose: "Pilih satuan dari daftar.", "Choose a unit from the list.";
    weight_grams: "Berat (gram)", "Weight (grams)";
    product_description: "Deskripsi produk", "Product description";
    save_product: "Simpan produk", "Save product";
    save: "Simpan", "Save";
    on_sale: "Dijual", "On sale";
    off_sale: "Tidak dijual", "Off sale";
    put_on_sale: "Jual lagi", "Put on sale";
    take_off_sale: "Hentikan penjualan", "Take off sale";
    product_off_sale_note: "Produk ini sedang tidak dijual. Aktifkan dari daftar produk.", "This product is off sale. Turn it on from the product list.";
    low_stock: "Stok menipis: {n}", "Low stock: {n}";
    units_sold: "{n} terjual", "{n} sold";
    duplicate: "Salin produk", "Duplicate";
    copy_word: "salinan", "copy";
    delete_product: "Hapus produk", "Delete product";
    delete_hint: "Produk yang pernah dipesan tidak dihapus tetapi diarsipkan, agar riwayat pesanan tetap utuh.", "A product that was ever ordered is archived instead, so past orders stay intact.";
    product_not_found: "Produk tidak ditemukan di toko Anda.", "No such product in your shop.";
    back_to_products: "Kembali ke Produk Saya", "Back to my products";
    photos_n_of: "Foto ({n} dari {max})", "Photos ({n} of {max})";
    choose_photo: "Pilih atau ambil foto", "Choose or take a photo";
    photo_hint: "JPEG, PNG atau WebP, paling besar 8 MB.", "JPEG, PNG or WebP, at most 8 MB.";
    upload_photo: "Unggah foto", "Upload photo";
    photo_too_large: "Foto terlalu besar: paling besar 8 MB.", "The photo is too large: at most 8 MB.";
    photo_not_image: "Berkas ini bukan foto JPEG, PNG atau WebP.", "This file is not a JPEG, PNG or WebP photo.";
    photo_too_many_pixels: "Ukuran gambar terlalu besar (lebih dari 12.000 piksel per sisi).", "The picture is too big (over 12,000 pixels a side).";
    photo_unreadable: "Foto tidak bisa dibaca; mungkin rusak atau terpotong. Coba foto lain.", "The photo cannot be read; it may be damaged or cut short. Try another.";
    photos_full: "Sudah 5 foto. Hapus satu dulu.", "Already 5 photos. Remove one first.";
    photo_missing: "Pilih foto dulu.", "Choose a photo first.";

    // Merchant: orders.
    needs_action_n: "Perlu tindakan: {n}", "Needs action: {n}";
    updated_at: "Diperbarui", "Updated";
    no_shop_orders: "Belum ada pesanan.", "No orders yet.";
    accept_order: "Terima pesanan", "Accept order";
    reject_order: "Tolak pesanan", "Refuse order";
    reject_reason: "Alasan menolak (dikirim ke pembeli)", "Reason (sent to the buyer)";
    reject_reason_needed: "Tulis alasan menolak (5–200 karakter).", "Write the reason (5–200 characters).";
    courier_name: "Nama kurir", "Courier";
    courier_phone: "HP kurir", "Courier's phone";
    mark_sent: "Tandai dikirim", "Mark as sent";
    ready_for_pickup: "Siap diambil / sudah diambil", "Ready for / picked up";
    picked_up_by_buyer: "Diambil pembeli", "Collected by buyer";
    mark_delivered: "Tandai sudah diterima", "Mark as delivered";
    mark_delivered_cod: "Sudah diterima, uang tunai diterima", "Delivered, cash received";
    pickup_by_buyer: "Diambil pembeli", "Buyer collects";
    order_waiting_long: "Menunggu terlalu lama", "Waiting too long";
    packing_slip: "Slip pengiriman", "Packing slip";
    from_shop: "Dari", "From";
    qty: "Jml", "Qty";
    collect_cash: "Bayar di tempat: tagih uang tunai sesuai total.", "Cash on delivery: collect the total in cash.";
    back_to_inbox: "Kembali ke pesanan", "Back to orders";
    live_on: "Pesanan baru muncul otomatis.", "New orders appear by themselves.";
    live_off: "Sambungan terputus; menyambung lagi…", "Connection lost; reconnecting…";
    live_new_order: "Pesanan baru masuk!", "A new order arrived!";
    live_old_data: "Ini data saat terakhir tersambung; muat ulang bila sinyal sudah ada.", "This is the data from when you were last connected; reload once you have signal.";

    // Merchant: sales and money.
    sales: "Penjualan", "Sales";
    today: "Hari ini", "Today";
    last_n_days: "{n} hari terakhir", "Last {n} days";
    n_orders: "{n} pesanan", "orders: {n}";
    best_sellers: "Terlaris (30 hari)", "Best sellers (30 days)";
    no_sales_yet: "Belum ada penjualan.", "No sales yet.";
    ledger: "Buku kas", "Ledger";
    balance_owed: "Saldo yang akan dicairkan", "Balance to be paid out";
    ledger_hint: "Pesanan bayar di tempat (dalam kurung) sudah Anda terima tunai dan tidak dicairkan.", "Cash-on-delivery orders (in brackets) were paid to you in cash and are not paid out.";
    ledger_empty: "Belum ada catatan.", "Nothing recorded yet.";
    ledger_sale: "Penjualan", "Sale";
    ledger_sale_cash: "Penjualan tunai", "Cash sale";
    ledger_refund: "Pengembalian dana", "Refund";
    ledger_settlement: "Pencairan", "Payout";
    date: "Tanggal", "Date";
    amount: "Jumlah", "Amount";
    download_csv: "Unduh CSV", "Download CSV";

    // Merchant: notices.
    ok_shop_applied: "Data toko tersimpan.", "Shop details saved.";
    ok_product_saved: "Produk tersimpan.", "Product saved.";
    ok_product_changed: "Perubahan tersimpan.", "Change saved.";
    ok_product_copied: "Produk disalin. Salinan belum dijual sampai Anda mengaktifkannya.", "Product copied. The copy is off sale until you turn it on.";
    ok_product_deleted: "Produk dihapus.", "Product deleted.";
    ok_product_archived: "Produk pernah dipesan, jadi diarsipkan (tidak tampil lagi).", "The product was ordered before, so it was archived (no longer shown).";
    ok_photo_added: "Foto ditambahkan.", "Photo added.";
    ok_photo_removed: "Foto dihapus.", "Photo removed.";
    ok_shop_photo: "Foto toko diganti.", "Shop photo changed.";
    ok_order_accepted: "Pesanan diterima. Siapkan barangnya.", "Order accepted. Get it ready.";
    ok_order_rejected: "Pesanan ditolak; stok dikembalikan dan pembeli diberi tahu.", "Order refused; stock restored and the buyer told.";
    ok_order_sent: "Pesanan ditandai dikirim.", "Order marked as sent.";
    ok_order_done: "Pesanan selesai.", "Order completed.";

    // Shop directory and shops in search.
    shops_title: "Semua toko", "All shops";
    shops_description: "Toko kelontong dan UMKM terverifikasi di 31 kecamatan Surabaya: cari menurut nama, kecamatan, jenis usaha, atau toko keluarga MBR.", "Verified neighbourhood shops and small businesses in Surabaya's 31 districts: find them by name, district, kind, or low-income (MBR) household.";
    shops_lead: "Toko kelontong dan UMKM terverifikasi. Urutan berganti tiap hari agar semua toko dapat giliran di atas.", "Verified neighbourhood shops and small businesses. The order changes daily so every shop gets a turn at the top.";
    mbr_explain_short: "— toko milik keluarga berpenghasilan rendah (MBR) yang terdaftar di Pemkot Surabaya. Belanja di sini membantu mereka langsung.", "— a shop owned by a low-income (MBR) household registered with the city. Buying here helps them directly.";
    n_shops: "{n} toko", "shops: {n}";
    no_shops_found: "Tidak ada toko yang cocok. Coba kurangi filter atau periksa ejaan nama toko.", "No shop matches. Try fewer filters or check the shop's name.";
    all_shops: "Lihat semua toko", "See all shops";
    see_all_shops: "Lihat semua toko →", "See all shops →";
    find_shop: "Cari toko", "Find a shop";
    shop_name_placeholder: "Nama toko", "Shop name";
    shops_matching: "Toko yang cocok", "Matching shops";
    mbr_hint: "MBR: toko milik keluarga berpenghasilan rendah yang terdaftar di Pemkot Surabaya.", "MBR: shops of low-income households registered with the city.";
    shops_matching_all: "Semua {n} toko yang cocok →", "All matching shops ({n}) →";
    products_heading: "Produk", "Products";
    search_label_page: "Cari dan saring produk", "Search and filter products";

    // Category names (by slug).
    cat_sembako: "Sembako", "Staples";
    cat_minuman: "Minuman", "Drinks";
    cat_makanan_ringan: "Makanan Ringan", "Snacks";
    cat_bumbu_dapur: "Bumbu Dapur", "Spices and seasoning";
    cat_kebutuhan_rumah: "Kebutuhan Rumah", "Household";
    cat_perawatan_diri: "Perawatan Diri", "Personal care";
    cat_kue: "Kue dan Roti", "Cakes and bread";
    cat_makanan_olahan: "Makanan Olahan", "Prepared foods";
    cat_kerajinan: "Kerajinan", "Crafts";
    cat_batik: "Batik dan Busana", "Batik and clothing";

    // Offline.
    offline_title: "Sedang offline — Peken", "Offline — Peken";
    offline_heading: "Anda sedang offline", "You are offline";
    offline_text: "Halaman ini belum bisa dimuat karena tidak ada koneksi internet. Halaman toko dan produk yang pernah Anda buka tetap bisa dilihat.", "This page cannot load without an internet connection. Shop and product pages you opened before can still be viewed.";
    try_again: "Coba lagi", "Try again";
}

/// A category's name in the page's language (the stored name when the
/// slug has no translation, e.g. a category the city added later).
pub fn category_name(t: &Texts, slug: &str, stored: &str) -> String {
    let known = match slug {
        "sembako" => t.cat_sembako,
        "minuman" => t.cat_minuman,
        "makanan-ringan" => t.cat_makanan_ringan,
        "bumbu-dapur" => t.cat_bumbu_dapur,
        "kebutuhan-rumah" => t.cat_kebutuhan_rumah,
        "perawatan-diri" => t.cat_perawatan_diri,
        "kue" => t.cat_kue,
        "makanan-olahan" => t.cat_makanan_olahan,
        "kerajinan" => t.cat_kerajinan,
        "batik" => t.cat_batik,
        _ => stored,
    };
    known.to_string()
}

/// English names of the units merchants sell by: (unit, one, many).
const UNITS_EN: &[(&str, &str, &str)] = &[
    ("pcs", "piece", "pieces"),
    ("buah", "piece", "pieces"),
    ("bungkus", "pack", "packs"),
    ("botol", "bottle", "bottles"),
    ("kaleng", "can", "cans"),
    ("karung", "sack", "sacks"),
    ("kg", "kg", "kg"),
    ("gram", "g", "g"),
    ("liter", "litre", "litres"),
    ("kotak", "box", "boxes"),
    ("lembar", "length", "lengths"),
    ("loyang", "whole cake", "whole cakes"),
    ("pak", "pack", "packs"),
    ("pouch", "pouch", "pouches"),
    ("renceng", "strip", "strips"),
    ("sachet", "sachet", "sachets"),
    ("set", "set", "sets"),
    ("toples", "jar", "jars"),
    ("tube", "tube", "tubes"),
    ("porsi", "meal pack", "meal packs"),
    ("ikat", "bunch", "bunches"),
    ("lusin", "dozen", "dozen"),
    ("dus", "carton", "cartons"),
    ("tray", "tray", "trays"),
    ("galon", "water jug", "water jugs"),
    ("besek", "bamboo basket", "bamboo baskets"),
];

/// A unit as the page's language says it for `n` of them: Indonesian
/// units stay as they are (Indonesian does not mark the plural).
pub fn unit_name(locale: Locale, unit: &str, n: i64) -> String {
    match locale {
        Locale::Id => unit.to_string(),
        Locale::En => UNITS_EN
            .iter()
            .find(|(u, _, _)| *u == unit)
            .map(|(_, one, many)| if n == 1 { *one } else { *many })
            .unwrap_or(unit)
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unit_and_category_has_english() {
        for unit in crate::model::merchant::UNITS {
            assert!(
                UNITS_EN.iter().any(|(u, _, _)| u == unit),
                "{unit} has no English name"
            );
        }
        assert_eq!(unit_name(Locale::En, "bungkus", 104), "packs");
        assert_eq!(unit_name(Locale::En, "bungkus", 1), "pack");
        assert_eq!(unit_name(Locale::Id, "bungkus", 104), "bungkus");
        for slug in [
            "sembako",
            "minuman",
            "makanan-ringan",
            "bumbu-dapur",
            "kebutuhan-rumah",
            "perawatan-diri",
            "kue",
            "makanan-olahan",
            "kerajinan",
            "batik",
        ] {
            assert_ne!(category_name(&EN, slug, "?"), "?", "{slug}");
            assert_ne!(
                category_name(&EN, slug, "?"),
                category_name(&ID, slug, "?"),
                "{slug}"
            );
        }
    }

    #[test]
    fn both_languages_fill_every_text_with_the_same_slots() {
        let slots = |s: &str| {
            let mut v: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(name, _)| name.to_string()))
                .collect();
            v.sort();
            v
        };
        for (key, id, en) in all_texts() {
            assert!(!id.trim().is_empty(), "{key}: Indonesian text is empty");
            assert!(!en.trim().is_empty(), "{key}: English text is empty");
            assert_eq!(slots(id), slots(en), "{key}: slots differ");
        }
    }

    #[test]
    fn fill_replaces_named_slots() {
        assert_eq!(
            fill(EN.results_for, &[("n", &12), ("q", &"kopi")]),
            "12 products for “kopi”"
        );
        assert_eq!(fill(ID.greeting, &[("name", &"Sri")]), "Halo, Sri");
        // A value is never filled again.
        assert_eq!(
            fill(ID.corrected, &[("typed", &"{used}"), ("used", &"kopi")]),
            "Tidak ada hasil untuk “{used}”. Menampilkan hasil untuk “kopi”."
        );
    }

    #[test]
    fn locales_parse_from_their_codes() {
        for l in Locale::ALL {
            assert_eq!(Locale::parse(l.code()), Some(l));
        }
        assert_eq!(Locale::parse("fr"), None);
        assert_eq!(Locale::default(), Locale::Id);
    }
}
