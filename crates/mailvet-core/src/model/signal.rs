//! The signal registry: every check mailvet makes has one typed [`SignalId`] here, with its group and its role in
//! the verdict. Code names signals only through this enum, never by free strings.
//!
//! # Adding a signal (a one-place change)
//! 1. Add one line to the `registry!` table below: `Variant = "kebab-id", Group, Role;` with a doc comment saying
//!    what fires it. The id is stable and shown to users: never rename one once shipped.
//! 2. Give it a weight line in `crates/mailvet-core/src/analysis/scores.toml` under `[weights]`
//!    (`kebab-id = { warn = 1.0, fail = 3.0 }`; a unit test fails until it has one). Hand-chosen values are
//!    fine: `cargo run --release --example fit -- ../shared/corpus ../shared/corpus-2` refits every weight.
//! 3. Emit it from the analysis module of its group with `Signal::new(SignalId::Variant, outcome, title, evidence)`.
//!
//! The verdict then scores it like every other signal: its outcome's weight is added to the message's score,
//! and the thresholds in scores.toml turn the score into a label (see `analysis::verdict`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Where a signal's evidence comes from (the analysis module that emits it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// Who sent it: From, display name, Reply-To, Return-Path.
    Sender,
    /// What the receiving server's Authentication-Results proved.
    Auth,
    /// Where the links and forms go.
    Links,
    /// What the text says: greetings, urgency, requests.
    Content,
    /// Money, prize and contact-elsewhere lures.
    Lures,
    /// Attached files.
    Attachments,
    /// The message as a whole (it could not be read).
    Message,
}

impl Group {
    /// The stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Sender => "sender",
            Group::Auth => "auth",
            Group::Links => "links",
            Group::Content => "content",
            Group::Lures => "lures",
            Group::Attachments => "attachments",
            Group::Message => "message",
        }
    }
}

/// How a signal takes part in the verdict besides its weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Scored by its weight, nothing more.
    Plain,
    /// About who sent the message: a warning leaves the sender unproven, so the message cannot be `verified`.
    Identity,
    /// Content that an authenticated brand's own mail may carry (urgency, its own shortener): it adds nothing
    /// to the score when the From domain is authenticated and official for the claimed brand.
    BrandContent,
}

macro_rules! registry {
    ($( $(#[$doc:meta])* $variant:ident = $id:literal, $group:ident, $role:ident; )*) => {
        /// A signal's stable id (kebab-case in output). See the module docs to add one.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum SignalId {
            $( $(#[$doc])* $variant, )*
        }

        impl SignalId {
            /// Every signal, in registry order.
            pub const ALL: &'static [SignalId] = &[ $( SignalId::$variant, )* ];

            /// The stable kebab-case id used in output, scores.toml and the config.
            pub fn as_str(self) -> &'static str {
                match self { $( SignalId::$variant => $id, )* }
            }

            /// The analysis group it belongs to.
            pub fn group(self) -> Group {
                match self { $( SignalId::$variant => Group::$group, )* }
            }

            /// Its role in the verdict besides its weight.
            pub fn role(self) -> Role {
                match self { $( SignalId::$variant => Role::$role, )* }
            }
        }
    };
}

registry! {
    /// The From domain against the claimed brand's official domains.
    SenderDomain = "sender-domain", Sender, Identity;
    /// A From domain one or two edits away from a brand's (`paypa1.com`).
    LookalikeDomain = "lookalike-domain", Sender, Plain;
    /// A From domain that looks like a brand's through confusable letters.
    HomoglyphDomain = "homoglyph-domain", Sender, Plain;
    /// A brand's name inside someone else's domain (`paypal-secure.example`).
    BrandInForeignDomain = "brand-in-foreign-domain", Sender, Plain;
    /// A brand's name under a TLD the brand does not use.
    TldSwap = "tld-swap", Sender, Plain;
    /// A display name that names a brand.
    DisplayNameBrand = "display-name-brand", Sender, Identity;
    /// A display name that shows an address other than the real one.
    DisplayNameAddress = "display-name-address", Sender, Identity;
    /// A display name written in From apart from the mailbox (`"Bank" , x <x@example.org>`): mail clients show
    /// it as the sender, yet it belongs to no address.
    DisplayNameDetached = "display-name-detached", Sender, Identity;
    /// A brand claimed from a free-mail address.
    FreemailBrand = "freemail-brand", Sender, Plain;
    /// A free-mail address mass-mailing an order, payment or account notice.
    FreemailBusiness = "freemail-business", Sender, Plain;
    /// A display name presenting an organisation (bank, support team, 銀行, a name the subject repeats) that the
    /// From domain does not match, for organisations brands.toml does not know.
    DisplayNameOrganisation = "display-name-organisation", Sender, Identity;
    /// A From domain that looks machine-made or sits on a TLD registered mostly for abuse.
    ThrowawayDomain = "throwaway-domain", Sender, Identity;
    /// An authenticated platform address (forms, file sharing, newsletters) carrying a lure whose links leave it.
    PlatformAbuse = "platform-abuse", Sender, Plain;
    /// Reply-To in another domain than From.
    ReplyToMismatch = "reply-to-mismatch", Sender, Identity;
    /// Return-Path in another domain than From.
    ReturnPathMismatch = "return-path-mismatch", Sender, Plain;
    /// SPF result of the trusted Authentication-Results.
    Spf = "spf", Auth, Plain;
    /// DKIM result of the trusted Authentication-Results.
    Dkim = "dkim", Auth, Plain;
    /// A passing DKIM signature aligned with the From domain.
    DkimAligned = "dkim-aligned", Auth, Identity;
    /// DMARC result of the trusted Authentication-Results.
    Dmarc = "dmarc", Auth, Plain;
    /// From the domain of a brand that signs all its mail (enforcing DMARC, known DKIM domains), but signed only
    /// by other domains and with no DMARC result written (issue class 6).
    BrandUnsigned = "brand-unsigned", Auth, Identity;
    /// Authentication-Results that cannot be trusted (lower headers, foreign authserv-id).
    AuthHeaderUntrusted = "auth-header-untrusted", Auth, Plain;
    /// Which Authentication-Results were used when no authserv-id is configured (information: the caveat that
    /// a topmost header can be forged, said once).
    AuthSource = "auth-source", Auth, Plain;
    /// Link text that shows one domain while the link goes to another.
    LinkTextMismatch = "link-text-mismatch", Links, Plain;
    /// Links to domains that are not the claimed brand's.
    LinkOffbrand = "link-offbrand", Links, BrandContent;
    /// A link to a bare IP address.
    LinkIpHost = "link-ip-host", Links, Plain;
    /// A link with user info before the host (`https://paypal.com@evil.example`).
    LinkUserinfo = "link-userinfo", Links, Plain;
    /// A link through a URL shortener.
    LinkShortener = "link-shortener", Links, BrandContent;
    /// A link through an open redirector.
    LinkRedirector = "link-redirector", Links, Plain;
    /// A link to a free web-hosting or form-building host.
    LinkFreeHosting = "link-free-hosting", Links, Plain;
    /// Every link of a sender presenting an organisation goes to domains unrelated to it.
    LinkUnrelated = "link-unrelated", Links, Plain;
    /// A lure (credentials, payment, threats, prizes, money) on mail that claims no brand, whose every link goes
    /// to domains unrelated to the sender's: the page it wants you on is somebody else's, so authenticating the
    /// sender proves nothing about whom you would deal with (a warning already stands in the way of `verified`).
    LureOffsite = "lure-offsite", Links, Identity;
    /// An HTML form inside the message.
    HtmlForm = "html-form", Links, Plain;
    /// A greeting that does not name the recipient.
    GenericGreeting = "generic-greeting", Content, BrandContent;
    /// A greeting that names the recipient.
    PersonalGreeting = "personal-greeting", Content, Plain;
    /// Pressure to act now (account closed, within 24 hours).
    Urgency = "urgency", Content, BrandContent;
    /// A request for passwords, card numbers or codes.
    CredentialRequest = "credential-request", Content, BrandContent;
    /// Letters of several scripts mixed inside words.
    MixedScript = "mixed-script", Content, Plain;
    /// A prize or giveaway lure.
    PrizeLure = "prize-lure", Lures, BrandContent;
    /// A money lure (inheritance, investment, refund).
    MoneyLure = "money-lure", Lures, BrandContent;
    /// A lure to call a phone number.
    CallbackLure = "callback-lure", Lures, Plain;
    /// A request to answer at another address or messenger.
    ContactElsewhere = "contact-elsewhere", Lures, Identity;
    /// A free-mail stranger sending only a few words and a link to a file-sharing or document host.
    FileShareLure = "file-share-lure", Lures, Plain;
    /// An attachment type that runs code.
    DangerousAttachment = "dangerous-attachment", Attachments, Plain;
    /// A file name with two extensions (`invoice.pdf.exe`).
    DoubleExtension = "double-extension", Attachments, Plain;
    /// An HTML file attached.
    HtmlAttachment = "html-attachment", Attachments, Plain;
    /// An archive that holds a program.
    ArchiveExecutable = "archive-executable", Attachments, Plain;
    /// A file name with bidirectional control characters.
    BidiFilename = "bidi-filename", Attachments, Plain;
    /// The message could not be read.
    Unparseable = "unparseable", Message, Plain;
    /// `X-Mailvet-*` labels found in the mail (information only: anyone can write them, never counted).
    MailvetHeader = "mailvet-header", Message, Plain;
    /// A bound on the work spent on one message cut it short (the evidence says which): information only.
    PartlyChecked = "partly-checked", Message, Plain;
    /// What the user taught about the sender's domain (config `[[taught]]`: not phishing, or phishing), with
    /// its date and the Message-ID that prompted it.
    Taught = "taught", Message, Plain;
}

impl SignalId {
    /// The ids of `ids` joined by `sep` (`sender-domain,dmarc`).
    pub fn join(ids: &[SignalId], sep: &str) -> String {
        let names: Vec<&str> = ids.iter().map(|id| id.as_str()).collect();
        names.join(sep)
    }
}

impl std::fmt::Display for SignalId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for SignalId {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        SignalId::ALL
            .iter()
            .copied()
            .find(|id| id.as_str() == s)
            .ok_or_else(|| format!("'{s}' is not a signal id"))
    }
}

impl Serialize for SignalId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for SignalId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for &id in SignalId::ALL {
            let s = id.as_str();
            assert!(seen.insert(s), "duplicate id {s}");
            assert!(
                s.split('-').all(|w| !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())),
                "{s} is not kebab-case"
            );
            assert_eq!(s.parse::<SignalId>(), Ok(id));
            let json = serde_json::to_string(&id).unwrap();
            assert_eq!(json, format!("\"{s}\""));
            assert_eq!(serde_json::from_str::<SignalId>(&json).unwrap(), id);
        }
        assert!("no-such-signal".parse::<SignalId>().is_err());
    }
}
