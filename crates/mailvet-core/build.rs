//! Converts the embedded brand knowledge base, `src/analysis/brands.toml` (the file people read and edit),
//! to JSON in `OUT_DIR` for the binary to embed: serde_json reads it several times faster than toml does,
//! and every process that judges mail starts by reading it (`mailvet filter` runs once per delivered
//! message). A file that is not TOML fails the build; its schema is checked by the unit tests.

use std::path::PathBuf;

fn main() {
    let source = "src/analysis/brands.toml";
    println!("cargo::rerun-if-changed={source}");
    let text = std::fs::read_to_string(source).unwrap_or_else(|e| panic!("{source}: {e}"));
    let value: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{source}: {e}"));
    let json = serde_json::to_string(&value).unwrap_or_else(|e| panic!("{source}: {e}"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("brands.json"), json).unwrap_or_else(|e| panic!("brands.json: {e}"));
}
