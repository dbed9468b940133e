//! The pathological set, generated at test time: messages an attacker can write to freeze, crash or take
//! over the terminal of whoever triages them, plus folder and file names doing the same. Nothing here is
//! real mail: every name and domain is invented (`.example`).

#![allow(dead_code)] // each test binary uses part of the set

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

/// Escape sequences mailvet itself never writes, so finding one in its output means mail got through:
/// CSI with an odd parameter, OSC title, DCS, the same CSI as a C1 byte, BEL.
pub const TERMINAL_ATTACK: &str =
    "\u{1b}[7777m\u{1b}]2;PWNTITLE\u{7}\u{1b}P+qPWN\u{1b}\\\u{9b}7777m\u{202e}gpj.exe\u{0}";

/// Byte strings that must never appear in what mailvet writes to a terminal.
pub const FORBIDDEN_OUTPUT: &[&[u8]] = &[
    b"\x1b[7777m",
    b"\x1b]2;",
    b"\x1bP",
    b"\xc2\x9b",
    b"\xc2\x9d",
    b"\xc2\x90",
    b"\xe2\x80\xae",
    b"\x07",
    b"\x00",
];

/// The first forbidden sequence in `output`, if any, with the bytes around it.
pub fn forbidden_in(output: &[u8]) -> Option<String> {
    FORBIDDEN_OUTPUT.iter().find_map(|bad| {
        let at = output.windows(bad.len()).position(|w| w == *bad)?;
        let around = &output[at.saturating_sub(40)..(at + bad.len() + 40).min(output.len())];
        Some(format!(
            "{bad:?} at byte {at}: {:?}",
            String::from_utf8_lossy(around)
        ))
    })
}

fn header(subject: &str) -> String {
    format!(
        "From: Sender <sender@shop.example>\r\nTo: you@home.example\r\nSubject: {subject}\r\n\
         Date: Mon, 2 Nov 2026 10:00:00 +0000\r\nMessage-ID: <{}@shop.example>\r\nMIME-Version: 1.0\r\n",
        subject.len()
    )
}

fn plain(subject: &str, body: &str) -> Vec<u8> {
    format!(
        "{}Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n",
        header(subject)
    )
    .into_bytes()
}

fn html(subject: &str, body: &str) -> Vec<u8> {
    format!(
        "{}Content-Type: text/html; charset=utf-8\r\n\r\n{body}\r\n",
        header(subject)
    )
    .into_bytes()
}

/// A stored (uncompressed) zip entry list; `claimed` is the uncompressed size each central entry declares,
/// and every central entry points at the one local header (overlapping entries, as zip bombs do).
fn zip(names: &[String], claimed: u32) -> Vec<u8> {
    let data = b"MZ";
    let mut out = Vec::new();
    let first = names.first().map_or("a", String::as_str);
    out.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
    out.extend_from_slice(&0u32.to_le_bytes()); // crc
    out.extend_from_slice(&2u32.to_le_bytes());
    out.extend_from_slice(&2u32.to_le_bytes());
    out.extend_from_slice(&(first.len() as u16).to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(first.as_bytes());
    out.extend_from_slice(data);
    let cd_start = out.len();
    for name in names {
        out.extend_from_slice(b"PK\x01\x02\x14\x00\x14\x00\x00\x00\x08\x00\x00\x00\x00\x00");
        out.extend_from_slice(&0u32.to_le_bytes());
        out.extend_from_slice(&2u32.to_le_bytes());
        out.extend_from_slice(&claimed.to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&[0; 12]);
        out.extend_from_slice(&0u32.to_le_bytes()); // every entry at the same local header
        out.extend_from_slice(name.as_bytes());
    }
    let cd_len = out.len() - cd_start;
    let count = names.len().min(usize::from(u16::MAX)) as u16;
    out.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00");
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&(cd_len as u32).to_le_bytes());
    out.extend_from_slice(&(cd_start as u32).to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for (i, chunk) in bytes.chunks(3).enumerate() {
        if i > 0 && i % 19 == 0 {
            out.push_str("\r\n");
        }
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            out.push(if k <= chunk.len() {
                char::from(ABC[((n >> (18 - 6 * k)) & 63) as usize])
            } else {
                '='
            });
        }
    }
    out
}

fn with_attachment(subject: &str, name: &str, data: &[u8]) -> Vec<u8> {
    format!(
        "{}Content-Type: multipart/mixed; boundary=\"zz\"\r\n\r\n--zz\r\nContent-Type: text/plain\r\n\r\n\
         See the attachment.\r\n--zz\r\nContent-Type: application/zip; name=\"{name}\"\r\n\
         Content-Disposition: attachment; filename=\"{name}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n--zz--\r\n",
        header(subject),
        base64(data)
    )
    .into_bytes()
}

/// `(subject, raw message)` for every pathological shape of the issue.
pub fn messages() -> Vec<(&'static str, Vec<u8>)> {
    let mut set = Vec::new();
    let urls: Vec<String> = (0..12_000)
        .map(|i| format!("https://h{i}.shop.example/p{i}"))
        .collect();
    set.push((
        "Twelve thousand URLs",
        plain("Twelve thousand URLs", &urls.join("\r\n")),
    ));
    set.push((
        "One URL ten thousand times",
        plain(
            "One URL ten thousand times",
            &"https://one.shop.example/x ".repeat(10_000),
        ),
    ));
    let anchors: String = (0..10_000)
        .map(|_| "<a href=\"https://one.shop.example/y\">click</a> ")
        .collect();
    set.push((
        "One anchor ten thousand times",
        html("One anchor ten thousand times", &anchors),
    ));
    set.push((
        "Fifty thousand nested divs",
        html(
            "Fifty thousand nested divs",
            &format!("{}deep{}", "<div>".repeat(50_000), "</div>".repeat(50_000)),
        ),
    ));
    set.push((
        "A two megabyte line",
        plain("A two megabyte line", &"word ".repeat(400_000)),
    ));
    let many_headers: String = (0..5_000)
        .map(|i| format!("X-Filler-{i}: value {i}\r\n"))
        .collect();
    set.push((
        "Five thousand headers",
        format!(
            "{many_headers}{}",
            String::from_utf8_lossy(&plain("Five thousand headers", "hi"))
        )
        .into_bytes(),
    ));
    let mut deep = header("MIME a thousand deep");
    for i in 0..1_000 {
        deep.push_str(&format!(
            "Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\n"
        ));
    }
    deep.push_str("Content-Type: text/plain\r\n\r\nleaf\r\n");
    for i in (0..1_000).rev() {
        deep.push_str(&format!("--b{i}--\r\n"));
    }
    set.push(("MIME a thousand deep", deep.into_bytes()));
    let mut rfc822 = header("Fifty thousand nested messages").into_bytes();
    rfc822.extend_from_slice(b"Content-Type: message/rfc822\r\n\r\n");
    rfc822.extend(
        b"From: a@shop.example\r\nSubject: in\r\nContent-Type: message/rfc822\r\n\r\n"
            .repeat(50_000),
    );
    rfc822.extend_from_slice(b"From: b@shop.example\r\nSubject: leaf\r\n\r\nhello\r\n");
    set.push(("Fifty thousand nested messages", rfc822));
    let mut parts = header("Ten thousand parts");
    parts.push_str("Content-Type: multipart/mixed; boundary=\"p\"\r\n\r\n");
    for i in 0..10_000 {
        parts.push_str(&format!(
            "--p\r\nContent-Type: application/octet-stream; name=\"f{i}.bin\"\r\nContent-Disposition: attachment\r\n\r\nx\r\n"
        ));
    }
    parts.push_str("--p--\r\n");
    set.push(("Ten thousand parts", parts.into_bytes()));
    let bomb_names: Vec<String> = (0..5_000).map(|i| format!("payload{i}.exe")).collect();
    set.push((
        "Overlapping zip bomb",
        with_attachment(
            "Overlapping zip bomb",
            "bomb.zip",
            &zip(&bomb_names, u32::MAX),
        ),
    ));
    let mut lying = zip(&["a.txt".to_string()], 1);
    let eocd = lying.len() - 22;
    lying[eocd + 8..eocd + 12].copy_from_slice(&[0xff, 0xff, 0xff, 0xff]); // 65,535 entries
    lying[eocd + 12..eocd + 16].copy_from_slice(&0x7fff_ffffu32.to_le_bytes()); // a huge directory
    set.push((
        "Lying central directory",
        with_attachment("Lying central directory", "lie.zip", &lying),
    ));
    let evil = TERMINAL_ATTACK;
    let everywhere = format!(
        "From: \"Evil{evil}Name\" <evil{evil}@shop.example>\r\nTo: \"You{evil}\" <you@home.example>\r\n\
         Reply-To: r{evil}@shop.example\r\nSubject: Escapes{evil} everywhere\r\nDate: Mon, 2 Nov 2026{evil}\r\n\
         Message-ID: <id{evil}@shop.example>\r\nList-Id: list{evil}\r\n\
         Authentication-Results: mx.home.example; spf=pass{evil} smtp.mailfrom=shop.example\r\n\
         X-Evil: {evil}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"e\"\r\n\r\n\
         --e\r\nContent-Type: text/html\r\n\r\n<p>Body{evil}</p><a href=\"https://x.example/{evil}\">link{evil}</a>\r\n\
         --e\r\nContent-Type: application/octet-stream; name=\"file{evil}.exe\"\r\n\
         Content-Disposition: attachment; filename=\"file{evil}.exe\"\r\n\r\nMZ\r\n--e--\r\n"
    );
    set.push(("Escapes", everywhere.into_bytes()));
    let mut nul = plain("NUL and bad bytes", "before\0after ").to_vec();
    nul.extend_from_slice(b"\xff\xfe\x9b7777m invalid utf-8 \xc3\x28\r\n");
    set.push(("NUL and bad bytes", nul));
    let mut bad_subject =
        b"From: x@shop.example\r\nSubject: Invalid \xff\xfe\x9b7777m subject\r\n\r\nhi\r\n"
            .to_vec();
    bad_subject.push(0);
    set.push(("Invalid", bad_subject));
    set.push((
        "(binary)",
        b"\0\0\0\x1b[7777m\x9b\xff not a message".to_vec(),
    ));
    set
}

/// The subjects of the one message in each hostile folder, in sidebar order (`.Bad…` before `.Evil…`).
pub const FOLDER_SUBJECTS: [&str; 2] = ["In the undecodable folder", "In the escaped folder"];

/// Writes `messages()` into `root/cur` (one file each, names in list order), plus a folder and a file whose
/// names carry escapes, and a folder whose name is not UTF-8. Returns how many messages it wrote.
pub fn write_maildir(root: &Path) -> usize {
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(root.join(sub)).expect("mkdir");
    }
    let set = messages();
    for (i, (_, raw)) in set.iter().enumerate() {
        let name = format!("{}.M{i}P1.host:2,S", 1_790_000_000 + i);
        std::fs::write(root.join("cur").join(name), raw).expect("write message");
    }
    let evil_name = "1790100000.\u{1b}[7777mevil\u{7}.host:2,";
    std::fs::write(
        root.join("cur").join(evil_name),
        plain("Evil file name", "hi"),
    )
    .expect("write");
    let evil_folder = root.join(".Evil\u{1b}]2;PWNTITLE\u{7}Folder");
    let bad_folder = root.join(OsStr::from_bytes(b".Bad\xff\x9bFolder"));
    for (folder, subject) in [
        (&bad_folder, FOLDER_SUBJECTS[0]),
        (&evil_folder, FOLDER_SUBJECTS[1]),
    ] {
        for sub in ["cur", "new", "tmp"] {
            std::fs::create_dir_all(folder.join(sub)).expect("mkdir folder");
        }
        std::fs::write(
            folder.join("cur/1790200000.M1P1.host:2,"),
            plain(subject, "hi"),
        )
        .expect("write");
    }
    set.len() + 3
}
