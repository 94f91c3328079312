//! `peken`: serve the marketplace, migrate, load demo data, create admins.

mod config;
mod jobs;
mod router;
mod serve;
#[cfg(test)]
mod tests;
mod web;

use anyhow::{bail, Context, Result};
use app::{
    model::{validate_email, validate_name, Role},
    server::{
        accounts::Accounts,
        auth::hash_password,
        demo::{self, DemoSize},
        passwords::check_new_password,
        session::Client,
        session::SessionConfig,
        store::{NewUser, Payout},
        Store,
    },
};
use clap::{Parser, Subcommand};
use config::Config;
use std::time::Instant;

/// Rendering a page makes thousands of small allocations; mimalloc serves
/// them faster than the system allocator under concurrent requests.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "peken",
    version,
    about = "Peken: pasar daring toko kelontong dan UMKM kota"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Apply migrations and serve HTTP (the default).
    Serve {
        /// Load the demo marketplace if the database has no shops yet.
        #[arg(long, env = "PEKEN_DEMO", value_parser = clap::builder::BoolishValueParser::new())]
        demo: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load data into an empty marketplace.
    Seed {
        /// The generated Surabaya demo marketplace.
        #[arg(long, required = true)]
        demo: bool,
        /// Random seed; the same seed gives the same data.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Generate a bigger catalog of about this many products (for
        /// benchmarks: about 15 per shop) instead of the usual demo.
        #[arg(long)]
        products: Option<usize>,
        /// With about this many orders of history (benchmarks; the
        /// months and their growth stay those of the demo).
        #[arg(long)]
        orders: Option<usize>,
        /// Do not write the demo product pictures.
        #[arg(long)]
        no_photos: bool,
    },
    /// Create an administrator account. The password is read from
    /// PEKEN_ADMIN_PASSWORD or, if unset, from the first line of stdin.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
    /// For race tests and benchmarks: creates `buyers` signed-in buyers with
    /// an address each, sets one product's stock to `stock` (and a product
    /// of another shop to `other_stock`), and prints them as JSON.
    LoadFixture {
        #[arg(long)]
        buyers: usize,
        #[arg(long)]
        stock: i64,
        #[arg(long, default_value_t = 1_000_000)]
        other_stock: i64,
    },
    /// The city's decision on a shop (recorded in the audit log, as the
    /// admin pages do): verify a pending application or lift a suspension;
    /// with --fix / --reject / --suspend send it back, refuse it for good
    /// or stop its sales.
    VerifyShop {
        /// The shop's id or slug.
        shop: String,
        /// Send the application back to be fixed, with the reason the merchant reads.
        #[arg(long, conflicts_with_all = ["reject", "suspend"])]
        fix: Option<String>,
        /// Reject the application for good, with the reason the merchant reads.
        #[arg(long, conflicts_with = "suspend")]
        reject: Option<String>,
        /// Suspend a verified shop, with the reason the merchant reads.
        #[arg(long)]
        suspend: Option<String>,
    },
    /// Records a payout made to a shop (its ledger's balance goes down by
    /// `amount` rupiah); audited.
    RecordPayout {
        /// The shop's id or slug.
        shop: String,
        #[arg(long)]
        amount: i64,
        /// What the shop reads in its ledger, e.g. the transfer reference.
        #[arg(long)]
        note: String,
    },
    /// For benchmarks: a merchant with a verified shop of `products`
    /// products, signed in; prints `{"cookie": …, "shop": …}` as JSON.
    MerchantFixture {
        #[arg(long, default_value_t = 500)]
        products: usize,
    },
    /// For benchmarks: times the photo pipeline on a generated photo of
    /// `width` × `height` pixels, `rounds` times, and prints the figures.
    BenchPhoto {
        #[arg(long, default_value_t = 4000)]
        width: u32,
        #[arg(long, default_value_t = 3000)]
        height: u32,
        #[arg(long, default_value_t = 5)]
        rounds: usize,
    },
    /// Change a user's role (recorded in the audit log).
    SetRole {
        #[arg(long)]
        email: String,
        /// asn, umum, merchant or admin
        #[arg(long)]
        role: String,
    },
}

/// Errors are printed for people (no backtrace), with a failing exit code.
#[tokio::main]
async fn main() -> std::process::ExitCode {
    match run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Galat: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,tower_http=info".into()),
        )
        .init();
    let cli = Cli::parse();
    let config = Config::from_env()?;
    // No subcommand means `serve`, parsed by clap so its env (PEKEN_DEMO) applies.
    let command = match cli.command {
        Some(c) => c,
        None => Cli::parse_from(["peken", "serve"])
            .command
            .expect("serve parses"),
    };

    let store = Store::connect(&config.database_url, config.max_connections)
        .await
        .with_context(|| format!("connecting to {}", config.database_for_log()))?;
    store.migrate().await.context("applying migrations")?;
    tracing::info!(database = %config.database_for_log(), backend = ?store.backend(), "database ready");

    let result = match command {
        Command::Serve { demo } => {
            if demo && !store.has_shops().await? {
                seed_demo(&store, &config, 2026, DemoSize::FULL, true).await?;
            }
            let mut config = config;
            config.demo = demo;
            serve::serve(store.clone(), config).await
        }
        Command::Migrate => {
            println!("Migrasi selesai.");
            Ok(())
        }
        Command::Seed {
            demo: _,
            seed,
            products,
            orders,
            no_photos,
        } => {
            let mut size = match products {
                None => DemoSize::FULL,
                Some(n) if n >= 15 => DemoSize::with_products(n),
                Some(n) => bail!("--products harus minimal 15 (didapat {n})"),
            };
            if let Some(n) = orders {
                size = size.with_orders(n);
            }
            seed_demo(&store, &config, seed, size, !no_photos).await
        }
        Command::CreateAdmin { email, name } => create_admin(&store, &email, &name).await,
        Command::LoadFixture {
            buyers,
            stock,
            other_stock,
        } => load_fixture(&store, &config, buyers, stock, other_stock).await,
        Command::SetRole { email, role } => set_role(&store, &config, &email, &role).await,
        Command::RecordPayout { shop, amount, note } => {
            record_payout(&store, &shop, amount, &note).await
        }
        Command::MerchantFixture { products } => merchant_fixture(&store, products).await,
        Command::BenchPhoto {
            width,
            height,
            rounds,
        } => bench_photo(width, height, rounds),
        Command::VerifyShop {
            shop,
            fix,
            reject,
            suspend,
        } => verify_shop(&store, &shop, fix, reject, suspend).await,
    };
    store.close().await;
    result
}

async fn record_payout(store: &Store, key: &str, amount: i64, note: &str) -> Result<()> {
    let Some(shop) = store.shop_by_key(key).await? else {
        bail!("Toko '{key}' tidak ditemukan.");
    };
    if amount <= 0 {
        bail!("Jumlah pencairan harus lebih dari 0 (didapat {amount}).");
    }
    let note = note.trim();
    if note.is_empty() || note.chars().count() > 120 {
        bail!("Tulis catatan pencairan (1–120 karakter), misalnya nomor transfer.");
    }
    // The balance is checked in the same transaction that writes the line.
    match store
        .pay_out(shop.id, amount, note, None, chrono::Utc::now())
        .await?
    {
        Payout::Recorded { balance } => {
            println!(
                "Pencairan Rp{amount} untuk {} dicatat; saldo sekarang Rp{balance}.",
                shop.slug
            );
            Ok(())
        }
        Payout::Short { balance } => bail!(
            "Saldo toko {} hanya Rp{balance}; pencairan Rp{amount} melebihinya.",
            shop.slug
        ),
    }
}

async fn merchant_fixture(store: &Store, products: usize) -> Result<()> {
    use app::model::merchant::{ProductInput, ShopForm};
    let now = chrono::Utc::now();
    let n: u32 = rand::Rng::gen_range(&mut rand::thread_rng(), 0..90_000_000);
    let id = store
        .create_user(
            &NewUser {
                role: Role::Merchant,
                name: "Penjual Uji".into(),
                email: Some(format!("penjual-uji{n}@contoh.test")),
                phone: None,
                nip: None,
                opd_id: None,
                password_hash: hash_password(&format!("{n}-tidak-dipakai"))
                    .as_str()
                    .to_string(),
            },
            now,
        )
        .await?;
    let input = ShopForm {
        name: format!("Toko Uji {n}"),
        kind: "toko_kelontong".into(),
        nik: "3578011208850001".into(),
        kecamatan: "Gubeng".into(),
        kelurahan: "Airlangga".into(),
        address: "Jl. Airlangga 12".into(),
        phone: "081234567890".into(),
        bank_name: "Bank Jatim".into(),
        bank_account: "0011223344".into(),
        bank_holder: "Penjual Uji".into(),
        ..Default::default()
    }
    .validate(&app::i18n::ID)
    .map_err(|e| anyhow::anyhow!("fixture shop: {e:?}"))?;
    let shop = store
        .apply_shop(id, &input, now)
        .await?
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    store
        .decide_shop(
            shop,
            app::domain::review::ShopDecision::Approve,
            None,
            None,
            None,
            now,
        )
        .await?
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    for i in 0..products {
        let p = ProductInput {
            name: format!("Produk Uji {i:04}"),
            category: "sembako".into(),
            description: "Untuk pengukuran.".into(),
            price: 1_000 + (i as i64 % 97) * 500,
            stock: (i as i64 * 7) % 60,
            unit: "pcs".into(),
            weight_grams: 100,
        };
        store.save_product(shop, None, &p, now).await?;
    }
    let (token, token_hash) = app::server::session::new_token();
    store
        .create_session(
            &app::server::store::NewSession {
                token_hash: &token_hash,
                user_id: id,
                expires_at: now + chrono::Duration::days(1),
                user_agent: Some("merchant-fixture"),
                ip: None,
            },
            now,
        )
        .await?;
    println!(
        "{}",
        serde_json::json!({ "cookie": format!("peken_sesi={token}"), "shop": shop })
    );
    Ok(())
}

fn bench_photo(width: u32, height: u32, rounds: usize) -> Result<()> {
    use app::server::media::{process, samples};
    let jpeg = samples::jpeg(width, height);
    let mut ms = Vec::with_capacity(rounds);
    for _ in 0..rounds.max(1) {
        let started = Instant::now();
        let v = process(&jpeg).map_err(|e| anyhow::anyhow!("{e:?}"))?;
        ms.push(started.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(v.len(), 3);
    }
    ms.sort_by(f64::total_cmp);
    println!(
        "photo {width}x{height} ({:.1} MB JPEG): median {:.0} ms, best {:.0} ms, worst {:.0} ms over {} rounds",
        jpeg.len() as f64 / 1e6,
        ms[ms.len() / 2],
        ms[0],
        ms[ms.len() - 1],
        ms.len()
    );
    Ok(())
}

async fn verify_shop(
    store: &Store,
    key: &str,
    fix: Option<String>,
    reject: Option<String>,
    suspend: Option<String>,
) -> Result<()> {
    use app::domain::review::{check_reason, ShopDecision};
    use app::server::store::VerifyRefusal;
    let Some(shop) = store.shop_by_key(key).await? else {
        bail!("Toko '{key}' tidak ditemukan.");
    };
    let (decision, reason) = match (fix, reject, suspend) {
        (Some(r), _, _) => (ShopDecision::AskFix, Some(r)),
        (_, Some(r), _) => (ShopDecision::Reject, Some(r)),
        (_, _, Some(r)) => (ShopDecision::Suspend, Some(r)),
        _ if shop.status == "suspended" => (ShopDecision::Lift, None),
        _ => (ShopDecision::Approve, None),
    };
    let Ok(reason) = check_reason(decision, reason.as_deref()) else {
        bail!("Tulis alasan yang dibaca pemilik toko (5–500 karakter).");
    };
    match store
        .decide_shop(
            shop.id,
            decision,
            reason.as_deref(),
            None,
            None,
            chrono::Utc::now(),
        )
        .await?
    {
        Ok(()) => {
            println!(
                "Toko {} ({}) sekarang: {}.",
                shop.name,
                shop.slug,
                decision.to()
            );
            Ok(())
        }
        Err(VerifyRefusal::NotFound) => bail!("Toko '{key}' tidak ditemukan."),
        Err(VerifyRefusal::Changed) => bail!("Toko {} baru saja berubah; coba lagi.", shop.slug),
        Err(VerifyRefusal::Stale { status }) => {
            bail!(
                "Toko {} berstatus {status}; keputusan '{}' tidak berlaku untuknya.",
                shop.slug,
                decision.as_str()
            )
        }
    }
}

async fn seed_demo(
    store: &Store,
    config: &Config,
    seed: u64,
    size: DemoSize,
    photos: bool,
) -> Result<()> {
    if store.has_shops().await? {
        bail!("Database sudah berisi toko; data demo hanya dimuat ke pasar yang kosong.");
    }
    let started = Instant::now();
    let data = demo::generate(seed, size, chrono::Utc::now());
    let hash = hash_password(demo::DEMO_PASSWORD);
    let counts = store.import_demo(&data, hash.as_str()).await?;
    if photos {
        demo::write_photos(&data.products, &config.media_dir)
            .with_context(|| format!("writing photos to {}", config.media_dir.display()))?;
    }
    tracing::info!(
        ?counts,
        elapsed_ms = started.elapsed().as_millis() as u64,
        "demo data loaded"
    );
    println!(
        "Data demo dimuat: {} toko, {} produk, {} pesanan. Semua akun demo memakai kata sandi \"{}\".",
        counts.shops,
        counts.products,
        counts.orders,
        demo::DEMO_PASSWORD
    );
    // One account of each kind to try the marketplace with.
    for (role, what) in [
        (Role::Asn, "ASN"),
        (Role::Umum, "pembeli umum"),
        (Role::Merchant, "penjual"),
        (Role::Admin, "petugas Pemkot (verifikasi toko: /admin/toko)"),
    ] {
        if let Some(u) = data.users.iter().find(|u| u.role == role) {
            println!("  Contoh akun {what}: {} (atau {})", u.email, u.phone);
        }
    }
    Ok(())
}

async fn load_fixture(
    store: &Store,
    config: &Config,
    buyers: usize,
    stock: i64,
    other_stock: i64,
) -> Result<()> {
    use rand::Rng;
    let now = chrono::Utc::now();
    let products = store.newest_products(200).await?;
    let hot = products
        .first()
        .context("no products: load the demo first")?;
    let other = products
        .iter()
        .find(|p| p.shop_slug != hot.shop_slug)
        .context("the fixture needs products of two shops")?;
    store.set_stock(hot.id, stock).await?;
    store.set_stock(other.id, other_stock).await?;
    let mut secret = [0u8; 16];
    rand::thread_rng().fill(&mut secret);
    let hash = hash_password(&format!("{secret:x?}"));
    let sessions = SessionConfig::new(config.secure());
    let base: u32 = rand::thread_rng().gen_range(0..90_000_000);
    let mut out = Vec::with_capacity(buyers);
    for i in 0..buyers as u32 {
        let n = base + i;
        let id = store
            .create_user(
                &NewUser {
                    role: Role::Umum,
                    name: format!("Pembeli Uji {i}"),
                    email: Some(format!("uji{n}@contoh.test")),
                    phone: Some(format!("+62899{n:08}")),
                    nip: None,
                    opd_id: None,
                    password_hash: hash.as_str().to_string(),
                },
                now,
            )
            .await?;
        let (token, token_hash) = app::server::session::new_token();
        store
            .create_session(
                &app::server::store::NewSession {
                    token_hash: &token_hash,
                    user_id: id,
                    expires_at: now + chrono::Duration::days(1),
                    user_agent: Some("load-fixture"),
                    ip: None,
                },
                now,
            )
            .await?;
        let address = store
            .save_address(
                id,
                None,
                &app::model::AddressInput {
                    label: "Rumah".into(),
                    recipient: format!("Pembeli Uji {i}"),
                    phone: "+6281234567890".into(),
                    kecamatan: "Gubeng".into(),
                    kelurahan: "Airlangga".into(),
                    street: "Jl. Dharmawangsa 5".into(),
                    rt_rw: None,
                    notes: None,
                    pin: None,
                    is_default: true,
                },
                now,
            )
            .await?;
        out.push(serde_json::json!({
            "cookie": format!("{}={token}", sessions.cookie_name()),
            "address": address,
        }));
    }
    // A spread of products for benchmarks (stock to spare, none of them
    // the race's product).
    let mut spread = Vec::new();
    for (id, shop, price) in store.products_for_load(400).await? {
        if id != hot.id {
            store.set_stock(id, other_stock).await?;
            spread.push(serde_json::json!({ "id": id, "shop_id": shop, "price": price, "stock": other_stock }));
        }
    }
    let shop_of = |slug: &str| slug.to_string();
    println!(
        "{}",
        serde_json::json!({
            "spread": spread,
            "buyers": out,
            "hot": { "id": hot.id, "shop": shop_of(&hot.shop_slug), "price": hot.price, "stock": stock },
            "other": { "id": other.id, "shop": shop_of(&other.shop_slug), "price": other.price, "stock": other_stock },
        })
    );
    Ok(())
}

async fn create_admin(store: &Store, email: &str, name: &str) -> Result<()> {
    let password = match std::env::var("PEKEN_ADMIN_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            let mut line = String::new();
            std::io::stdin().read_line(&mut line)?;
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    if let Err(msg) = check_new_password(&password, &[]) {
        bail!("{msg}");
    }
    let Ok(Some(email)) = validate_email(email) else {
        bail!("Email admin tidak valid.");
    };
    let name = validate_name(name).map_err(|m| anyhow::anyhow!("{m}"))?;
    let user = NewUser {
        role: Role::Admin,
        name,
        email: Some(email.clone()),
        phone: None,
        nip: None,
        opd_id: None,
        password_hash: hash_password(&password).as_str().to_string(),
    };
    let now = chrono::Utc::now();
    let id = match store.create_user(&user, now).await {
        Ok(id) => id,
        Err(app::server::store::StoreError::Taken(_)) => {
            bail!("Email {email} sudah terdaftar.")
        }
        Err(e) => return Err(e.into()),
    };
    store
        .audit_from(
            None,
            "admin.created",
            Some(("user", id)),
            Some(&email),
            Some("cli"),
            now,
        )
        .await?;
    println!("Admin {email} dibuat.");
    Ok(())
}

async fn set_role(store: &Store, config: &Config, email: &str, role: &str) -> Result<()> {
    let role = Role::parse(role).ok_or_else(|| {
        anyhow::anyhow!("Peran tidak dikenal: {role}. Pilih asn, umum, merchant, atau admin.")
    })?;
    let email = email.trim().to_lowercase();
    let Some(id) = store.user_id_by_email(&email).await? else {
        bail!("Tidak ada akun dengan email {email}.");
    };
    let accounts = Accounts {
        store: store.clone(),
        sessions: SessionConfig::new(config.secure()),
        limits: config.rate_limits.clone(),
    };
    let client = Client {
        ip: "cli".into(),
        user_agent: None,
        token: None,
        now: chrono::Utc::now(),
        t: &app::i18n::ID,
    };
    match accounts.set_role(id, role, &client).await {
        Ok(old) => {
            println!("Peran {email}: {} -> {}.", old.as_str(), role.as_str());
            Ok(())
        }
        Err(app::server::store::StoreError::Check(_)) => {
            bail!("Peran asn butuh NIP dan OPD; akun ini tidak punya.")
        }
        Err(e) => Err(e.into()),
    }
}
