//! The merchant's side: their shop application, products, order inbox and
//! money. Every function asks for [`Action::Sell`](crate::domain::Action)
//! first, then finds the signed-in owner's own shop; every record it
//! touches is looked up with that shop's id, so another shop's product or
//! order is "not found".

use super::Done;
use crate::model::merchant::{InboxOrder, ProductForm, ShopForm};
use crate::model::{AppError, Photo};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// The signed-in merchant's shop as their pages show it (NIK and account
/// number masked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShopSummary {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub is_mbr: bool,
    pub status: String,
    pub status_reason: Option<String>,
    /// After a refusal: whether the owner may fix and file again.
    pub may_refile: bool,
    pub nik_masked: Option<String>,
    pub account_masked: Option<String>,
    pub photo: Option<String>,
}

/// The application form: what is filed already, and the choices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShopFormData {
    pub shop: Option<ShopSummary>,
    /// The form pre-filled (NIK left empty: typing it again is asked only
    /// when changing it).
    pub form: ShopForm,
    pub kecamatan: Vec<String>,
}

/// One period's sales.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalesFigure {
    pub days: i64,
    pub orders: i64,
    pub revenue: i64,
}

/// One line of the ledger as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerRow {
    pub kind: String,
    pub order_code: Option<String>,
    pub amount: i64,
    pub cash: bool,
    pub note: Option<String>,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// The merchant's home: the shop's state, sales, best sellers, money.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MerchantHomeView {
    pub shop: Option<ShopSummary>,
    pub needs_action: i64,
    pub sales: Vec<SalesFigure>,
    /// (name, units, revenue) over 30 days.
    pub best: Vec<(String, i64, i64)>,
    pub balance: i64,
    pub ledger: Vec<LedgerRow>,
    /// The city's decisions on the shop (and its filings), newest first.
    pub history: Vec<crate::model::review::DecisionLine>,
    /// This month's sales against the city's monthly cap, if there is one.
    #[serde(default)]
    pub month_cap: Option<MonthCap>,
}

/// A shop's sales this WIB month against the city's cap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCap {
    pub sales: i64,
    pub cap: i64,
    /// Reached: the products are not listed until `until`.
    pub reached: bool,
    pub until: chrono::DateTime<chrono::Utc>,
}

/// One row of the product list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductRowView {
    pub id: i64,
    pub name: String,
    pub price: i64,
    pub stock: i64,
    pub unit: String,
    pub is_active: bool,
    /// The city took it down.
    #[serde(default)]
    pub taken_down: bool,
    pub sold: i64,
    pub photo: Option<String>,
}

/// The product list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductsView {
    pub shop: ShopSummary,
    pub rows: Vec<ProductRowView>,
    pub q: String,
    pub page: i64,
    pub has_more: bool,
}

/// A product's edit page (or a new product's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductEditView {
    pub shop: ShopSummary,
    pub id: Option<i64>,
    pub form: ProductForm,
    pub is_active: bool,
    pub photos: Vec<(i64, Photo)>,
    /// (slug, name)
    pub categories: Vec<(String, String)>,
    /// Taken down by the city: why, and whether it was resubmitted.
    #[serde(default)]
    pub takedown: Option<(String, bool)>,
}

/// The order inbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxView {
    pub shop: ShopSummary,
    pub orders: Vec<InboxOrder>,
    pub status: Option<String>,
    pub needs_action: i64,
    pub page: i64,
    pub has_more: bool,
    /// The newest event id when the page was made: the live stream
    /// starts after it.
    pub last_event: i64,
    /// Orders untouched this long are flagged.
    pub stale_minutes: i64,
    pub now: chrono::DateTime<chrono::Utc>,
}

/// The form to apply for (or update) the shop.
#[server(name = LoadShopForm, prefix = "/api", endpoint = "toko-saya/formulir", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn shop_form() -> Result<ShopFormData, AppError> {
    super::edge(ssr::shop_form().await)
}

/// Files the shop application (or changes the shop's details).
#[server(prefix = "/api", endpoint = "toko-saya/daftar")]
// NIK, phone and bank account stay out of the logs.
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn apply_shop(#[server(flatten)] form: ShopForm) -> Result<Done, AppError> {
    super::edge(ssr::apply(form).await)
}

/// The merchant's home page.
#[server(prefix = "/api", endpoint = "toko-saya", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn merchant_home() -> Result<MerchantHomeView, AppError> {
    super::edge(ssr::home().await)
}

/// The shop's products; `q` filters by name, `hal` pages.
#[server(prefix = "/api", endpoint = "toko-saya/produk", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn my_products(
    #[server(default)] q: Option<String>,
    #[server(default)] hal: Option<String>,
) -> Result<ProductsView, AppError> {
    super::edge(ssr::products(q, hal).await)
}

/// A product's edit form (`id` None: a new product).
#[server(name = LoadProductForm, prefix = "/api", endpoint = "toko-saya/produk/formulir", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn product_form(#[server(default)] id: Option<i64>) -> Result<ProductEditView, AppError> {
    super::edge(ssr::product_form(id).await)
}

/// Creates a product (`id` empty) or saves one of the shop's.
#[server(prefix = "/api", endpoint = "toko-saya/produk/simpan")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn save_product(
    #[server(default)] id: Option<String>,
    #[server(flatten)] form: ProductForm,
) -> Result<Done, AppError> {
    super::edge(ssr::save_product(id, form).await)
}

/// One-tap change from the list: `harga` (price) and/or `stok` (stock).
#[server(prefix = "/api", endpoint = "toko-saya/produk/ubah")]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn quick_edit(
    #[server(default)] id: String,
    #[server(default)] harga: Option<String>,
    #[server(default)] stok: Option<String>,
) -> Result<Done, AppError> {
    super::edge(ssr::quick(id, harga, stok).await)
}

/// Tells the city a product it took down is fixed (it waits for review).
#[server(prefix = "/api", endpoint = "toko-saya/produk/ajukan")]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn resubmit_product(#[server(default)] id: String) -> Result<Done, AppError> {
    super::edge(ssr::resubmit(id).await)
}

/// Puts a product on sale (`aktif` = 1) or takes it off.
#[server(prefix = "/api", endpoint = "toko-saya/produk/aktif")]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn set_product_active(
    #[server(default)] id: String,
    #[server(default)] aktif: String,
) -> Result<Done, AppError> {
    super::edge(ssr::set_active(id, aktif).await)
}

/// Copies a product (off sale until turned on).
#[server(prefix = "/api", endpoint = "toko-saya/produk/salin")]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn duplicate_product(#[server(default)] id: String) -> Result<Done, AppError> {
    super::edge(ssr::duplicate(id).await)
}

/// Deletes a product never ordered; archives one that was.
#[server(prefix = "/api", endpoint = "toko-saya/produk/hapus")]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn remove_product(#[server(default)] id: String) -> Result<Done, AppError> {
    super::edge(ssr::remove(id).await)
}

/// Removes one photo of a product.
#[server(prefix = "/api", endpoint = "toko-saya/produk/foto/hapus")]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn remove_photo(
    #[server(default)] id: String,
    #[server(default)] foto: String,
) -> Result<Done, AppError> {
    super::edge(ssr::remove_photo(id, foto).await)
}

/// The order inbox; `status` filters, `hal` pages.
#[server(prefix = "/api", endpoint = "toko-saya/pesanan", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn inbox(
    #[server(default)] status: Option<String>,
    #[server(default)] hal: Option<String>,
) -> Result<InboxView, AppError> {
    super::edge(ssr::inbox(status, hal).await)
}

/// One of the shop's orders (the packing slip).
#[server(prefix = "/api", endpoint = "toko-saya/pesanan/slip", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn packing_slip(
    #[server(default)] kode: String,
) -> Result<(ShopSummary, InboxOrder), AppError> {
    super::edge(ssr::slip(kode).await)
}

/// The shop acts on an order: `terima` (accept), `tolak` (refuse, with
/// `alasan`), `kirim` (sent, with `kurir` and `hp`), `selesai`
/// (delivered; cash received for COD).
#[server(prefix = "/api", endpoint = "toko-saya/pesanan/aksi")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn order_step(
    #[server(default)] kode: String,
    #[server(default)] aksi: String,
    #[server(default)] alasan: Option<String>,
    #[server(default)] kurir: Option<String>,
    #[server(default)] hp: Option<String>,
) -> Result<Done, AppError> {
    super::edge(ssr::step(kode, aksi, alasan, kurir, hp).await)
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::*;
    use crate::domain::order::Actor;
    use crate::domain::{Action, OrderStatus};
    use crate::i18n::{fill, Texts};
    use crate::model::merchant::{check_price, check_stock, mask_account, mask_nik};
    use crate::model::{normalize_phone, validate_name, FieldErrors, Refusal, Viewer};
    use crate::paths;
    use crate::server::session::authorize;
    use crate::server::state::state;
    use crate::server::store::{
        ApplyRefusal, MoveRefusal, Mover, MyShop, QuickEdit, Removed, ShopStep,
    };
    use chrono::{Duration, Utc};

    const PAGE: i64 = 25;

    fn refused(status: u16, msg: impl Into<String>) -> AppError {
        Refusal::message(status, msg.into()).into()
    }

    pub fn summary(s: &MyShop) -> ShopSummary {
        ShopSummary {
            id: s.id,
            slug: s.slug.clone(),
            name: s.name.clone(),
            kind: s.kind.clone(),
            is_mbr: s.is_mbr,
            status: s.status.clone(),
            status_reason: s.status_reason.clone(),
            may_refile: s.may_refile,
            nik_masked: s.owner_nik.as_deref().map(mask_nik),
            account_masked: s.bank_account.as_deref().map(mask_account),
            photo: s.photo_key.as_ref().map(|k| format!("/media/{k}")),
        }
    }

    /// The signed-in merchant and their shop, if they have one.
    pub async fn me() -> Result<(Viewer, Option<MyShop>), AppError> {
        let v = authorize(Action::Sell)?;
        let shop = state().store.shop_of_owner(v.id).await?;
        Ok((v, shop))
    }

    /// The signed-in merchant's shop; none yet is a clear refusal.
    pub async fn my_shop() -> Result<(Viewer, MyShop), AppError> {
        let t = crate::i18n::t();
        match me().await? {
            (v, Some(s)) => Ok((v, s)),
            (_, None) => Err(refused(409, t.shop_apply_first)),
        }
    }

    /// Like [`my_shop`], for changes: a suspended shop changes nothing.
    async fn my_open_shop() -> Result<(Viewer, MyShop), AppError> {
        let (v, s) = my_shop().await?;
        if s.status == "suspended" {
            return Err(refused(403, crate::i18n::t().shop_suspended_no_change));
        }
        Ok((v, s))
    }

    fn id_of(v: &str, t: &Texts) -> Result<i64, AppError> {
        v.trim()
            .parse::<i64>()
            .map_err(|_| refused(404, t.product_not_found))
    }

    pub async fn shop_form() -> Result<ShopFormData, AppError> {
        let (_, shop) = me().await?;
        let s = state();
        let rates = s.payments.delivery.rates;
        let form = match &shop {
            Some(m) => ShopForm {
                name: m.name.clone(),
                kind: m.kind.clone(),
                mbr: m.is_mbr.then(|| "on".into()),
                mbr_number: m.mbr_number.clone().unwrap_or_default(),
                nik: String::new(),
                kecamatan: m.kecamatan.clone(),
                kelurahan: m.kelurahan.clone(),
                address: m.address.clone(),
                lat: m.lat.map(|v| v.to_string()).unwrap_or_default(),
                lng: m.lng.map(|v| v.to_string()).unwrap_or_default(),
                phone: m.phone.clone().unwrap_or_default(),
                open_hours: m.open_hours.clone(),
                description: m.description.clone(),
                delivers: m.delivers.then(|| "on".into()),
                base_fee: m.delivery_base_fee.unwrap_or(rates.base.get()).to_string(),
                per_km: m.delivery_per_km.unwrap_or(rates.per_km.get()).to_string(),
                max_km: (m.delivery_max_m.unwrap_or(rates.max_m) / 1000).to_string(),
                bank_name: m.bank_name.clone().unwrap_or_default(),
                bank_account: String::new(),
                bank_holder: m.bank_holder.clone().unwrap_or_default(),
            },
            None => ShopForm {
                delivers: Some("on".into()),
                base_fee: rates.base.get().to_string(),
                per_km: rates.per_km.get().to_string(),
                max_km: (rates.max_m / 1000).to_string(),
                ..Default::default()
            },
        };
        Ok(ShopFormData {
            shop: shop.as_ref().map(summary),
            form,
            kecamatan: crate::api::common::cached_kecamatan(&s).await?,
        })
    }

    pub async fn apply(mut form: ShopForm) -> Result<Done, AppError> {
        let (v, shop) = me().await?;
        let t = crate::i18n::t();
        // Re-filing keeps the NIK and account already on file unless a new
        // one is typed.
        if let Some(s) = &shop {
            if form.nik.trim().is_empty() {
                form.nik = s.owner_nik.clone().unwrap_or_default();
            }
            if form.bank_account.trim().is_empty() {
                form.bank_account = s.bank_account.clone().unwrap_or_default();
            }
        }
        let input = form
            .validate(t)
            .map_err(|e| AppError::from(Refusal::fields(e, t)))?;
        let store = state().store;
        match store.apply_shop(v.id, &input, Utc::now()).await? {
            Ok(id) => {
                // Products are found by their shop's name too.
                if shop.as_ref().is_some_and(|s| s.name != input.name) {
                    store.refresh_search_text(Some(id)).await?;
                }
                Ok(Done::to(format!("{}?ok=diajukan", paths::MY_SHOP)))
            }
            Err(ApplyRefusal::UnknownKecamatan) => {
                Err(Refusal::field("kecamatan", t.choose_kecamatan_error, t).into())
            }
            Err(ApplyRefusal::Suspended) => Err(refused(403, t.shop_suspended_no_change)),
            Err(ApplyRefusal::Rejected) => Err(refused(403, t.shop_rejected_final_refile)),
        }
    }

    pub async fn home() -> Result<MerchantHomeView, AppError> {
        let (_, shop) = me().await?;
        let Some(shop) = shop else {
            return Ok(MerchantHomeView {
                shop: None,
                needs_action: 0,
                sales: Vec::new(),
                best: Vec::new(),
                balance: 0,
                ledger: Vec::new(),
                history: Vec::new(),
                month_cap: None,
            });
        };
        let store = state().store;
        let now = Utc::now();
        // "Today" starts at midnight WIB.
        let wib = Duration::seconds(crate::model::WIB_OFFSET_SECS as i64);
        let today = ((now + wib).date_naive().and_hms_opt(0, 0, 0))
            .expect("midnight exists")
            .and_utc()
            - wib;
        let periods = [
            (1, today),
            (7, today - Duration::days(6)),
            (30, today - Duration::days(29)),
        ];
        let since = periods.map(|(_, since)| since);
        let desk = store.shop_desk(shop.id, &since, now).await?;
        let sales = periods
            .iter()
            .zip(desk.sales)
            .map(|((days, _), s)| SalesFigure {
                days: *days,
                orders: s.orders,
                revenue: s.revenue,
            })
            .collect();
        // Who decided stays with the city's staff: the owner sees what and why.
        let history = store
            .shop_history(shop.id)
            .await?
            .into_iter()
            .map(|l| crate::model::review::DecisionLine { actor: None, ..l })
            .collect();
        let cap = desk.sales_cap.unwrap_or(0);
        let month_cap = if cap > 0 && shop.status == "verified" {
            Some(MonthCap {
                sales: desk.month_sales,
                cap,
                reached: desk.capped_month.is_some(),
                until: crate::domain::fairness::sales_month(now).end,
            })
        } else {
            None
        };
        Ok(MerchantHomeView {
            month_cap,
            history,
            needs_action: desk.needs_action,
            best: store
                .best_sellers(shop.id, today - Duration::days(29), 5)
                .await?,
            balance: desk.balance,
            ledger: store
                .ledger(shop.id, 50)
                .await?
                .into_iter()
                .map(|l| LedgerRow {
                    kind: l.kind,
                    order_code: l.order_code,
                    amount: l.amount,
                    cash: l.cash,
                    note: l.note,
                    at: l.created_at,
                })
                .collect(),
            sales,
            shop: Some(summary(&shop)),
        })
    }

    fn page_of(hal: Option<String>) -> i64 {
        hal.and_then(|h| h.trim().parse::<i64>().ok())
            .unwrap_or(1)
            .clamp(1, 1_000)
    }

    pub async fn products(
        q: Option<String>,
        hal: Option<String>,
    ) -> Result<ProductsView, AppError> {
        let (_, shop) = my_shop().await?;
        let q = q
            .unwrap_or_default()
            .trim()
            .chars()
            .take(60)
            .collect::<String>();
        let page = page_of(hal);
        let mut rows = state()
            .store
            .merchant_products(
                shop.id,
                (!q.is_empty()).then_some(q.as_str()),
                PAGE + 1,
                (page - 1) * PAGE,
            )
            .await?;
        let has_more = rows.len() as i64 > PAGE;
        rows.truncate(PAGE as usize);
        Ok(ProductsView {
            shop: summary(&shop),
            rows: rows
                .into_iter()
                .map(|r| ProductRowView {
                    id: r.id,
                    name: r.name,
                    price: r.price,
                    stock: r.stock,
                    unit: r.unit,
                    is_active: r.is_active,
                    taken_down: r.taken_down,
                    sold: r.sold_count,
                    photo: r.photo_path.map(|p| {
                        // The thumbnail of an upload; a demo picture as it is.
                        let thumb = p.replace("/card.jpg", "/thumb.jpg");
                        format!("/media/{thumb}")
                    }),
                })
                .collect(),
            q,
            page,
            has_more,
        })
    }

    pub async fn product_form(id: Option<i64>) -> Result<ProductEditView, AppError> {
        let (_, shop) = my_shop().await?;
        let t = crate::i18n::t();
        let s = state();
        let categories = crate::api::common::cached_categories(&s)
            .await?
            .into_iter()
            .map(|c| (c.slug, c.name))
            .collect();
        let (form, is_active, photos, takedown) = match id {
            None => (
                ProductForm {
                    unit: "pcs".into(),
                    ..Default::default()
                },
                true,
                Vec::new(),
                None,
            ),
            Some(id) => {
                let p = s
                    .store
                    .merchant_product(shop.id, id)
                    .await?
                    .filter(|p| !p.archived)
                    .ok_or_else(|| refused(404, t.product_not_found))?;
                (
                    ProductForm {
                        name: p.name,
                        category: p.category,
                        description: p.description,
                        price: p.price.to_string(),
                        stock: p.stock.to_string(),
                        unit: p.unit,
                        weight: p.weight_grams.to_string(),
                    },
                    p.is_active,
                    p.photos,
                    p.takedown_reason.map(|r| (r, p.resubmitted)),
                )
            }
        };
        Ok(ProductEditView {
            takedown,
            shop: summary(&shop),
            id,
            form,
            is_active,
            photos,
            categories,
        })
    }

    pub async fn save_product(id: Option<String>, form: ProductForm) -> Result<Done, AppError> {
        let (_, shop) = my_open_shop().await?;
        let t = crate::i18n::t();
        let id = match id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(v) => Some(id_of(v, t)?),
            None => None,
        };
        let input = form
            .validate(t)
            .map_err(|e| AppError::from(Refusal::fields(e, t)))?;
        let s = state();
        let known = crate::api::common::cached_categories(&s)
            .await?
            .iter()
            .any(|c| c.slug == input.category);
        if !known {
            return Err(Refusal::field("category", t.category_choose, t).into());
        }
        // Words the city does not allow, in the name or the description.
        let banned: Vec<String> = s
            .store
            .banned_words()
            .await?
            .into_iter()
            .map(|b| b.word)
            .collect();
        for (field, text) in [("name", &input.name), ("description", &input.description)] {
            let folded = crate::server::search::normalize(text);
            if let Some(w) = crate::domain::moderation::banned_in(&folded, &banned) {
                return Err(
                    Refusal::field(field, fill(t.banned_word_used, &[("word", &w)]), t).into(),
                );
            }
        }
        match s
            .store
            .save_product(shop.id, id, &input, Utc::now())
            .await?
        {
            Some(pid) => Ok(Done::to(format!("{}?ok=disimpan", paths::my_product(pid)))),
            None => Err(refused(404, t.product_not_found)),
        }
    }

    pub async fn quick(
        id: String,
        harga: Option<String>,
        stok: Option<String>,
    ) -> Result<Done, AppError> {
        let (_, shop) = my_open_shop().await?;
        let t = crate::i18n::t();
        let pid = id_of(&id, t)?;
        let mut edits = Vec::new();
        let mut e = FieldErrors::new();
        if let Some(h) = harga.filter(|h| !h.trim().is_empty()) {
            match check_price(&h) {
                Some(p) => edits.push(QuickEdit::Price(p)),
                None => {
                    e.insert(
                        "harga".into(),
                        fill(
                            t.price_range,
                            &[(
                                "max",
                                &crate::model::format_rupiah(crate::model::merchant::PRICE_MAX),
                            )],
                        ),
                    );
                }
            }
        }
        if let Some(v) = stok.filter(|v| !v.trim().is_empty()) {
            match check_stock(&v) {
                Some(n) => edits.push(QuickEdit::Stock(n)),
                None => {
                    e.insert(
                        "stok".into(),
                        fill(
                            t.number_range,
                            &[("min", &0), ("max", &crate::model::merchant::STOCK_MAX)],
                        ),
                    );
                }
            }
        }
        if !e.is_empty() {
            return Err(Refusal::fields(e, t).into());
        }
        let store = state().store;
        let now = Utc::now();
        for edit in edits {
            if !store.quick_edit(shop.id, pid, edit, now).await? {
                return Err(refused(404, t.product_not_found));
            }
        }
        Ok(Done::to(format!("{}?ok=diubah#p{pid}", paths::MY_PRODUCTS)))
    }

    pub async fn set_active(id: String, aktif: String) -> Result<Done, AppError> {
        let (_, shop) = my_open_shop().await?;
        let t = crate::i18n::t();
        let pid = id_of(&id, t)?;
        let on = aktif.trim() == "1";
        let store = state().store;
        if store
            .quick_edit(shop.id, pid, QuickEdit::Active(on), Utc::now())
            .await?
        {
            return Ok(Done::to(format!("{}?ok=diubah#p{pid}", paths::MY_PRODUCTS)));
        }
        // Refused: a product the city took down, or none of this shop's.
        let down = store
            .merchant_product(shop.id, pid)
            .await?
            .is_some_and(|p| p.takedown_reason.is_some());
        Err(if down {
            refused(409, t.product_taken_down_on)
        } else {
            refused(404, t.product_not_found)
        })
    }

    pub async fn duplicate(id: String) -> Result<Done, AppError> {
        let (_, shop) = my_open_shop().await?;
        let t = crate::i18n::t();
        let pid = id_of(&id, t)?;
        match state()
            .store
            .duplicate_product(shop.id, pid, t.copy_word, Utc::now())
            .await?
        {
            Some(new) => Ok(Done::to(format!("{}?ok=disalin", paths::my_product(new)))),
            None => Err(refused(404, t.product_not_found)),
        }
    }

    pub async fn resubmit(id: String) -> Result<Done, AppError> {
        let (_, shop) = my_open_shop().await?;
        let t = crate::i18n::t();
        let pid = id_of(&id, t)?;
        let store = state().store;
        let Some(p) = store.merchant_product(shop.id, pid).await? else {
            return Err(refused(404, t.product_not_found));
        };
        if p.takedown_reason.is_none() || p.resubmitted {
            return Err(refused(409, t.product_not_down));
        }
        if !store.resubmit_product(shop.id, pid, Utc::now()).await? {
            return Err(refused(409, t.product_not_down));
        }
        Ok(Done::to(format!(
            "{}?ok=ajukan-ulang",
            paths::my_product(pid)
        )))
    }

    pub async fn remove(id: String) -> Result<Done, AppError> {
        let (_, shop) = my_open_shop().await?;
        let t = crate::i18n::t();
        let pid = id_of(&id, t)?;
        let s = state();
        let photos = s
            .store
            .merchant_product(shop.id, pid)
            .await?
            .map(|p| p.photos)
            .unwrap_or_default();
        match s.store.remove_product(shop.id, pid, Utc::now()).await? {
            Some(Removed::Deleted) => {
                for (_, ph) in photos {
                    if let Some(key) = ph.url.strip_prefix("/media/") {
                        s.media.delete_variants(key).await;
                    }
                }
                Ok(Done::to(format!("{}?ok=dihapus", paths::MY_PRODUCTS)))
            }
            Some(Removed::Archived) => Ok(Done::to(format!("{}?ok=diarsip", paths::MY_PRODUCTS))),
            None => Err(refused(404, t.product_not_found)),
        }
    }

    pub async fn remove_photo(id: String, foto: String) -> Result<Done, AppError> {
        let (_, shop) = my_open_shop().await?;
        let t = crate::i18n::t();
        let pid = id_of(&id, t)?;
        let photo = id_of(&foto, t)?;
        let s = state();
        match s.store.remove_product_photo(shop.id, pid, photo).await? {
            Some(path) => {
                s.media.delete_variants(&path).await;
                Ok(Done::to(format!(
                    "{}?ok=foto-dihapus",
                    paths::my_product(pid)
                )))
            }
            None => Err(refused(404, t.product_not_found)),
        }
    }

    pub async fn inbox(status: Option<String>, hal: Option<String>) -> Result<InboxView, AppError> {
        let (_, shop) = my_shop().await?;
        let t = crate::i18n::t();
        let filter = match status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(
                OrderStatus::parse(s).ok_or(AppError::BadRequest(t.error_bad_request.into()))?,
            ),
        };
        let page = page_of(hal);
        let s = state();
        // The event id first: an order arriving while the page is made is
        // then sent again by the stream rather than missed.
        let last_event = s.store.last_shop_event(shop.id).await?;
        let mut orders = s
            .store
            .shop_orders(shop.id, filter, PAGE + 1, (page - 1) * PAGE)
            .await?;
        let has_more = orders.len() as i64 > PAGE;
        orders.truncate(PAGE as usize);
        Ok(InboxView {
            needs_action: s.store.orders_needing_action(shop.id).await?,
            shop: summary(&shop),
            orders,
            status: filter.map(|f| f.as_str().to_string()),
            page,
            has_more,
            last_event,
            stale_minutes: s.order_stale_minutes,
            now: Utc::now(),
        })
    }

    pub async fn slip(kode: String) -> Result<(ShopSummary, InboxOrder), AppError> {
        let (_, shop) = my_shop().await?;
        let t = crate::i18n::t();
        let s = state();
        let order = s
            .store
            .shop_order(shop.id, kode.trim())
            .await?
            .ok_or_else(|| refused(404, t.order_not_found))?;
        Ok((summary(&shop), order))
    }

    pub async fn step(
        kode: String,
        aksi: String,
        alasan: Option<String>,
        kurir: Option<String>,
        hp: Option<String>,
    ) -> Result<Done, AppError> {
        let (v, shop) = my_shop().await?;
        let t = crate::i18n::t();
        let s = state();
        let order_id = s
            .store
            .shop_order_id(shop.id, kode.trim())
            .await?
            .ok_or_else(|| refused(404, t.order_not_found))?;
        let mut reason = None;
        let mut courier = None;
        let to = match aksi.trim() {
            "terima" => OrderStatus::Processing,
            "tolak" => {
                let r = alasan.unwrap_or_default();
                let r = r.split_whitespace().collect::<Vec<_>>().join(" ");
                if r.chars().count() < 5 || r.chars().count() > 200 {
                    return Err(Refusal::field("alasan", t.reject_reason_needed, t).into());
                }
                reason = Some(r);
                OrderStatus::Cancelled
            }
            "kirim" => {
                let mut e = FieldErrors::new();
                let name = validate_name(kurir.as_deref().unwrap_or("")).unwrap_or_else(|m| {
                    e.insert("kurir".into(), m.message(t));
                    String::new()
                });
                let phone = normalize_phone(hp.as_deref().unwrap_or("")).unwrap_or_else(|m| {
                    e.insert("hp".into(), m.message(t));
                    String::new()
                });
                if !e.is_empty() {
                    return Err(Refusal::fields(e, t).into());
                }
                courier = Some((name, phone));
                OrderStatus::Shipped
            }
            "selesai" => OrderStatus::Completed,
            _ => return Err(AppError::BadRequest(t.error_bad_request.into())),
        };
        let by = Mover {
            actor: Actor::Merchant,
            user_id: Some(v.id),
        };
        match s
            .store
            .merchant_move(
                shop.id,
                order_id,
                ShopStep {
                    to,
                    note: reason.as_deref(),
                    courier: courier.as_ref().map(|(n, p)| (n.as_str(), p.as_str())),
                },
                by,
                Utc::now(),
            )
            .await?
        {
            Ok(()) => Ok(Done::to(format!(
                "{}?ok={}#o-{}",
                paths::MY_ORDERS,
                aksi.trim(),
                kode.trim()
            ))),
            Err(MoveRefusal::NotFound) => Err(refused(404, t.order_not_found)),
            Err(MoveRefusal::Rules(_) | MoveRefusal::Moved) => {
                Err(refused(409, t.order_cannot_now))
            }
        }
    }
}
