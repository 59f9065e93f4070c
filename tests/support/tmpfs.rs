//! A small tmpfs for the disk-full tests (`tests/e2e.rs`, `tests/hostile.rs`,
//! `tests/session.rs`), kept in one place.

#![allow(dead_code)]

use std::process::{Command, Stdio};

/// A tmpfs of `kb` kilobytes mounted on a new folder, unmounted on drop;
/// `None` where mounting is not allowed.
pub struct Tmpfs(pub tempfile::TempDir);

impl Tmpfs {
    pub fn new(kb: u32) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kb}k"), "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(Tmpfs(dir))
    }

    pub fn path(&self) -> &std::path::Path {
        self.0.path()
    }

    /// Fills the disk up.
    pub fn fill(&self) {
        let mut filler = std::fs::File::create(self.path().join("filler")).unwrap();
        let block = vec![1u8; 4096];
        while std::io::Write::write_all(&mut filler, &block).is_ok() {}
    }

    /// Space again.
    pub fn free(&self) {
        std::fs::remove_file(self.path().join("filler")).unwrap();
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0.path()).status();
    }
}
