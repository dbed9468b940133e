//! The overview of the folder shown: counts by trust × category, the brands most claimed, the sender domains
//! behind suspicious and phishing mail, and the labels per week as a bar chart. The counting is the pure
//! [`Overview`] the Markdown report uses too.

use jiff::ToSpan;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Paragraph, Row, Table};

use crate::model::overview::{Seen, day_of};
use crate::model::{Category, Overview, Trust};
use crate::pipeline::dates;
use crate::tui::state::AppState;
use crate::tui::theme::Theme;
use crate::tui::wording::{clean, count};

/// The labels the chart draws, one bar each per week.
const CHART: [Trust; 4] = [
    Trust::Phishing,
    Trust::Suspicious,
    Trust::Unverified,
    Trust::Verified,
];

/// The counts over the analysed messages of the folder shown (trashed ones left out, as in its counts).
pub fn folder_overview(s: &AppState) -> Overview {
    let mut o = Overview::default();
    for row in s
        .rows
        .iter()
        .filter(|r| r.folder_idx == s.folder && !r.gone && !r.trashed())
    {
        let Some(v) = &row.verdict else { continue };
        let domain = row
            .envelope
            .as_ref()
            .and_then(|e| e.from_addr.rsplit_once('@'))
            .map(|(_, d)| d);
        o.add(Seen {
            trust: v.trust,
            category: v.category,
            brand: v.brand.as_deref(),
            domain,
            // The week a message falls in is its day in the local zone, as the list shows it.
            day: row.time().and_then(|t| day_of(&dates::day(t))),
        });
    }
    o
}

/// Draws the overview.
pub fn render(f: &mut Frame, area: Rect, s: &AppState, theme: &Theme) {
    let o = folder_overview(s);
    let folder = s.folders.get(s.folder).map_or("", |f| f.name.as_str());
    let title = format!(
        " Overview of {} — {} analysed ",
        clean(folder),
        count(o.total)
    );
    let block = super::overlay_block(title, theme);
    let inner = block.inner(area);
    f.render_widget(block.style(theme.base), area);
    let chart_h = (inner.height / 3).max(6);
    let [grid, lists, chart] = Layout::vertical([
        Constraint::Length(7),
        Constraint::Fill(1),
        Constraint::Length(chart_h),
    ])
    .areas(inner);
    render_grid(f, grid, &o, theme);
    let [brands, domains] =
        Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(lists);
    let top = usize::from(lists.height.saturating_sub(1));
    let brand_rows = o
        .top_brands(top)
        .into_iter()
        .map(|(b, n)| Row::new(vec![clean(b), n.to_string()]));
    f.render_widget(
        Table::new(brand_rows, [Constraint::Fill(1), Constraint::Length(6)])
            .header(Row::new(vec!["Brand claimed", "msgs"]).style(theme.header))
            .column_spacing(1),
        brands,
    );
    let domain_rows = o.top_domains(top).into_iter().map(|(d, bad)| {
        Row::new(vec![
            clean(d),
            bad.phishing.to_string(),
            bad.suspicious.to_string(),
        ])
    });
    f.render_widget(
        Table::new(
            domain_rows,
            [
                Constraint::Fill(1),
                Constraint::Length(6),
                Constraint::Length(6),
            ],
        )
        .header(
            Row::new(vec!["Sender of suspicious/phishing", "phish", "susp"]).style(theme.header),
        )
        .column_spacing(1),
        domains,
    );
    render_chart(f, chart, &o, theme);
}

/// Trust rows by category columns, with totals.
fn render_grid(f: &mut Frame, area: Rect, o: &Overview, theme: &Theme) {
    let mut header = vec!["".to_string()];
    header.extend(Category::ALL.iter().map(|c| c.short().to_string()));
    header.push("all".into());
    let rows = Trust::ALL.iter().zip(o.grid).map(|(t, counts)| {
        let mut cells = vec![ratatui::widgets::Cell::from(Span::styled(
            t.as_str(),
            theme.trust(Some(*t)),
        ))];
        cells.extend(
            counts
                .iter()
                .map(|n| ratatui::widgets::Cell::from(n.to_string())),
        );
        cells.push(ratatui::widgets::Cell::from(
            counts.iter().sum::<usize>().to_string(),
        ));
        Row::new(cells)
    });
    let mut widths = vec![Constraint::Length(12)];
    widths.extend([Constraint::Length(8); 6]);
    f.render_widget(
        Table::new(rows, widths)
            .header(Row::new(header).style(theme.header))
            .column_spacing(1),
        area,
    );
}

/// Per week, a bar for each of [`CHART`]'s labels, the latest weeks that fit.
fn render_chart(f: &mut Frame, area: Rect, o: &Overview, theme: &Theme) {
    let legend: Vec<Span> = CHART
        .iter()
        .flat_map(|t| {
            [
                Span::styled("█", theme.trust(Some(*t))),
                Span::raw(format!(" {} ", t.as_str())),
            ]
        })
        .collect();
    let to = o.weeks.keys().last().map_or(String::new(), |d| {
        format!(" to {}", d.saturating_add(6.days()))
    });
    let mut title = vec![Span::styled(format!("Per week{to}  "), theme.header)];
    title.extend(legend);
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border(false))
        .title(Line::from(title));
    if o.weeks.is_empty() {
        let para = Paragraph::new(" no dated messages analysed yet").style(theme.dim);
        return f.render_widget(para.block(block), area);
    }
    // The latest weeks that fit, empty ones too, so the axis is time: each week four bars two columns wide,
    // then a gap of one.
    let fit = i64::from(area.width / 9).max(1);
    let (Some(&first), Some(&last)) = (o.weeks.keys().next(), o.weeks.keys().last()) else {
        return;
    };
    let start = first.max(last.saturating_sub((fit - 1).weeks()));
    let groups: Vec<BarGroup> = (0..fit)
        .map(|k| start.saturating_add(k.weeks()))
        .take_while(|monday| *monday <= last)
        .map(|monday| {
            let counts = o.weeks.get(&monday).copied().unwrap_or_default();
            let bars: Vec<Bar> = CHART
                .iter()
                .map(|t| {
                    let n = counts[Trust::ALL.iter().position(|a| a == t).unwrap_or(0)];
                    Bar::default()
                        .value(u64::try_from(n).unwrap_or(u64::MAX))
                        .style(theme.trust(Some(*t)))
                        .text_value(if n == 0 { String::new() } else { n.to_string() })
                })
                .collect();
            BarGroup::default()
                .label(Line::from(monday.strftime("%m-%d").to_string()))
                .bars(&bars)
        })
        .collect();
    let mut chart = BarChart::default()
        .block(block)
        .bar_width(2)
        .bar_gap(0)
        .group_gap(1)
        .style(theme.base);
    for g in groups {
        chart = chart.data(g);
    }
    f.render_widget(chart, area);
}
