//! `update(&mut AppState, Action) -> Vec<Effect>`: every state change, pure (no files, no terminal, no
//! clock). Effects ask the runner for background work.

use ratatui::crossterm::event::KeyEvent;
use tui_textarea::TextArea;

use crate::model::{Category, Query, Trust};
use crate::store::flag::Flag;

use super::action::Action;
use super::acts;
use super::effect::Effect;
use super::export;
use super::find;
use super::layout;
use super::nav;
use super::reading;
use super::state::{AppState, Focus, Overlay, Prompt, PromptKind};
use super::sync;
use super::teach;
use crate::analysis::Lesson;

/// Applies one action; returns the effects to run.
pub fn update(s: &mut AppState, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    // A background result changes no window, so it need not re-prioritise (that would flood the queue).
    let background = matches!(
        action,
        Action::Analysed(..)
            | Action::AnalysedMany(..)
            | Action::Loaded(..)
            | Action::Rescanned(..)
            | Action::ExportProgress(..)
    );
    if action.name().is_some() {
        s.status.clear();
    }
    let before = s.status.clone();
    match action {
        Action::Down if picking(s) => acts::pick_step(s, 1),
        Action::Up if picking(s) => acts::pick_step(s, -1),
        Action::Down => nav::step(s, 1),
        Action::Up => nav::step(s, -1),
        Action::PageDown => nav::step(s, nav::page(s)),
        Action::PageUp => nav::step(s, -nav::page(s)),
        Action::Top => nav::step(s, isize::MIN / 2),
        Action::Bottom => nav::step(s, isize::MAX / 2),
        Action::FocusNext => s.focus = nav::cycle_focus(s, true),
        Action::FocusPrev => s.focus = nav::cycle_focus(s, false),
        Action::Open if s.overlay.is_none() && s.focus == Focus::Sidebar => nav::open_folder(s),
        Action::Open => {
            nav::show(s, Overlay::Body);
            acts::mark_read(s, &mut effects);
        }
        Action::ShowLinks => nav::show(s, Overlay::Links),
        Action::ShowHeaders => nav::show(s, Overlay::Headers),
        Action::ShowAttachments => nav::show(s, Overlay::Attachments),
        Action::ShowHelp => nav::show(s, Overlay::Help),
        Action::ShowMessages => nav::show(s, Overlay::Messages),
        Action::ShowOverview => nav::show(s, Overlay::Overview),
        Action::Close => nav::close(s),
        Action::Quit => s.quit = true,
        Action::CloseOrQuit if s.overlay.is_some() => nav::close(s),
        Action::CloseOrQuit => s.quit = true,
        Action::ToggleSidebar => {
            s.sidebar = Some(!s.sidebar_shown());
            s.focus = nav::fix_focus(s);
        }
        Action::ToggleDetail => {
            s.show_detail = !s.show_detail;
            s.focus = nav::fix_focus(s);
        }
        Action::Search => open_prompt(s, PromptKind::Search, s.search.describe()),
        Action::SearchNext => find::jump(s, !s.search_backwards),
        Action::SearchPrev => find::jump(s, s.search_backwards),
        Action::SearchReverse => {
            open_prompt(s, PromptKind::SearchReverse, s.search.describe());
        }
        Action::Limit => open_prompt(s, PromptKind::Limit, s.limit.describe()),
        Action::CycleTrust => {
            s.limit.trust = cycle(&TRUST_CYCLE, one(&s.limit.trust))
                .into_iter()
                .collect();
            s.refresh();
        }
        Action::CycleCategory => {
            s.limit.category = cycle(&CATEGORY_CYCLE, one(&s.limit.category))
                .into_iter()
                .collect();
            s.refresh();
        }
        Action::CycleSort => {
            s.sort = s.sort.next();
            s.refresh();
            s.status = format!("sorted by {}", s.sort.as_str());
        }
        Action::ToggleMark => toggle_mark(s),
        Action::MarkAllShown => mark_all(s),
        Action::CopyLink => copy_link(s, &mut effects),
        Action::ToggleSeen => acts::toggle(
            s,
            Flag::Seen,
            ("marked read", "marked unread"),
            &mut effects,
        ),
        Action::ToggleFlagged => {
            acts::toggle(s, Flag::Flagged, ("flagged", "unflagged"), &mut effects)
        }
        Action::ToggleReplied => acts::toggle(
            s,
            Flag::Replied,
            ("marked replied", "marked not replied"),
            &mut effects,
        ),
        Action::ToggleTrashed => {
            acts::toggle(s, Flag::Trashed, ("trashed", "untrashed"), &mut effects)
        }
        Action::Archive => {
            let folder = s.archive.clone();
            acts::move_to(s, folder, "archived".into(), &mut effects);
        }
        Action::Junk => {
            let folder = s.junk.clone();
            let verb = format!("moved to {folder}:");
            acts::move_to(s, folder, verb, &mut effects);
        }
        Action::MoveTo => acts::open_picker(s),
        Action::Undo => acts::undo(s, &mut effects),
        Action::ShowTrashed => {
            s.show_trashed = !s.show_trashed;
            s.refresh();
            s.status = if s.show_trashed {
                "trashed messages shown"
            } else {
                "trashed messages hidden"
            }
            .into();
        }
        Action::Purge => acts::ask_purge(s),
        Action::Confirm => acts::confirm(s, &mut effects),
        Action::Export => export::open(s),
        Action::Report => export::report(s, &mut effects),
        Action::TeachTrust => teach::teach(s, Lesson::Trust, &mut effects),
        Action::TeachBlock => teach::teach(s, Lesson::Block, &mut effects),
        Action::Taught(result) => teach::saved(s, result),
        Action::FormatNext => export::step_format(s, 1),
        Action::FormatPrev => export::step_format(s, -1),
        Action::ExportScope => export::toggle_scope(s),
        Action::PromptSubmit if s.export.is_some() => export::submit(s, &mut effects),
        Action::PromptCancel if s.export.is_some() => s.export = None,
        Action::PromptKey(key) if s.export.is_some() => export::key(s, key),
        Action::ExportProgress(step) => export::progress(s, step),
        Action::Exported(done) => export::finished(s, &done),
        Action::IdentitySaved(saved) => export::identity_saved(s, saved),
        Action::PromptSubmit => submit_prompt(s, &mut effects),
        Action::PromptCancel if s.confirm.is_some() => {
            s.confirm = None;
            s.status = "nothing changed".into();
        }
        Action::PromptCancel => s.prompt = None,
        Action::PromptKey(key) => prompt_key(s, key),
        Action::Resize(w, h) => {
            s.width = w;
            s.height = h;
            s.focus = nav::fix_focus(s);
            reading::relayout_body(s, &mut effects);
        }
        Action::Tick(now) => {
            s.now = now;
            if s.order.has_pending() {
                s.refresh();
            }
        }
        Action::Input(..) => {}
        Action::Listed(listing) => sync::listed(s, *listing, &mut effects),
        Action::Analysed(id, summary) => sync::analysed(s, id, *summary),
        // The slot is freed once the batch is applied (the action dropped).
        Action::AnalysedMany(lessons, batch, _) => {
            sync::analysed_many(s, lessons, batch, &mut effects)
        }
        Action::Loaded(id, lessons, result) => {
            reading::loaded(s, id, lessons, *result, &mut effects)
        }
        Action::LaidOut(id, width, body) => reading::laid_out(s, id, width, *body),
        Action::Acted(report) => sync::acted(s, *report, &mut effects),
        Action::Rescanned(listing) => sync::rescanned(s, *listing, &mut effects),
        Action::Warned(text) => s.status = format!("warning: {}", super::wording::clean(&text)),
    }
    if s.status != before && !s.status.is_empty() {
        s.remember_status();
    }
    follow(s, &mut effects, !background);
    effects
}

const TRUST_CYCLE: [Option<Trust>; 6] = [
    None,
    Some(Trust::Phishing),
    Some(Trust::Suspicious),
    Some(Trust::Unverified),
    Some(Trust::Verified),
    Some(Trust::Unparseable),
];

const CATEGORY_CYCLE: [Option<Category>; 6] = [
    None,
    Some(Category::AccountSecurity),
    Some(Category::SellerPerformance),
    Some(Category::OrdersShipping),
    Some(Category::Promotions),
    Some(Category::Other),
];

fn cycle<T: Copy + PartialEq>(all: &[Option<T>], now: Option<T>) -> Option<T> {
    let i = all.iter().position(|x| *x == now).unwrap_or(0);
    all.get(i + 1).copied().flatten()
}

/// The one value of a list, if it has exactly one (what a cycling key steps from).
fn one<T: Copy>(values: &[T]) -> Option<T> {
    match values {
        [v] => Some(*v),
        _ => None,
    }
}

fn open_prompt(s: &mut AppState, kind: PromptKind, text: String) {
    let mut input = TextArea::new(vec![text]);
    input.move_cursor(tui_textarea::CursorMove::End);
    input.set_cursor_line_style(ratatui::style::Style::default());
    s.prompt = Some(Prompt {
        kind,
        input,
        sel: 0,
    });
}

fn picking(s: &AppState) -> bool {
    s.prompt
        .as_ref()
        .is_some_and(|p| p.kind == PromptKind::Move)
}

fn prompt_key(s: &mut AppState, key: KeyEvent) {
    if let Some(p) = &mut s.prompt
        && key.code != ratatui::crossterm::event::KeyCode::Enter
    {
        p.input.input(key);
        p.sel = 0;
    }
}

fn submit_prompt(s: &mut AppState, effects: &mut Vec<Effect>) {
    let Some(p) = s.prompt.take() else { return };
    let text = p.text();
    match p.kind {
        PromptKind::Move => return acts::submit_picker(s, &p, effects),
        PromptKind::Identity => return export::submit_identity(s, p, effects),
        _ => {}
    }
    // As in mutt, limiting to `all` shows everything again.
    let text = if p.kind == PromptKind::Limit && text.trim() == "all" {
        String::new()
    } else {
        text
    };
    let query = match Query::parse(&text) {
        Ok(q) => q,
        Err(e) => {
            s.status = e;
            s.prompt = Some(p);
            return;
        }
    };
    match p.kind {
        PromptKind::Search => return find::start(s, query, true),
        PromptKind::SearchReverse => return find::start(s, query, false),
        _ => {}
    }
    s.limit = query;
    s.refresh();
    s.status = format!("{} shown", super::wording::count(s.shown.len()));
}

fn toggle_mark(s: &mut AppState) {
    if let Some(id) = s.selected_row() {
        if !s.marks.remove(&id) {
            s.marks.insert(id);
        }
        nav::step(s, 1);
    }
}

fn mark_all(s: &mut AppState) {
    if s.shown.iter().all(|id| s.marks.contains(id)) {
        for id in &s.shown {
            s.marks.remove(id);
        }
    } else {
        s.marks.extend(s.shown.iter().copied());
    }
    s.status = format!("{} marked", s.marks.len());
}

fn copy_link(s: &mut AppState, effects: &mut Vec<Effect>) {
    let url = s
        .content()
        .filter(|_| s.overlay == Some(Overlay::Links))
        .and_then(|c| c.links.get(s.link_sel))
        .map(|l| l.url.clone());
    match url {
        Some(url) => {
            s.status = format!("copied {url}");
            effects.push(Effect::Copy(url));
        }
        None => s.status = "open the link table (L) and pick a link to copy".into(),
    }
}

/// After every action: keep the selection on screen, ask for the visible rows first, and read the
/// selected message when something shows it.
fn follow(s: &mut AppState, effects: &mut Vec<Effect>, prioritise: bool) {
    s.selected = s.selected.min(s.shown.len().saturating_sub(1));
    let rows = layout::list_rows(s);
    if s.selected < s.offset {
        s.offset = s.selected;
    } else if s.selected >= s.offset + rows {
        s.offset = s.selected + 1 - rows;
    }
    s.offset = s.offset.min(s.shown.len().saturating_sub(rows));
    let end = (s.offset + rows).min(s.shown.len());
    let waiting: Vec<usize> = s.shown[s.offset..end]
        .iter()
        .copied()
        .filter(|&i| s.rows[i].verdict.is_none())
        .collect();
    if prioritise && !waiting.is_empty() {
        effects.push(Effect::Prioritise(waiting));
    }
    let Some(id) = s.selected_row() else { return };
    let wanted = s.show_detail || s.overlay.is_some();
    let have = s.open.as_ref().is_some_and(|o| o.row == id) || s.loading == Some(id);
    if wanted && !have && s.rows[id].verdict.is_some() {
        s.loading = Some(id);
        effects.push(Effect::Load(
            id,
            s.rows[id].path.to_path_buf(),
            reading::body_width(s),
        ));
    }
}
