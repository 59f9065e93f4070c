//! What one client may cost the others: every limit of the server, with
//! its default. Each is a flag of `citydx serve` (see `cli`).

use std::time::Duration;

#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// Connections not yet logged in, at once.
    pub unauthenticated: usize,
    /// Time allowed from connecting to logging in.
    pub login_time: Duration,
    /// Sessions at once, in total.
    pub sessions: usize,
    /// Live sessions per invitation.
    pub sessions_per_invitation: usize,
    /// A connection with no input for this long is closed.
    pub idle: Duration,
    /// Keepalives are sent after this long without traffic.
    pub keepalive: Duration,
    /// Input bytes per second, sustained, per session.
    pub input_rate: usize,
    /// Input bytes allowed at once (a paste).
    pub input_burst: usize,
    /// The largest window served, in columns and rows.
    pub max_width: u16,
    pub max_height: u16,
    /// Bytes of frames queued for a client that stops reading: past this
    /// the queue is dropped and the next frame repaints the whole window.
    pub frame_queue: usize,
    /// Authentication failures, all invitations together, per minute.
    pub auth_failures_per_minute: usize,
    /// The most bytes a respondent's note may hold (about a third as many
    /// Chinese characters): 29 notes at the limit are about 120 kB, far
    /// under the profile's 8 MB, so no respondent can fill the profile
    /// the others answer into.
    pub note_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            unauthenticated: 16,
            login_time: Duration::from_secs(60),
            sessions: 100,
            sessions_per_invitation: 1,
            idle: Duration::from_secs(60 * 60),
            keepalive: Duration::from_secs(5),
            input_rate: 4 * 1024,
            input_burst: 32 * 1024,
            max_width: 500,
            max_height: 200,
            frame_queue: 256 * 1024,
            auth_failures_per_minute: 30,
            note_bytes: 4 * 1024,
        }
    }
}

impl Limits {
    /// A window the client asked for, within bounds (at least 1 × 1).
    pub fn clamp_window(&self, width: u32, height: u32) -> (u16, u16) {
        let w = width.clamp(1, self.max_width as u32) as u16;
        let h = height.clamp(1, self.max_height as u32) as u16;
        (w, h)
    }
}

/// A token bucket: `rate` a second, up to `burst` at once.
#[derive(Debug, Clone)]
pub struct Bucket {
    rate: f64,
    burst: f64,
    tokens: f64,
    at: std::time::Instant,
}

impl Bucket {
    pub fn new(rate: usize, burst: usize, now: std::time::Instant) -> Bucket {
        Bucket {
            rate: rate as f64,
            burst: burst as f64,
            tokens: burst as f64,
            at: now,
        }
    }

    /// How many of `want` may pass now (the rest is dropped).
    pub fn take(&mut self, want: usize, now: std::time::Instant) -> usize {
        let elapsed = now.saturating_duration_since(self.at).as_secs_f64();
        self.at = now;
        self.tokens = (self.tokens + elapsed * self.rate).min(self.burst);
        let granted = (want as f64).min(self.tokens.floor()).max(0.0);
        self.tokens -= granted;
        granted as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn a_huge_window_is_clamped_and_a_zero_one_is_one_cell() {
        let limits = Limits::default();
        assert_eq!(limits.clamp_window(65535, 65535), (500, 200));
        assert_eq!(limits.clamp_window(0, 0), (1, 1));
        assert_eq!(limits.clamp_window(80, 24), (80, 24));
    }

    #[test]
    fn a_paste_burst_passes_then_input_is_held_to_its_rate() {
        let start = Instant::now();
        let mut bucket = Bucket::new(4096, 32 * 1024, start);
        assert_eq!(bucket.take(30 * 1024, start), 30 * 1024);
        // what is left of the burst, then nothing more at once
        assert_eq!(bucket.take(10 * 1024, start), 2 * 1024);
        assert_eq!(bucket.take(100, start), 0);
        // a second later: a second's worth
        assert_eq!(bucket.take(10_000, start + Duration::from_secs(1)), 4096);
    }
}
