//! One account-threat lure per language of `phrases/`, written for the test as a native speaker would phrase
//! it: a generic greeting, pressure and a request for data must each be read, and ordinary mail in the same
//! language must stay quiet.

use super::*;

fn message(subject: &str, text: &str) -> Message {
    Message {
        subject: subject.into(),
        text: text.into(),
        ..genuine_other()
    }
}

/// (language, subject, body) of a typical "your account is blocked, confirm your data" lure.
const LURES: &[(&str, &str, &str)] = &[
    (
        "en",
        "Your account will be suspended",
        "Dear Customer, we noticed unusual activity. Verify your account within 24 hours.",
    ),
    (
        "de",
        "Ihr Konto wurde gesperrt",
        "Sehr geehrter Kunde, wir haben ungewöhnliche Aktivitäten festgestellt. Bitte bestätigen Sie Ihre Identität innerhalb von 24 Stunden.",
    ),
    (
        "pt",
        "Sua conta será bloqueada",
        "Prezado cliente, identificamos uma pendência. Atualize seus dados imediatamente para evitar o bloqueio.",
    ),
    (
        "es",
        "Su cuenta ha sido suspendida",
        "Estimado cliente, detectamos actividad inusual. Verifique su cuenta en las próximas 24 horas.",
    ),
    (
        "fr",
        "Votre compte est suspendu",
        "Cher client, nous avons détecté une activité inhabituelle. Veuillez vérifier votre compte sous 24 heures.",
    ),
    (
        "it",
        "Il tuo account è stato sospeso",
        "Gentile cliente, abbiamo rilevato un'attività insolita. Verifica i tuoi dati entro 24 ore.",
    ),
    (
        "nl",
        "Uw rekening is geblokkeerd",
        "Beste klant, wij hebben ongebruikelijke activiteit vastgesteld. Bevestig uw gegevens binnen 24 uur.",
    ),
    (
        "pl",
        "Twoje konto zostało zablokowane",
        "Drogi kliencie, wykryliśmy nietypową aktywność. Potwierdź swoje dane w ciągu 24 godzin.",
    ),
    (
        "sv",
        "Ditt konto är spärrat",
        "Kära kund, vi har upptäckt ovanlig aktivitet. Bekräfta dina uppgifter inom 24 timmar.",
    ),
    (
        "da",
        "Din konto er spærret",
        "Kære kunde, vi har registreret usædvanlig aktivitet. Bekræft dine oplysninger inden for 24 timer.",
    ),
    (
        "no",
        "Kontoen din er sperret",
        "Kjære kunde, vi har oppdaget uvanlig aktivitet. Bekreft opplysningene dine innen 24 timer.",
    ),
    (
        "fi",
        "Tilisi on suljettu",
        "Hyvä asiakas, havaitsimme epätavallista toimintaa. Vahvista tietosi 24 tunnin kuluessa.",
    ),
    (
        "tr",
        "Hesabınız askıya alındı",
        "Değerli müşterimiz, olağandışı etkinlik tespit ettik. Lütfen 24 saat içinde bilgilerinizi güncelleyin.",
    ),
    (
        "ja",
        "【重要】アカウントの利用制限のお知らせ",
        "お客様各位\n不正アクセスを検知しました。24時間以内に本人確認を完了してください。",
    ),
    (
        "zh",
        "您的邮箱账户将被冻结",
        "尊敬的用户：我们检测到异常登录。请在24小时内验证您的账户，否则将被删除。",
    ),
    (
        "ko",
        "고객님의 계정이 정지되었습니다",
        "고객님, 비정상적인 로그인이 감지되었습니다. 24시간 이내에 본인 인증을 완료해 주세요.",
    ),
];

#[test]
fn every_language_has_a_lure_test() {
    for (code, _) in crate::analysis::phrases::LANGUAGES {
        assert!(
            LURES.iter().any(|(l, _, _)| l == code),
            "no lure test for {code}"
        );
    }
}

#[test]
fn account_threat_lures_are_read_in_every_language() {
    let r = rules();
    for (lang, subject, text) in LURES {
        let v = analyse(&message(subject, text), &r);
        for id in [
            SignalId::GenericGreeting,
            SignalId::Urgency,
            SignalId::CredentialRequest,
        ] {
            assert_eq!(
                outcome(&v, id),
                Some(Outcome::Warn),
                "{lang}: {id} in {subject} / {text}: {:?}",
                v.signals
            );
        }
        assert!(v.trust.is_alarm(), "{lang}: {:?}", v.trust);
    }
}

#[test]
fn ordinary_mail_in_those_languages_stays_quiet() {
    let r = rules();
    for (lang, subject, text) in [
        (
            "de",
            "Samstag",
            "Hallo Jane, hast du am Samstag Zeit? Wir grillen im Garten. Bob",
        ),
        (
            "fr",
            "Réunion",
            "Bonjour Jane, la réunion de demain est déplacée à 15 h. À bientôt, Bob",
        ),
        (
            "ja",
            "週末の予定",
            "ジェーンさん、こんにちは。土曜日は空いていますか？一緒に食事しましょう。ボブ",
        ),
        (
            "nl",
            "Verjaardag",
            "Hoi Jane, kom je zaterdag naar mijn verjaardag? Groetjes, Bob",
        ),
        (
            "ko",
            "주말 약속",
            "제인 씨, 안녕하세요. 토요일에 시간 있으세요? 같이 점심 먹어요. 밥",
        ),
    ] {
        let v = analyse(&message(subject, text), &r);
        assert_eq!(v.trust, Trust::Verified, "{lang}: {:?}", alarms(&v));
    }
}
