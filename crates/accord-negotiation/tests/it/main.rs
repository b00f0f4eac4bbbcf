//! Integration tests of accord-negotiation: one binary, themed modules.

mod agents;
mod common;
mod domain;
mod mediated;
mod negmas_sao;
mod properties;
mod protocol;
mod tournament;
