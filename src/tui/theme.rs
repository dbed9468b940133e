//! Semantic styles: views ask for `trust(t)`, `category(c)`, `selected(focused)`, never raw colours. Themes
//! are TOML files in `themes/` (embedded): `default` (dark), `light`, and `mono`, used when NO_COLOR is set.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use crate::model::{Category, Outcome, Trust};

pub use crate::config::themes::THEMES;

/// One style as written in a theme file: colours by name or `#rrggbb`, and modifiers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StyleDef {
    /// Foreground colour.
    pub fg: Option<String>,
    /// Background colour.
    pub bg: Option<String>,
    /// Bold.
    #[serde(default)]
    pub bold: bool,
    /// Dim.
    #[serde(default)]
    pub dim: bool,
    /// Reversed.
    #[serde(default)]
    pub reversed: bool,
    /// Underlined.
    #[serde(default)]
    pub underline: bool,
}

impl StyleDef {
    fn style(&self, name: &str) -> Result<Style, String> {
        let colour = |c: &Option<String>| -> Result<Option<Color>, String> {
            c.as_deref()
                .map(|c| Color::from_str(c).map_err(|_| format!("{name}: unknown colour '{c}'")))
                .transpose()
        };
        let mut style = Style::default();
        if let Some(fg) = colour(&self.fg)? {
            style = style.fg(fg);
        }
        if let Some(bg) = colour(&self.bg)? {
            style = style.bg(bg);
        }
        for (on, m) in [
            (self.bold, Modifier::BOLD),
            (self.dim, Modifier::DIM),
            (self.reversed, Modifier::REVERSED),
            (self.underline, Modifier::UNDERLINED),
        ] {
            if on {
                style = style.add_modifier(m);
            }
        }
        Ok(style)
    }
}

macro_rules! theme_fields {
    ($($field:ident : $doc:literal,)*) => {
        #[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct ThemeFile { $($field: StyleDef,)* }

        /// A loaded theme.
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct Theme { $(#[doc = $doc] pub $field: Style,)* }

        impl Theme {
            /// Parses a theme file; the error names the field.
            pub fn from_toml(text: &str) -> Result<Theme, String> {
                let file: ThemeFile = toml::from_str(text).map_err(|e| e.message().to_string())?;
                Ok(Theme { $($field: file.$field.style(stringify!($field))?,)* })
            }
        }
    };
}

theme_fields! {
    base: "Text everywhere.",
    title: "The title bar.",
    demo: "The demo badge in the title bar.",
    status: "The status bar.",
    hint_key: "Keys in the status hints and help.",
    header: "Column headers and pane titles.",
    border: "Pane borders.",
    border_focused: "The focused pane's border.",
    selected_focused: "The selected line of the focused pane.",
    selected: "The selected line of another pane.",
    marked: "Marked rows.",
    unread: "Unread rows.",
    dim: "Secondary text (evidence, dates).",
    link: "A link's visible text.",
    link_url: "A link's real destination.",
    strong: "Emphasised body text.",
    error: "Errors in the status bar.",
    decisive: "The marker of decisive signals.",
    trust_verified: "Trust badge: verified.",
    trust_unverified: "Trust badge: unverified.",
    trust_suspicious: "Trust badge: suspicious.",
    trust_phishing: "Trust badge: phishing.",
    trust_unparseable: "Trust badge: unparseable.",
    trust_pending: "Trust badge: not analysed yet.",
    cat_account: "Category chip: account and security.",
    cat_seller: "Category chip: seller performance.",
    cat_orders: "Category chip: orders and shipping.",
    cat_promo: "Category chip: promotions.",
    cat_other: "Category chip: other.",
    outcome_pass: "Signal icon: pass.",
    outcome_warn: "Signal icon: warn.",
    outcome_fail: "Signal icon: fail.",
    outcome_info: "Signal icon: info.",
}

impl Theme {
    /// The embedded theme with this name; the error lists the names.
    pub fn by_name(name: &str) -> Result<Theme, String> {
        let text = crate::config::themes::text(name)?;
        Theme::from_toml(text).map_err(|e| format!("theme '{name}': {e}"))
    }

    /// The theme to use: `mono` when NO_COLOR is set (non-empty), else the configured one, else `default`.
    pub fn choose(configured: Option<&str>, no_color: bool) -> Result<Theme, String> {
        let name = if no_color {
            "mono"
        } else {
            configured.unwrap_or("default")
        };
        Theme::by_name(name)
    }

    /// The style of a trust badge (`None`: not analysed yet).
    pub fn trust(&self, t: Option<Trust>) -> Style {
        match t {
            Some(Trust::Verified) => self.trust_verified,
            Some(Trust::Unverified) => self.trust_unverified,
            Some(Trust::Suspicious) => self.trust_suspicious,
            Some(Trust::Phishing) => self.trust_phishing,
            Some(Trust::Unparseable) => self.trust_unparseable,
            None => self.trust_pending,
        }
    }

    /// The style of a category chip.
    pub fn category(&self, c: Category) -> Style {
        match c {
            Category::AccountSecurity => self.cat_account,
            Category::SellerPerformance => self.cat_seller,
            Category::OrdersShipping => self.cat_orders,
            Category::Promotions => self.cat_promo,
            Category::Other => self.cat_other,
        }
    }

    /// The style of a signal's outcome icon.
    pub fn outcome(&self, o: Outcome) -> Style {
        match o {
            Outcome::Pass => self.outcome_pass,
            Outcome::Warn => self.outcome_warn,
            Outcome::Fail => self.outcome_fail,
            Outcome::Info | Outcome::Unknown => self.outcome_info,
        }
    }

    /// The selected line's style, in the focused pane or another.
    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            self.selected_focused
        } else {
            self.selected
        }
    }

    /// A pane border.
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.border_focused
        } else {
            self.border
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_theme_parses() {
        for (name, _) in THEMES {
            Theme::by_name(name).unwrap_or_else(|e| panic!("{e}"));
        }
    }

    #[test]
    fn no_color_picks_mono_and_mono_has_no_colours() {
        let mono = Theme::choose(Some("light"), true).expect("mono");
        assert_eq!(mono, Theme::by_name("mono").expect("mono"));
        assert_eq!(mono.trust(Some(Trust::Phishing)).fg, None);
        let dark = Theme::choose(None, false).expect("default");
        assert_eq!(dark.trust(Some(Trust::Phishing)).fg, Some(Color::Red));
    }

    #[test]
    fn bad_names_and_colours_are_named() {
        assert!(
            Theme::by_name("neon")
                .expect_err("unknown")
                .contains("'neon'")
        );
        let text = THEMES[0]
            .1
            .replace("base = {}", "base = { fg = \"chartreuse-ish\" }");
        let err = Theme::from_toml(&text).expect_err("bad colour");
        assert!(
            err.contains("base") && err.contains("chartreuse-ish"),
            "{err}"
        );
    }
}
