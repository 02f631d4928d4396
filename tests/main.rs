//! The integration tests: the `handout` binary run on fixture projects.
//! One module per feature; tests/README.md explains the fixtures.

mod support;

mod architecture;
mod build;
mod checklist;
mod checklist_sheets;
mod cli;
mod editor;
mod errors;
mod figures;
mod hostile;
mod incremental;
mod languages;
mod messages;
mod my_page;
mod output;
mod pages;
mod pdf;
mod prescription;
mod programs;
mod props;
mod qr;
mod scripts;
mod serve;
mod site;
mod tagged;
mod theme;
mod whole;
