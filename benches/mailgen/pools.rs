//! Sentence and subject pools per topic, with `{placeholders}` the text module fills in. All invented.

/// Orders, shipping, refunds.
pub const ORDER: &[&str] = &[
    "Your order #{order} has shipped and is on its way.",
    "Your package with the {item} will arrive on {day}.",
    "You can track your package at any time from Your Orders.",
    "Order total: {amount} EUR, charged to your card ending in {n}.",
    "The carrier will leave the parcel with a neighbour if nobody is home.",
    "We are preparing your order and will send a confirmation when it ships.",
    "Your refund of {amount} EUR has been issued and should appear within 5 business days.",
    "Delivery to a parcel locker in {city} is available for this order.",
];
/// Payment receipts and invoices.
pub const RECEIPT: &[&str] = &[
    "You sent a payment of {amount} EUR to a merchant in {city}.",
    "Transaction ID: {order}.",
    "This receipt is for your subscription renewal.",
    "It may take a few moments for this transaction to appear in your account.",
    "Your invoice for {amount} EUR is available in your account.",
];
/// Genuine account notices.
pub const SECURITY: &[&str] = &[
    "We noticed a new sign-in to your account from a browser in {city}.",
    "If this was you, you don't need to do anything.",
    "If you don't recognise this activity, review your security settings from your account page.",
    "Your password was changed on {day}.",
    "Two-step verification was turned on for your account.",
    "We will never ask for your password in an email.",
];
/// Genuine seller-performance notices.
pub const SELLER: &[&str] = &[
    "Your Account Health Rating is {n}0 and your account is in good standing.",
    "One of your listings needs an updated product safety document.",
    "Your Order Defect Rate for the last 60 days is 0.{n}%.",
    "Review the policy details in Seller Central.",
    "A buyer left feedback on order {order}.",
];
/// Promotions and newsletters.
pub const PROMO: &[&str] = &[
    "Save up to {n}% on selected items this week.",
    "New arrivals in outdoor gear are here.",
    "Members get free shipping on orders over {amount} EUR.",
    "Our spring collection just landed.",
    "Use the code WELCOME{n} at checkout.",
    "Only a few days left to grab these deals.",
];
/// Phishing: account threats and credential requests.
pub const PHISH_SECURITY: &[&str] = &[
    "We detected unusual activity on your account and have temporarily suspended it.",
    "To restore access you must verify your account within 24 hours.",
    "Failure to confirm your information will result in permanent closure of your account.",
    "Please confirm your password, billing address and card details.",
    "Your payment method was declined and your membership is on hold.",
    "Click below to verify your identity immediately.",
];
/// Phishing: fake parcels, charges and cancellations.
pub const PHISH_ORDER: &[&str] = &[
    "Your parcel is held at our depot because of an unpaid customs fee of {amount} EUR.",
    "We could not deliver your package; schedule a new delivery now.",
    "Your order #{order} has been cancelled; if this was not you, click below.",
    "A charge of {amount} EUR was authorised for your subscription; cancel it within 24 hours to get a refund.",
];
/// Phishing: fake seller-performance threats.
pub const PHISH_SELLER: &[&str] = &[
    "Your listing will be removed and your selling privileges deactivated.",
    "Submit your plan of action within 48 hours to avoid suspension.",
    "Sign in to confirm your seller identity.",
];
/// Personal mail.
pub const PERSONAL: &[&str] = &[
    "Are you around this weekend?",
    "We finally booked the flights to {city}.",
    "The kids loved the {item} you sent.",
    "Can you send me the photos from {day}?",
    "I'm running about ten minutes late.",
    "Let's have lunch on {day} if you're free.",
    "Mum says hello and asks when you're visiting.",
];
/// Technical mailing-list discussion.
pub const LIST: &[&str] = &[
    "I tried the patch on nightly and the borrow checker is happy now.",
    "The lifetime error goes away once the iterator owns its data.",
    "Could you post a minimal example on the playground?",
    "Benchmarks show about {n}% less time in the hot loop.",
    "This is tracked in issue #{n}{n}; a fix landed last week.",
    "Using an arena allocator cut our allocations in half.",
    "Have you tried running it under Miri?",
];

/// Subjects for each pool above, in the same order of topics.
pub const SUBJECTS_ORDER: &[&str] = &[
    "Your order #{order} has shipped",
    "Delivery update: arriving {day}",
    "Your refund has been issued",
];
/// Receipt subjects.
pub const SUBJECTS_RECEIPT: &[&str] = &[
    "Receipt for your payment",
    "Your invoice is ready",
    "Your receipt",
];
/// Account notice subjects.
pub const SUBJECTS_SECURITY: &[&str] = &[
    "New sign-in to your account",
    "Your password was changed",
    "Security alert: new device",
];
/// Seller notice subjects.
pub const SUBJECTS_SELLER: &[&str] = &[
    "Your monthly Account Health summary",
    "Action recommended on 1 listing",
    "New buyer feedback",
];
/// Promotion subjects.
pub const SUBJECTS_PROMO: &[&str] = &[
    "Save up to {n}% this week",
    "New arrivals you'll love",
    "Grüße from our spring sale – {n}% off",
    "Last chance: deals end {day}",
];
/// Phishing subjects (account).
pub const SUBJECTS_PHISH_SECURITY: &[&str] = &[
    "Action required: verify your account",
    "Your account has been suspended",
    "Unusual sign-in activity detected",
    "Final notice: update your payment information",
];
/// Phishing subjects (orders).
pub const SUBJECTS_PHISH_ORDER: &[&str] = &[
    "Delivery failed: customs fee unpaid",
    "Your order #{order} was cancelled",
    "Invoice {n}{n} attached",
];
/// Phishing subjects (seller).
pub const SUBJECTS_PHISH_SELLER: &[&str] = &[
    "Your listing will be removed",
    "Seller account deactivation notice",
];
/// Personal subjects.
pub const SUBJECTS_PERSONAL: &[&str] = &[
    "Saturday?",
    "Photos from {day}",
    "Lunch next week",
    "Flights to {city}",
    "Re: the {item}",
];
/// Mailing-list subjects.
pub const SUBJECTS_LIST: &[&str] = &[
    "Re: lifetime error with iterators",
    "[ANN] release {n}.{n} of the parser crate",
    "Re: faster hashing in the hot loop",
    "Question about async traits",
];

/// Given names of invented people.
pub const FIRST: &[&str] = &[
    "Alice", "Bruno", "Chiara", "Dmitri", "Elif", "Farah", "Gustav", "Hana", "Ivo", "Jana", "Kofi",
    "Lea", "Mateo", "Nora", "Oskar", "Priya", "Rafael", "Sofia", "Tomasz", "Ursula",
];
/// Family names of invented people.
pub const LAST: &[&str] = &[
    "Andersen",
    "Brennan",
    "Castillo",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Novak",
    "Okafor",
    "Petrov",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Weber",
];
