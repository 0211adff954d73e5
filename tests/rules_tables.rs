//! The generated CLDR table of the date rules (`src/rules/cldr_tables.rs`) is current: it is
//! regenerated from `../shared/data/gazetteers/cldr_dates.tsv` and compared with the committed
//! file. Skipped with a message where `../shared` is absent; mandatory in `.ci/run`.
#![cfg(not(target_arch = "wasm32"))]

mod common;

#[test]
fn cldr_tables_are_current() {
    let Some(dir) = common::shared() else { return };
    let fresh = noor::rules::build::tables(&dir).expect("generate the CLDR tables");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(noor::rules::build::OUTPUT);
    let committed = std::fs::read_to_string(&path).expect("src/rules/cldr_tables.rs");
    assert!(
        fresh == committed,
        "{} is out of date with ../shared: run `make rules` (noor rules tables)",
        path.display()
    );
    assert!(fresh.lines().filter(|l| l.contains("Name {")).count() > 300);
}
