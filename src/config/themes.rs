//! The embedded themes by name (`themes/*.toml`): the config checks a theme name here, the interface turns
//! the chosen text into styles.

/// The embedded themes: (name, TOML text).
pub const THEMES: [(&str, &str); 3] = [
    ("default", include_str!("../../themes/default.toml")),
    ("light", include_str!("../../themes/light.toml")),
    ("mono", include_str!("../../themes/mono.toml")),
];

/// The text of the embedded theme with this name; the error lists the names.
pub fn text(name: &str) -> Result<&'static str, String> {
    THEMES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
        .ok_or_else(|| format!("unknown theme '{name}' (expected default, light or mono)"))
}
