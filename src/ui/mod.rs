//! The terminal interface.
//!
//! - `keys`: actions, roles, and the key list per mode (each screen
//!   declares its own table; the same table gives the hints and the help).
//! - `app`: the state and its update function (pure): routes to the screen.
//! - `screens`: one module per screen (its state, keys, update, draw).
//! - `ctx`: the small context every screen is drawn and updated with.
//! - `input`: the one-line text input.
//! - `draw`: the frame around the screens, and the painting helpers (pure).
//! - `demo`: ready-made states for the screen tests and the benchmark.
//! - `runtime`: the terminal, the signals, the event loop, and the effects
//!   carried out through the store.

pub mod app;
pub mod ctx;
pub mod demo;
pub mod draw;
pub mod input;
pub mod keys;
mod runtime;
pub mod screens;
pub mod theme;

pub use screens::form;

pub use runtime::{entry_of, run};
