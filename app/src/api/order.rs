//! Checkout and the buyer's orders. Every function checks who is asking
//! first; the server computes every price and fee, never the form.

use super::cart::CartView;
use super::Done;
use crate::model::{AppError, OrderGroupView, OrdersPage};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One shop's part of the checkout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckoutShop {
    pub shop_id: i64,
    pub name: String,
    pub items: Vec<super::cart::CartItemView>,
    pub subtotal: i64,
    pub quote: crate::domain::delivery::Quote,
    pub choice: crate::domain::DeliveryMethod,
    /// None: the courier does not go there (pickup only).
    pub fee: Option<i64>,
}

/// The checkout and review pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckoutView {
    pub cart: CartView,
    pub addresses: Vec<crate::model::Address>,
    pub address_id: Option<i64>,
    pub methods: Vec<crate::domain::PaymentMethod>,
    pub method: crate::domain::PaymentMethod,
    pub shops: Vec<CheckoutShop>,
    /// The grand total, when everything can be priced.
    pub total: Option<i64>,
    /// What stops the checkout now, in the reader's language.
    pub problems: Vec<String>,
    /// A fresh idempotency key for the place-order form.
    pub key: String,
    /// The cart as priced: `product:qty` by product, comma-separated.
    pub isi: String,
}

/// The checkout (and review) page: the cart priced for an address
/// (`alamat`), delivery per shop (`kirim[<shop>]` = `antar` / `ambil`)
/// and a payment method (`bayar`).
#[server(name = LoadCheckout, prefix = "/api", endpoint = "checkout", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn checkout_view(
    #[server(default)] alamat: Option<String>,
    #[server(default)] bayar: Option<String>,
    #[server(default)] kirim: BTreeMap<String, String>,
) -> Result<CheckoutView, AppError> {
    super::edge(ssr::view(alamat, bayar, kirim).await)
}

/// Places the order reviewed on the review page. `kunci` is the form's
/// idempotency key, `isi` the cart it showed, `total` its grand total.
#[server(prefix = "/api", endpoint = "checkout/pesan")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn place_order(
    #[server(default)] alamat: String,
    #[server(default)] bayar: String,
    #[server(default)] kirim: BTreeMap<String, String>,
    #[server(default)] kunci: String,
    #[server(default)] isi: String,
    #[server(default)] total: String,
) -> Result<Done, AppError> {
    super::edge(ssr::place(alamat, bayar, kirim, kunci, isi, total).await)
}

/// The buyer's orders, newest first; `status` filters, `hal` pages.
#[server(prefix = "/api", endpoint = "pesanan", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn my_orders(
    #[server(default)] status: Option<String>,
    #[server(default)] hal: Option<String>,
) -> Result<OrdersPage, AppError> {
    super::edge(ssr::list(status, hal).await)
}

/// One checkout of the buyer's, by its code.
#[server(prefix = "/api", endpoint = "pesanan/detail", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn order_detail(#[server(default)] kode: String) -> Result<OrderGroupView, AppError> {
    super::edge(ssr::detail(&kode).await)
}

/// Pays an unpaid checkout: on to the gateway's payment page.
#[server(prefix = "/api", endpoint = "pesanan/bayar")]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn pay_order(#[server(default)] kode: String) -> Result<Done, AppError> {
    super::edge(ssr::pay(&kode).await)
}

/// Cancels: the whole checkout while unpaid, or one shop's order
/// (`pesanan`) that the shop has not started on.
#[server(prefix = "/api", endpoint = "pesanan/batal")]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn cancel_order(
    #[server(default)] kode: String,
    #[server(default)] pesanan: Option<String>,
) -> Result<Done, AppError> {
    super::edge(ssr::cancel(&kode, pesanan.as_deref()).await)
}

/// The buyer received one shop's order.
#[server(prefix = "/api", endpoint = "pesanan/terima")]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn confirm_received(
    #[server(default)] kode: String,
    #[server(default)] pesanan: String,
) -> Result<Done, AppError> {
    super::edge(ssr::confirm(&kode, &pesanan).await)
}

/// A complaint about a completed order, for the city's desk.
#[server(prefix = "/api", endpoint = "pesanan/komplain")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn complain(
    #[server(default)] kode: String,
    #[server(default)] pesanan: String,
    #[server(default)] alasan: String,
) -> Result<Done, AppError> {
    super::edge(ssr::complain(&kode, &pesanan, &alasan).await)
}

/// Stars (1–5) and words for one product of a completed order, once.
#[server(prefix = "/api", endpoint = "pesanan/ulas")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn review_item(
    #[server(default)] kode: String,
    #[server(default)] pesanan: String,
    #[server(default)] produk: String,
    #[server(default)] bintang: String,
    #[server(default)] ulasan: String,
) -> Result<Done, AppError> {
    super::edge(ssr::review(&kode, &pesanan, &produk, &bintang, &ulasan).await)
}

/// Puts one shop order's products back into the cart (as many as there are).
#[server(prefix = "/api", endpoint = "pesanan/beli-lagi")]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn buy_again(
    #[server(default)] kode: String,
    #[server(default)] pesanan: String,
) -> Result<Done, AppError> {
    super::edge(ssr::buy_again(&kode, &pesanan).await)
}

/// A complaint can be made this long after an order was completed.
pub const COMPLAINT_WINDOW_DAYS: i64 = 3;

#[cfg(feature = "ssr")]
mod ssr {
    use super::{CheckoutShop, CheckoutView, Done, COMPLAINT_WINDOW_DAYS};
    use crate::domain::cart::CartRefusal;
    use crate::domain::checkout::CartProblem;
    use crate::domain::delivery::DeliveryMethod;
    use crate::domain::order::Actor;
    use crate::domain::{Action, OrderStatus, PaymentMethod, PaymentStatus, Rupiah};
    use crate::i18n::{fill, Texts};
    use crate::model::{AppError, OrderGroupView, OrdersPage, Refusal, Viewer};
    use crate::paths;
    use crate::server::payments::ChargeRequest;
    use crate::server::session::{authorize, check_limit};
    use crate::server::state::{state, AppState};
    use crate::server::store::{
        price_cart, CartRow, CheckoutRefusal, CheckoutRequest, MoveRefusal, Mover,
    };
    use chrono::Utc;
    use sha2::{Digest, Sha256};
    use std::collections::BTreeMap;

    const PAGE: i64 = 20;

    fn refused(status: u16, msg: impl Into<String>) -> AppError {
        Refusal::message(status, msg.into()).into()
    }

    /// `kirim[<shop>]` choices; unknown words are refused.
    fn choices(
        kirim: &BTreeMap<String, String>,
        t: &Texts,
    ) -> Result<BTreeMap<i64, DeliveryMethod>, AppError> {
        let mut out = BTreeMap::new();
        for (k, v) in kirim {
            let shop = k
                .trim()
                .parse::<i64>()
                .map_err(|_| refused(422, t.delivery_choice_bad))?;
            let m = DeliveryMethod::parse(v.trim())
                .ok_or_else(|| refused(422, t.delivery_choice_bad))?;
            out.insert(shop, m);
        }
        Ok(out)
    }

    fn method_of(
        bayar: Option<&str>,
        s: &AppState,
        t: &Texts,
    ) -> Result<Option<PaymentMethod>, AppError> {
        match bayar.map(str::trim).filter(|b| !b.is_empty()) {
            None => Ok(None),
            Some(b) => match PaymentMethod::parse(b) {
                Some(m) if s.payments.methods().contains(&m) => Ok(Some(m)),
                _ => Err(Refusal::field("bayar", t.payment_method_bad, t).into()),
            },
        }
    }

    /// Says each problem in words, naming the product or shop.
    fn problem_words(p: &CartProblem, rows: &[CartRow], t: &Texts) -> String {
        let product = |id: i64| {
            rows.iter()
                .find(|r| r.product_id == id)
                .map(|r| r.name.clone())
                .unwrap_or_else(|| format!("#{id}"))
        };
        match *p {
            CartProblem::Empty => t.cart_empty.into(),
            CartProblem::NotForSale { product_id } => {
                match rows.iter().find(|r| r.product_id == product_id) {
                    Some(r) if r.shop_capped && r.is_active && r.shop_status == "verified" => fill(
                        t.problem_at_cap,
                        &[("shop", &r.shop_name), ("name", &r.name)],
                    ),
                    _ => fill(t.problem_gone, &[("name", &product(product_id))]),
                }
            }
            CartProblem::NotEnough {
                product_id,
                left: 0,
            } => fill(t.problem_sold_out, &[("name", &product(product_id))]),
            CartProblem::NotEnough { product_id, left } => fill(
                t.problem_left,
                &[("name", &product(product_id)), ("n", &left)],
            ),
            CartProblem::BadQuantity { product_id } => {
                fill(t.problem_quantity, &[("name", &product(product_id))])
            }
            CartProblem::PriceChanged {
                product_id,
                from,
                to,
            } => fill(
                t.problem_price,
                &[("name", &product(product_id)), ("from", &from), ("to", &to)],
            ),
            CartProblem::NoCourier { shop_id } => {
                let shop = rows
                    .iter()
                    .find(|r| r.shop_id == shop_id)
                    .map(|r| r.shop_name.clone())
                    .unwrap_or_default();
                fill(t.problem_no_courier, &[("shop", &shop)])
            }
            CartProblem::TooLarge => t.problem_too_large.into(),
        }
    }

    /// A fresh idempotency key: 128 random bits, hex.
    fn new_key() -> String {
        use rand::RngCore;
        let mut b = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut b);
        hex::encode(b)
    }

    fn isi_of(rows: &[CartRow]) -> String {
        let mut held: BTreeMap<i64, i64> = BTreeMap::new();
        for r in rows {
            *held.entry(r.product_id).or_default() += r.qty;
        }
        held.iter()
            .map(|(p, q)| format!("{p}:{q}"))
            .collect::<Vec<_>>()
            .join(",")
    }

    fn parse_isi(isi: &str) -> Option<Vec<(i64, i64)>> {
        if isi.trim().is_empty() {
            return Some(Vec::new());
        }
        let mut v = Vec::new();
        for part in isi.split(',') {
            let (p, q) = part.split_once(':')?;
            v.push((p.trim().parse().ok()?, q.trim().parse().ok()?));
        }
        v.sort_unstable();
        Some(v)
    }

    pub async fn view(
        alamat: Option<String>,
        bayar: Option<String>,
        kirim: BTreeMap<String, String>,
    ) -> Result<CheckoutView, AppError> {
        let buyer = authorize(Action::Buy)?;
        let s = state();
        let t = crate::i18n::t();
        let choices = choices(&kirim, t)?;
        let methods = s.payments.methods();
        let method = method_of(bayar.as_deref(), &s, t)?.unwrap_or(methods[0]);
        let rows = s.store.cart_rows(buyer.id).await?;
        let addresses = s.store.addresses(buyer.id).await?;
        let address_id = match alamat.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
            Some(a) => {
                let id = a
                    .parse::<i64>()
                    .ok()
                    .filter(|id| addresses.iter().any(|x| x.id == *id));
                Some(id.ok_or_else(|| refused(404, t.address_not_found))?)
            }
            None => addresses
                .iter()
                .find(|a| a.is_default)
                .or(addresses.first())
                .map(|a| a.id),
        };
        let cart = super::super::cart::ssr::view_of(&rows);
        let mut problems = Vec::new();
        let mut shops = Vec::new();
        let mut total = None;
        let address = match address_id {
            Some(id) => s.store.address_row(buyer.id, id).await?,
            None => None,
        };
        match &address {
            None => problems.push(t.choose_address_first.to_string()),
            Some(a) => match price_cart(&rows, &a.place(), &choices, &s.payments.delivery) {
                Ok(priced) => {
                    total = Some(priced.total.get());
                    for sp in priced.shops {
                        let view = cart.shops.iter().find(|c| c.shop_id == sp.plan.shop_id);
                        shops.push(CheckoutShop {
                            shop_id: sp.plan.shop_id,
                            name: view.map(|v| v.name.clone()).unwrap_or_default(),
                            items: view.map(|v| v.items.clone()).unwrap_or_default(),
                            subtotal: sp.plan.subtotal.get(),
                            quote: sp.quote,
                            choice: sp.method,
                            fee: Some(sp.fee.get()),
                        });
                    }
                }
                Err(ps) => problems.extend(ps.iter().map(|p| problem_words(p, &rows, t))),
            },
        }
        Ok(CheckoutView {
            cart,
            addresses,
            address_id,
            methods,
            method,
            shops,
            total,
            problems,
            key: new_key(),
            isi: isi_of(&rows),
        })
    }

    pub async fn place(
        alamat: String,
        bayar: String,
        kirim: BTreeMap<String, String>,
        kunci: String,
        isi: String,
        total: String,
    ) -> Result<Done, AppError> {
        let buyer = authorize(Action::Buy)?;
        let s = state();
        let t = crate::i18n::t();
        let now = Utc::now();
        if let Err(retry) = check_limit(
            &s.store,
            &format!("checkout:acct:{}", buyer.id),
            s.limits.checkout_account,
            now,
        )
        .await?
        {
            return Err(crate::server::accounts::too_many(retry, t));
        }
        let address_id = alamat
            .trim()
            .parse::<i64>()
            .map_err(|_| AppError::from(Refusal::field("alamat", t.choose_address_first, t)))?;
        let method = method_of(Some(&bayar), &s, t)?
            .ok_or_else(|| AppError::from(Refusal::field("bayar", t.payment_method_bad, t)))?;
        let delivery = choices(&kirim, t)?;
        let key = kunci.trim();
        if !(16..=128).contains(&key.len())
            || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return Err(refused(400, t.checkout_form_stale));
        }
        let expect_cart = parse_isi(&isi).ok_or_else(|| refused(400, t.checkout_form_stale))?;
        let expect_total = total
            .trim()
            .parse::<i64>()
            .map_err(|_| refused(400, t.checkout_form_stale))?;
        // What this form asked for: the same key must always ask for it.
        let canonical = format!(
            "alamat={address_id};bayar={};kirim={};isi={};total={expect_total}",
            method.as_str(),
            delivery
                .iter()
                .map(|(k, v)| format!("{k}:{}", v.as_str()))
                .collect::<Vec<_>>()
                .join(","),
            expect_cart
                .iter()
                .map(|(p, q)| format!("{p}:{q}"))
                .collect::<Vec<_>>()
                .join(","),
        );
        let fingerprint = hex::encode(Sha256::digest(canonical.as_bytes()));
        let req = CheckoutRequest {
            buyer_id: buyer.id,
            key: key.to_string(),
            fingerprint,
            address_id,
            method,
            delivery,
            expect_cart,
            expect_total: Rupiah(expect_total),
            city: s.payments.delivery,
            pay_within: s.payments.expiry.for_method(method),
            now,
        };
        let placed = match s.store.place_order(&req).await {
            Ok(Ok(p)) => p,
            Ok(Err(why)) => {
                let rows = s.store.cart_rows(buyer.id).await.unwrap_or_default();
                let msg = match why {
                    CheckoutRefusal::KeyReused => return Err(refused(409, t.checkout_key_reused)),
                    CheckoutRefusal::AddressNotFound => {
                        return Err(refused(404, t.address_not_found))
                    }
                    CheckoutRefusal::CartChanged => t.checkout_cart_changed.to_string(),
                    CheckoutRefusal::TotalChanged { now } => {
                        fill(t.checkout_total_changed, &[("total", &now)])
                    }
                    CheckoutRefusal::Problems(ps) => ps
                        .iter()
                        .map(|p| problem_words(p, &rows, t))
                        .collect::<Vec<_>>()
                        .join(" "),
                };
                return Err(refused(409, msg));
            }
            Err(e) if e.is_busy() => {
                return Err(Refusal {
                    retry_after: Some(2),
                    ..Refusal::message(503, t.checkout_busy)
                }
                .into())
            }
            Err(e) => return Err(e.into()),
        };
        if placed.replay {
            return Ok(Done::to(format!("{}?ok=baru", paths::order(&placed.code))));
        }
        if method == PaymentMethod::Cod {
            return Ok(Done::to(format!("{}?ok=baru", paths::order(&placed.code))));
        }
        // The charge is made after the order is safely written: a gateway
        // that is slow or down never holds a database transaction open.
        match charge(
            &s,
            placed.payment_id,
            &placed.code,
            placed.total,
            method,
            req.pay_within,
        )
        .await
        {
            Some(url) => Ok(Done::to(url)),
            None => Ok(Done::to(format!("{}?ok=baru", paths::order(&placed.code)))),
        }
    }

    /// Creates the gateway charge for a payment; the page to pay on.
    async fn charge(
        s: &AppState,
        payment_id: i64,
        code: &str,
        amount: Rupiah,
        method: PaymentMethod,
        pay_within: Option<i64>,
    ) -> Option<String> {
        let gateway = s.payments.gateway.clone()?;
        let req = ChargeRequest {
            reference: code,
            amount,
            method,
            expires_at: pay_within.map(|secs| Utc::now() + chrono::Duration::seconds(secs)),
        };
        match gateway.create_charge(req).await {
            Ok(c) => {
                if let Err(e) = s
                    .store
                    .attach_charge(
                        payment_id,
                        gateway.name(),
                        &c.gateway_ref,
                        &c.pay_code,
                        &c.pay_url,
                    )
                    .await
                {
                    tracing::error!(error = %e, "could not record the charge");
                    return None;
                }
                Some(c.pay_url)
            }
            Err(e) => {
                tracing::error!(error = %e, code, "charge failed; the buyer can pay from the order page");
                None
            }
        }
    }

    pub async fn list(status: Option<String>, hal: Option<String>) -> Result<OrdersPage, AppError> {
        let buyer = authorize(Action::Buy)?;
        let status = status.filter(|s| !s.trim().is_empty());
        let filter = match status.as_deref() {
            None => None,
            Some(s) => Some(OrderStatus::parse(s.trim()).ok_or(AppError::BadRequest(
                crate::i18n::t().error_bad_request.into(),
            ))?),
        };
        let page = hal
            .and_then(|h| h.trim().parse::<i64>().ok())
            .unwrap_or(1)
            .clamp(1, 1_000);
        let mut orders = state()
            .store
            .buyer_orders(buyer.id, filter, PAGE + 1, (page - 1) * PAGE)
            .await?;
        let has_more = orders.len() as i64 > PAGE;
        orders.truncate(PAGE as usize);
        Ok(OrdersPage {
            orders,
            status: filter.map(|s| s.as_str().to_string()),
            page,
            has_more,
        })
    }

    /// The buyer's own checkout; anyone else's does not exist for them.
    async fn own_group(buyer: &Viewer, kode: &str) -> Result<OrderGroupView, AppError> {
        match state().store.order_group(kode.trim()).await? {
            Some(g) if g.buyer_id == buyer.id => Ok(g),
            _ => Err(refused(404, crate::i18n::t().order_not_found)),
        }
    }

    pub async fn detail(kode: &str) -> Result<OrderGroupView, AppError> {
        let buyer = authorize(Action::Buy)?;
        let mut g = own_group(&buyer, kode).await?;
        // The thread of each order under complaint (rarely more than one).
        let store = state().store;
        for o in &mut g.orders {
            if let Some(id) = o.complaint_id {
                o.complaint = store.complaint_thread(id, &buyer, Utc::now()).await?;
            }
        }
        Ok(g)
    }

    pub async fn pay(kode: &str) -> Result<Done, AppError> {
        let buyer = authorize(Action::Buy)?;
        let t = crate::i18n::t();
        let g = own_group(&buyer, kode).await?;
        let method = PaymentMethod::parse(&g.payment_method).unwrap_or(PaymentMethod::Cod);
        let waiting = g
            .orders
            .iter()
            .any(|o| o.status == OrderStatus::AwaitingPayment.as_str());
        if method == PaymentMethod::Cod || !waiting {
            return Err(refused(409, t.nothing_to_pay));
        }
        let s = state();
        if g.payment_status == PaymentStatus::Pending.as_str() {
            if let Some(url) = g.pay_url.clone() {
                return Ok(Done::to(url));
            }
        }
        // No charge yet (the gateway failed at checkout) or the last one
        // failed: a new charge for what is still owed.
        let payment_id = if g.payment_status == PaymentStatus::Failed.as_str() {
            s.store
                .new_payment(g.id, method, g.payment_amount, g.pay_expires_at, Utc::now())
                .await?
        } else {
            g.payment_id
        };
        let secs = g
            .pay_expires_at
            .map(|e| (e - Utc::now()).num_seconds().max(60));
        match charge(
            &s,
            payment_id,
            &g.code,
            Rupiah(g.payment_amount),
            method,
            secs,
        )
        .await
        {
            Some(url) => Ok(Done::to(url)),
            None => Err(Refusal {
                retry_after: Some(30),
                ..Refusal::message(503, t.gateway_down)
            }
            .into()),
        }
    }

    /// One shop order of the buyer's checkout `kode`.
    async fn own_order(
        buyer: &Viewer,
        kode: &str,
        pesanan: &str,
    ) -> Result<(i64, OrderStatus, Option<chrono::DateTime<Utc>>), AppError> {
        let t = crate::i18n::t();
        match state().store.order_by_code(pesanan.trim()).await? {
            Some(o) if o.buyer_id == buyer.id && o.group_code == kode.trim() => {
                Ok((o.id, o.status, o.completed_at))
            }
            _ => Err(refused(404, t.order_not_found)),
        }
    }

    async fn move_as_buyer(
        buyer: &Viewer,
        order_id: i64,
        to: OrderStatus,
        note: Option<&str>,
    ) -> Result<(), AppError> {
        let t = crate::i18n::t();
        let by = Mover {
            actor: Actor::Buyer,
            user_id: Some(buyer.id),
        };
        match state()
            .store
            .move_order(order_id, to, by, note, Utc::now())
            .await?
        {
            Ok(_) => Ok(()),
            Err(MoveRefusal::NotFound) => Err(refused(404, t.order_not_found)),
            Err(MoveRefusal::Rules(_) | MoveRefusal::Moved) => {
                Err(refused(409, t.order_cannot_now))
            }
        }
    }

    pub async fn cancel(kode: &str, pesanan: Option<&str>) -> Result<Done, AppError> {
        let buyer = authorize(Action::Buy)?;
        let t = crate::i18n::t();
        match pesanan.map(str::trim).filter(|p| !p.is_empty()) {
            Some(p) => {
                let (id, _, _) = own_order(&buyer, kode, p).await?;
                move_as_buyer(
                    &buyer,
                    id,
                    OrderStatus::Cancelled,
                    Some("dibatalkan pembeli"),
                )
                .await?;
            }
            None => {
                let g = own_group(&buyer, kode).await?;
                let n = state()
                    .store
                    .cancel_unpaid_group(buyer.id, g.id, Utc::now())
                    .await?;
                if n == 0 {
                    return Err(refused(409, t.order_cannot_now));
                }
            }
        }
        Ok(Done::to(format!("{}?ok=batal", paths::order(kode.trim()))))
    }

    pub async fn confirm(kode: &str, pesanan: &str) -> Result<Done, AppError> {
        let buyer = authorize(Action::Buy)?;
        let (id, _, _) = own_order(&buyer, kode, pesanan).await?;
        move_as_buyer(&buyer, id, OrderStatus::Completed, None).await?;
        Ok(Done::to(format!("{}?ok=terima", paths::order(kode.trim()))))
    }

    pub async fn complain(kode: &str, pesanan: &str, alasan: &str) -> Result<Done, AppError> {
        let buyer = authorize(Action::Buy)?;
        let t = crate::i18n::t();
        let (id, status, completed) = own_order(&buyer, kode, pesanan).await?;
        let reason = alasan.trim();
        if reason.chars().count() < 10 || reason.chars().count() > 1000 {
            let msg = t.complaint_length.to_string();
            return Err(Refusal {
                message: Some(msg.clone()),
                ..Refusal::field("alasan", msg, t).with_status(422)
            }
            .into());
        }
        let late = completed
            .is_some_and(|c| Utc::now() - c > chrono::Duration::days(COMPLAINT_WINDOW_DAYS));
        if status == OrderStatus::Completed && late {
            return Err(refused(
                409,
                fill(t.complaint_window, &[("n", &COMPLAINT_WINDOW_DAYS)]),
            ));
        }
        move_as_buyer(&buyer, id, OrderStatus::Complained, Some(reason)).await?;
        Ok(Done::to(format!(
            "{}?ok=komplain",
            paths::order(kode.trim())
        )))
    }

    pub async fn review(
        kode: &str,
        pesanan: &str,
        produk: &str,
        bintang: &str,
        ulasan: &str,
    ) -> Result<Done, AppError> {
        let buyer = authorize(Action::Buy)?;
        let t = crate::i18n::t();
        let (id, _, _) = own_order(&buyer, kode, pesanan).await?;
        let product = produk
            .trim()
            .parse::<i64>()
            .map_err(|_| refused(404, t.order_not_found))?;
        let rating = match bintang.trim().parse::<i64>() {
            Ok(r) if (1..=5).contains(&r) => r,
            _ => {
                let msg = t.rating_range.to_string();
                return Err(Refusal {
                    message: Some(msg.clone()),
                    ..Refusal::field("bintang", msg, t).with_status(422)
                }
                .into());
            }
        };
        let words = ulasan.trim();
        if words.chars().count() > 1000
            || words
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\r')
        {
            return Err(refused(422, t.review_too_long));
        }
        if !state()
            .store
            .review(id, buyer.id, product, rating, words, Utc::now())
            .await?
        {
            return Err(refused(409, t.review_once));
        }
        Ok(Done::to(format!("{}?ok=ulas", paths::order(kode.trim()))))
    }

    pub async fn buy_again(kode: &str, pesanan: &str) -> Result<Done, AppError> {
        let buyer = authorize(Action::Buy)?;
        let (id, _, _) = own_order(&buyer, kode, pesanan).await?;
        let s = state();
        let mut added = 0;
        for (product, qty) in s.store.order_products(id).await? {
            // As many as can still be had (the add says how many that is);
            // products no longer for sale are skipped.
            let n = qty.min(crate::domain::cart::MAX_QTY);
            let done = match s
                .store
                .add_to_cart(buyer.id, product, n, Utc::now())
                .await?
            {
                Ok(_) => true,
                Err(CartRefusal::NotEnoughStock { can_add }) if can_add > 0 => s
                    .store
                    .add_to_cart(buyer.id, product, can_add, Utc::now())
                    .await?
                    .is_ok(),
                Err(_) => false,
            };
            added += usize::from(done);
        }
        let t = crate::i18n::t();
        if added == 0 {
            return Err(refused(409, t.buy_again_none));
        }
        Ok(Done::to(format!("{}?ok=beli-lagi", paths::CART)))
    }
}
