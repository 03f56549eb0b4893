// TEMPORARY until src/text lands.
use unicode_width::UnicodeWidthStr;
#[derive(Default, Clone, Copy)]
pub struct TextOptions;
pub fn width(s: &str, _o: TextOptions) -> usize { s.width() }
pub fn sanitize(s: &str) -> std::borrow::Cow<'_, str> { s.into() }
pub fn article_text(d: &crate::model::Digest, i: &crate::model::Item, _w: usize, _s: bool) -> String {
    format!("{}\n{:?} · {} · {:?} · {:?}\n{:?}\n\n{}\n", i.title, d.date, d.source, i.category, i.outlet, i.url, i.body)
}
