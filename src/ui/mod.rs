//! The terminal interface.
//!
//! - `keys`: the key list per mode (actions, hints, help).
//! - `app`: the state and its update function (pure).
//! - `form`, `input`: the new-profile form and the one-line text input.
//! - `draw`: the state drawn into a buffer (pure).
//! - `demo`: ready-made states for the screen tests and the benchmark.
//! - `runtime`: the terminal, the signals, the event loop, and the effects
//!   carried out through the store.

pub mod app;
pub mod demo;
pub mod draw;
pub mod form;
pub mod input;
pub mod keys;
mod runtime;
pub mod theme;

pub use runtime::{entry_of, run};
