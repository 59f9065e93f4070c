//! The terminal interface.
//!
//! - `keys`: actions, roles, and the key list per mode (each screen
//!   declares its own table; the same table gives the hints and the help).
//! - `app`: the state and its update function (pure): routes to the screen.
//! - `screens`: one module per screen (its state, keys, update, draw).
//! - `ctx`: the small context every screen is drawn and updated with.
//! - `paste`: pasted text routed to the field being edited (`App::paste`).
//! - `input`: the one-line text input.
//! - `draw`: the frame around the screens, and the painting helpers (pure).
//! - `demo`: ready-made states for the screen tests and the benchmark.
//! - `session`: the session core: bytes and sizes in, frames out; owns the
//!   state, the store, the profile's lock and the clock; carries out the
//!   effects. Nothing process-wide: one process may run many.
//! - `clock`: a session's clock, and the local one (time zone checked).
//! - `runtime`: the local driver: this process's terminal (raw mode,
//!   signals, hang-up, panic hook, exit) connected to one session.

pub mod app;
pub mod clock;
pub mod ctx;
pub mod demo;
pub mod draw;
pub mod input;
pub mod keys;
mod paste;
mod runtime;
pub mod screens;
pub mod session;
pub mod theme;

pub use screens::form;

pub use runtime::{entry_of, run, run_served};
