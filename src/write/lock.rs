//! One build at a time per output folder: a lock file beside the folder
//! (not inside it, since the folder itself is swapped), locked with the
//! operating system's advisory file lock, which is released when the
//! process ends however it ends. The file is never removed: removing a
//! lock file races with the next build opening it.

use std::fs::{File, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

use super::error::OutputError;

/// How long a second build waits for the first before giving up.
const WAIT: Duration = Duration::from_secs(2);

/// The lock, held until dropped.
pub(super) struct Lock {
    _file: File,
}

impl Lock {
    /// Locks the output folder `dir` (a real path), waiting up to [`WAIT`].
    #[cfg(test)]
    pub(super) fn take(dir: &Path) -> Result<Lock, OutputError> {
        Lock::take_at(dir, &super::places::Places::of(dir).lock)
    }

    /// Locks `dir` with the lock file at `path`.
    pub(super) fn take_at(dir: &Path, path: &Path) -> Result<Lock, OutputError> {
        let mut options = std::fs::OpenOptions::new();
        options.create(true).write(true).truncate(false);
        #[cfg(target_os = "linux")]
        {
            use std::os::unix::fs::OpenOptionsExt;
            // A link planted at the lock's name is not followed.
            options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
        }
        let file = match options.open(path) {
            Ok(file) => file,
            // A link planted at the lock's name (ELOOP under O_NOFOLLOW).
            Err(_) if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) => {
                return Err(OutputError::LinkedLock(path.to_path_buf()));
            }
            Err(error) => {
                return Err(OutputError::Io(
                    anyhow::Error::new(error)
                        .context(format!("cannot open the lock file {}", path.display())),
                ));
            }
        };
        let deadline = Instant::now() + WAIT;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Lock { _file: file }),
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(TryLockError::WouldBlock) => return Err(OutputError::Busy(dir.to_path_buf())),
                Err(TryLockError::Error(error)) => {
                    return Err(OutputError::Io(
                        anyhow::Error::new(error)
                            .context(format!("cannot lock {}", path.display())),
                    ));
                }
            }
        }
    }
}
