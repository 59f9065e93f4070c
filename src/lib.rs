//! citydx: assess the digital transformation of small and medium-sized
//! cities with the 7 domains x 3 stages framework of the World Economic
//! Forum and Tencent Research Institute (2022), from the terminal.
//!
//! Layers, data flowing one way:
//! - [`core`]: the framework, the profile schema, maturity. Pure: no
//!   terminal, no files.
//! - [`store`]: the only code that touches the disk.
//! - [`text`]: every user-facing string, per language.
//! - [`ui`]: the terminal interface (state, update, draw; a runtime that
//!   carries out effects through the store).
//! - [`report`]: the reports (Markdown, HTML, JSON) of an assessment and
//!   its advice. Pure: strings out.
//! - [`cli`]: the command line and its outputs.

pub mod cli;
pub mod core;
pub mod report;
pub mod serve;
pub mod store;
pub mod text;
pub mod ui;
