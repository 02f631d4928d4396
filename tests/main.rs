//! The integration tests: the `handout` binary run on fixture projects.
//! One module per feature; tests/README.md explains the fixtures.

mod support;

mod architecture;
mod build;
mod checklist;
mod errors;
mod figures;
mod hostile;
mod pdf;
mod props;
mod site;
mod theme;
