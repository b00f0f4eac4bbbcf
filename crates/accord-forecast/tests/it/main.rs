//! Integration tests: the published reference cases and property tests.

mod common;
mod eum_reference;
mod output;
mod properties;
mod smp_reference;
