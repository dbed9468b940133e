//! What the delivery tests share: two messages as a local mail server hands them to its delivery agent (LF
//! line endings, the receiving server's Authentication-Results on top), the config that trusts that
//! server, and reading back what `mailvet filter` put on top of a message.

use std::path::{Path, PathBuf};

/// The receiving server of the delivery tests (the authserv-id of its Authentication-Results).
pub const RECEIVING_SERVER: &str = "mx.delivery.test";

/// A PayPal look-alike asking for a password and card details, with a link to a bare IP address.
pub const PHISHING_DELIVERY: &str = "Return-Path: <billing@paypal-resolution-centre.example>
Authentication-Results: mx.delivery.test; spf=pass smtp.mailfrom=paypal-resolution-centre.example; dkim=none; dmarc=none
Received: from vps1.paypal-resolution-centre.example (198.51.100.23) by mx.delivery.test; Mon, 30 Nov 2026 03:12:09 +0000
From: \"PayPal Service\" <billing@paypal-resolution-centre.example>
To: Robin Example <robin@delivery.test>
Subject: Action needed: your PayPal account access is limited
Date: Mon, 30 Nov 2026 03:12:04 +0000
Message-ID: <limit-7731@paypal-resolution-centre.example>
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8

<html><body><p>Dear valued member,</p>
<p>We noticed an unusual login attempt and have temporarily limited your account.
Confirm your password and card details within 48 hours or your account will be closed.</p>
<p><a href=\"http://203.0.113.9/pp/restore\">https://www.paypal.com/restore</a></p>
</body></html>
";

/// A DHL shipping notice that passed DMARC at the receiving server.
pub const GENUINE_DELIVERY: &str = "Return-Path: <noreply@dhl.com>
Authentication-Results: mx.delivery.test;
 dkim=pass header.d=dhl.com header.s=s2026 header.b=Zm9v;
 spf=pass smtp.mailfrom=noreply@dhl.com;
 dmarc=pass (p=REJECT) header.from=dhl.com
DKIM-Signature: v=1; a=rsa-sha256; d=dhl.com; s=s2026; h=from:to:subject:date; bh=YmFy; b=Zm9v
From: DHL Express <noreply@dhl.com>
To: Robin Example <robin@delivery.test>
Subject: Your DHL shipment 1234567890 is on its way
Date: Tue, 01 Dec 2026 09:45:00 +0100
Message-ID: <ship-1234567890@dhl.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Hello Robin,

your parcel 1234567890 left our hub in Leipzig and will be delivered on Thursday.
Follow it at https://www.dhl.com/en/express/tracking.html?AWB=1234567890
";

/// `message` with a forged `X-Mailvet-Trust: verified` put in after its first line, as a sender can.
pub fn forged(message: &str) -> String {
    let (first, rest) = message.split_once('\n').unwrap();
    format!("{first}\nX-Mailvet-Trust: verified\n{rest}")
}

/// Writes the mail server admin's mailvet config (trusting [`RECEIVING_SERVER`]) into `dir`, readable by
/// the mail user.
pub fn admin_config(dir: &Path) -> PathBuf {
    let path = dir.join("mailvet.toml");
    std::fs::write(
        &path,
        format!("trusted_authserv_ids = [\"{RECEIVING_SERVER}\"]\n"),
    )
    .unwrap();
    path
}

/// Splits filter output into the X-Mailvet-* header lines on top (unfolded, without line endings) and the
/// bytes below them.
pub fn split_stamp(out: &[u8]) -> (Vec<String>, &[u8]) {
    let mut lines: Vec<String> = Vec::new();
    let mut at = 0;
    while let Some(len) = out[at..].iter().position(|&b| b == b'\n').map(|i| i + 1) {
        let line = String::from_utf8_lossy(&out[at..at + len]);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.starts_with("X-Mailvet-") {
            lines.push(line.to_owned());
        } else if line.starts_with(' ') && !lines.is_empty() {
            lines.last_mut().unwrap().push_str(line);
        } else {
            break;
        }
        at += len;
    }
    (lines, &out[at..])
}

/// The value of `name` among the header lines [`split_stamp`] returned.
pub fn stamp_value<'a>(lines: &'a [String], name: &str) -> &'a str {
    lines
        .iter()
        .find_map(|l| l.strip_prefix(&format!("{name}: ")))
        .unwrap_or_else(|| panic!("no {name} in {lines:?}"))
}

/// The one message file in `maildir`'s `new/` (delivery agents deliver there), asserting there is one.
pub fn only_new_message(maildir: &Path) -> Vec<u8> {
    let files: Vec<PathBuf> = std::fs::read_dir(maildir.join("new"))
        .unwrap_or_else(|e| panic!("{}: {e}", maildir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    std::fs::read(&files[0]).unwrap()
}
