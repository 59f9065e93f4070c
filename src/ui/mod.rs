//! The terminal interface.
//!
//! - `keys`: the key list per mode (actions, hints, help).
//! - `app`: the state and its update function (pure).
//! - `paste`: pasted text routed to the field being edited (`App::paste`).
//! - `form`, `input`: the new-profile form and the one-line text input.
//! - `draw`: the state drawn into a buffer (pure).
//! - `demo`: ready-made states for the screen tests and the benchmark.
//! - `session`: the session core: bytes and sizes in, frames out; owns the
//!   state, the store, the profile's lock and the clock; carries out the
//!   effects. Nothing process-wide: one process may run many.
//! - `clock`: a session's clock, and the local one (time zone checked).
//! - `runtime`: the local driver: this process's terminal (raw mode,
//!   signals, hang-up, panic hook, exit) connected to one session.

pub mod app;
pub mod clock;
pub mod demo;
pub mod draw;
pub mod form;
pub mod input;
pub mod keys;
mod paste;
mod runtime;
pub mod session;
pub mod theme;

pub use runtime::{entry_of, run};
