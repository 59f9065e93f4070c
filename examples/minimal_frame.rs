//! The baseline for the first-frame benchmark: a minimal ratatui program
//! that draws one bordered paragraph and waits for a key.

use ratatui::widgets::{Block, Paragraph};

fn main() -> std::io::Result<()> {
    ratatui::run(|terminal| {
        terminal.draw(|frame| {
            let block = Block::bordered().title("minimal");
            frame.render_widget(Paragraph::new("first frame").block(block), frame.area());
        })?;
        ratatui::crossterm::event::read()?;
        Ok(())
    })
}
