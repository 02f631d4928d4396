//! The words of a command's summary line, shared by the commands.

/// The `s` of a plural.
pub(super) fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// A run's summary line, with the time of each stage under it when
/// `verbose`.
pub(super) fn with_timings(
    mut summary: String,
    timings: &[(&'static str, u128)],
    verbose: bool,
) -> String {
    if verbose {
        for (name, millis) in timings {
            summary.push_str(&format!("\n  {name}: {millis} ms"));
        }
    }
    summary
}
