//! Server functions, one module per domain. Each one checks who is asking,
//! validates input, calls the store or domain, and maps errors.

pub mod account;
pub mod catalog;
pub mod search;
