//! A self-contained HTML page for a person checking what entx found: the
//! article with every mention highlighted, its entities in a table beside
//! it, details on hover or focus. No network: CSS and script are inline.
//!
//! Each mention is a `<mark tabindex="0">` coloured by type (a fixed
//! colour for the common types, one derived from the name for others)
//! with the type also written after the text, so the page reads without
//! colour; its entity id, name, `via`, Wikidata id and candidates are in
//! `data-` attributes and the `title`, and a small script shows them in a
//! panel when the mark is hovered or focused. Everything from the input
//! (text, ids, names, types) is escaped (`&`, `<`, `>`, `"`, `'`), in text
//! and in attributes alike; the script reads attributes and writes
//! `textContent` only.

use std::fmt::Write;

use super::{candidate_ids, Annotations, DocumentOut, Entry};
use crate::extract::Extractor;

/// `s` with `&`, `<`, `>`, `"` and `'` escaped: safe in text and in
/// double- or single-quoted attributes.
pub(crate) fn escape(out: &mut String, s: &str) {
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(rep);
        from = i + 1;
    }
    out.push_str(&s[from..]);
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape(&mut out, s);
    out
}

/// The highlight colour of a type: fixed for common types, otherwise a
/// light hue derived from the name (FNV-1a), the same on every page.
pub(crate) fn colour(kind: &str) -> String {
    let fixed = match kind {
        "PERSON" | "PER" => "#fcd34d",
        "ORG" => "#93c5fd",
        "LOC" | "GPE" => "#86efac",
        "NORP" => "#f9a8d4",
        "FAC" => "#c4b5fd",
        "MISC" => "#d1d5db",
        "EVENT" => "#fdba74",
        "PRODUCT" => "#a5f3fc",
        _ => "",
    };
    if !fixed.is_empty() {
        return fixed.to_string();
    }
    let mut h: u32 = 0x811c_9dc5;
    for b in kind.bytes() {
        h = (h ^ b as u32).wrapping_mul(0x0100_0193);
    }
    format!("hsl({} 80% 80%)", h % 360)
}

const STYLE: &str = "\
:root{font-family:system-ui,sans-serif;line-height:1.5;color:#111;\
background:#fff}\
body{margin:0 auto;max-width:84rem;padding:0 1rem 6rem}\
h1{font-size:1.3rem;margin:1rem 0}h2{font-size:1.1rem;margin:0 0 .3rem;\
overflow-wrap:anywhere}\
.skip{position:absolute;left:-9999px}\
.skip:focus{position:static;background:#1d4ed8;color:#fff;padding:.2rem .5rem}\
.doc{border-top:2px solid #ccc;padding:1rem 0}\
.meta{margin:0 0 .6rem;color:#444;font-size:.9rem}\
.cols{display:flex;gap:2rem;align-items:flex-start}\
.text{flex:3;min-width:0;white-space:pre-wrap;overflow-wrap:anywhere;\
font-family:Georgia,serif;font-size:1.05rem;line-height:1.8}\
aside{flex:2;min-width:0;position:sticky;top:0;max-height:100vh;\
overflow:auto}\
@media (max-width:50rem){.cols{flex-direction:column}aside{position:static}}\
mark.m{background:var(--c);color:#111;padding:0 .15em;border-radius:.2em;\
border-bottom:2px solid #555;cursor:help}\
mark.m:hover{outline:2px solid #555}\
mark.m:focus{outline:3px solid #1d4ed8;outline-offset:2px}\
.lbl{font:600 .62em/1 system-ui,sans-serif;vertical-align:super;\
margin-left:.25em;letter-spacing:.02em}\
.sw{display:inline-block;width:.9em;height:.9em;background:var(--c);\
border:1px solid #555;vertical-align:-.1em;margin-right:.3em}\
.legend{list-style:none;padding:0;margin:0 0 .6rem;display:flex;\
flex-wrap:wrap;gap:.3rem 1rem;font-size:.9rem}\
table{border-collapse:collapse;width:100%;font-size:.88rem}\
caption{text-align:left;font-weight:600;padding:.2rem 0}\
th,td{border-bottom:1px solid #ddd;padding:.15rem .4rem;text-align:left;\
vertical-align:top}td{overflow-wrap:anywhere}\
th,td:first-child{white-space:nowrap}\
td.n,th.n{text-align:right}\
a:focus,table:focus{outline:3px solid #1d4ed8}\
.panel{position:fixed;right:1rem;bottom:1rem;max-width:26rem;\
background:#fff;border:2px solid #333;border-radius:.3rem;\
padding:.5rem .8rem;box-shadow:0 2px 10px rgba(0,0,0,.3);font-size:.9rem}\
.panel dl{display:grid;grid-template-columns:auto 1fr;gap:0 .7rem;margin:0}\
.panel dt{font-weight:600}.panel dd{margin:0;overflow-wrap:anywhere}\
.error{border-left:4px solid #b91c1c;padding-left:.6rem}\
nav ol{padding-left:2rem}\
";

/// Shows a mark's details in the panel: attributes in, `textContent` out.
const SCRIPT: &str = "\
(function(){\
var p=document.getElementById('panel');\
function row(dl,k,v,href){if(!v)return;var dt=document.createElement('dt');\
dt.textContent=k;var dd=document.createElement('dd');\
if(href){var a=document.createElement('a');a.href=href;a.textContent=v;\
dd.appendChild(a)}else{dd.textContent=v}dl.appendChild(dt);\
dl.appendChild(dd)}\
function show(m){var d=m.dataset;var dl=document.createElement('dl');\
row(dl,'Text',m.querySelector('.mt').textContent);row(dl,'Type',d.type);\
row(dl,'Name',d.name);row(dl,'Entity',d.entity||'(none: found by a rule)');\
row(dl,'Via',d.via);row(dl,'Wikidata',d.wikidata,/^Q[0-9]+$/.test(\
d.wikidata||'')?'https://www.wikidata.org/wiki/'+d.wikidata:null);\
row(dl,'Candidates',d.candidates);p.textContent='';p.appendChild(dl);\
p.hidden=false}\
function mark(e){var t=e.target;return t&&t.closest?t.closest('mark.m'):null}\
document.addEventListener('focusin',function(e){var m=mark(e);if(m)show(m)});\
document.addEventListener('mouseover',function(e){var m=mark(e);\
if(m)show(m)});\
document.addEventListener('keydown',function(e){if(e.key==='Escape')\
p.hidden=true});\
})();";

/// The page's head and the start of `<main>`; `index` links back to an
/// index page.
pub(crate) fn put_page_start(
    out: &mut Vec<u8>,
    title: &str,
    index: Option<&str>,
) {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <a class=\"skip\" href=\"#main\">Skip to the text</a>\n",
        esc(title)
    );
    match index {
        Some(index) => {
            let _ = writeln!(
                s,
                "<nav><a href=\"{}\">All documents</a></nav>",
                esc(index)
            );
        }
        None => s.push_str(
            "<a class=\"skip\" href=\"#contents\">Skip to the contents</a>\n\
             <h1>Entities found by entx</h1>\n",
        ),
    }
    s.push_str(
        "<p class=\"meta\">Mentions are highlighted by type (the type is \
         also written after each); hover over or tab to one for its \
         entity, Escape hides the details.</p>\n<main id=\"main\">\n",
    );
    out.extend_from_slice(s.as_bytes());
}

/// One document as an `<article>`: the text with its marks, then the
/// legend and the entities table.
pub(crate) fn put_document(
    out: &mut Vec<u8>,
    anchor: &str,
    ann: &Annotations,
    extractor: &Extractor,
    doc: &DocumentOut<'_>,
) {
    let mut s = String::with_capacity(doc.text.len() * 2);
    let id = super::id_text(doc.id);
    let mentions = ann.items.len();
    let entities = ann.rows.len();
    let _ = write!(
        s,
        "<article class=\"doc\" id=\"{anchor}\" aria-labelledby=\"{anchor}-h\">\n\
         <h2 id=\"{anchor}-h\">{}</h2>\n<p class=\"meta\">{mentions} \
         mention{} of {entities} entit{} \
         <a class=\"skip\" href=\"#{anchor}-ents\">Skip to the entities \
         table</a></p>\n<div class=\"cols\">\n<div class=\"text\">",
        esc(&id),
        if mentions == 1 { "" } else { "s" },
        if entities == 1 { "y" } else { "ies" },
    );
    let mut pos = 0;
    let mut kinds: Vec<(&str, usize)> = Vec::new();
    for (n, m) in ann.mentions(extractor, doc).enumerate() {
        escape(&mut s, &doc.text[pos..m.span.start]);
        pos = m.span.end;
        match kinds.iter_mut().find(|(k, _)| *k == m.kind) {
            Some((_, c)) => *c += 1,
            None => kinds.push((m.kind, 1)),
        }
        let candidates: Vec<&str> =
            candidate_ids(extractor, m.candidates).collect();
        let via = m.via.to_string();
        let mut title = format!("{}: {}", m.kind, m.name);
        if let Some(e) = m.entity {
            let _ = write!(title, " ({e})");
        }
        let _ = write!(title, ", via {via}");
        if let Some(w) = m.wikidata {
            let _ = write!(title, ", Wikidata {w}");
        }
        if !candidates.is_empty() {
            let _ =
                write!(title, ", other candidates: {}", candidates.join(", "));
        }
        let _ = write!(
            s,
            "<mark class=\"m\" tabindex=\"0\" id=\"{anchor}-m{n}\" \
             style=\"--c:{}\" data-type=\"{}\" data-entity=\"{}\" \
             data-name=\"{}\" data-via=\"{}\"",
            colour(m.kind),
            esc(m.kind),
            esc(m.entity.unwrap_or("")),
            esc(m.name),
            esc(&via),
        );
        if let Some(w) = m.wikidata {
            let _ = write!(s, " data-wikidata=\"{}\"", esc(w));
        }
        if !candidates.is_empty() {
            let _ = write!(
                s,
                " data-candidates=\"{}\"",
                esc(&candidates.join(", "))
            );
        }
        let _ = write!(
            s,
            " title=\"{}\"><span class=\"mt\">{}</span><span class=\"lbl\">{}</span></mark>",
            esc(&title),
            esc(m.text),
            esc(m.kind)
        );
    }
    escape(&mut s, &doc.text[pos..]);
    s.push_str("</div>\n<aside>\n");
    if !kinds.is_empty() {
        s.push_str("<ul class=\"legend\" aria-label=\"Types\">");
        for (k, c) in &kinds {
            let _ = write!(
                s,
                "<li><span class=\"sw\" style=\"--c:{}\"></span>{} ({c})</li>",
                colour(k),
                esc(k)
            );
        }
        s.push_str("</ul>\n");
    }
    // The Wikidata column only when some entity has an id.
    let wikidata =
        ann.entities(extractor, doc).any(|r| r.fields.wikidata.is_some());
    let _ = write!(
        s,
        "<table id=\"{anchor}-ents\" class=\"ents\" tabindex=\"-1\">\
         <caption>Entities</caption>\n<thead><tr><th scope=\"col\">Type</th>\
         <th scope=\"col\">Name</th><th scope=\"col\">Entity</th>{}\
         <th scope=\"col\" class=\"n\">Mentions</th></tr></thead>\n<tbody>\n",
        if wikidata { "<th scope=\"col\">Wikidata</th>" } else { "" }
    );
    for r in ann.entities(extractor, doc) {
        let f = &r.fields;
        let _ = writeln!(
            s,
            "<tr><td><span class=\"sw\" style=\"--c:{}\"></span>{}</td>\
             <td><a href=\"#{anchor}-m{}\">{}</a></td><td>{}</td>{}\
             <td class=\"n\">{}</td></tr>",
            colour(f.kind),
            esc(f.kind),
            r.at,
            esc(f.name),
            esc(f.entity.unwrap_or("")),
            if wikidata {
                format!("<td>{}</td>", esc(f.wikidata.unwrap_or("")))
            } else {
                String::new()
            },
            r.count
        );
    }
    s.push_str("</tbody></table>\n</aside>\n</div>\n</article>\n");
    out.extend_from_slice(s.as_bytes());
}

/// A record that could not be processed, in its place.
pub(crate) fn put_error(
    out: &mut Vec<u8>,
    anchor: &str,
    id: &str,
    msg: &str,
    line: Option<u64>,
) {
    let at = line.map_or(String::new(), |l| format!(" (line {l})"));
    let s = format!(
        "<article class=\"doc error\" id=\"{anchor}\">\n<h2>{}</h2>\n\
         <p>Not processed{at}: {}</p>\n</article>\n",
        esc(id),
        esc(msg)
    );
    out.extend_from_slice(s.as_bytes());
}

/// The end of `<main>`, the contents list when given, the panel and the
/// script.
pub(crate) fn put_page_end(out: &mut Vec<u8>, contents: Option<&[Entry]>) {
    let mut s = String::from("</main>\n");
    if let Some(entries) = contents {
        s.push_str(
            "<nav id=\"contents\" aria-labelledby=\"contents-h\">\
             <h2 id=\"contents-h\">Contents</h2>\n<ol>\n",
        );
        for e in entries {
            let _ =
                write!(s, "<li><a href=\"#{}\">{}</a> ", e.anchor, esc(&e.id));
            match &e.error {
                Some(msg) => {
                    let _ = write!(s, "not processed: {}", esc(msg));
                }
                None => {
                    let _ = write!(
                        s,
                        "{} mentions, {} entities",
                        e.mentions, e.entities
                    );
                }
            }
            s.push_str("</li>\n");
        }
        s.push_str("</ol>\n</nav>\n");
    }
    let _ = write!(
        s,
        "<div id=\"panel\" class=\"panel\" role=\"status\" \
         aria-live=\"polite\" hidden></div>\n<script>{SCRIPT}</script>\n\
         </body>\n</html>\n"
    );
    out.extend_from_slice(s.as_bytes());
}

/// The index of per-document pages: each entry with the file its page
/// was written to.
pub(crate) fn put_index(out: &mut Vec<u8>, pages: &[(Entry, Option<String>)]) {
    let mut s = String::new();
    let title = format!("entx: {} documents", pages.len());
    let mut head = Vec::new();
    put_page_start(&mut head, &title, None);
    // The index has no #contents: its table is the contents.
    let head = String::from_utf8(head).unwrap_or_default().replace(
        "<a class=\"skip\" href=\"#contents\">Skip to the contents</a>\n",
        "",
    );
    s.push_str(&head);
    s.push_str(
        "<table><caption>Documents</caption>\n<thead><tr>\
         <th scope=\"col\" class=\"n\">#</th><th scope=\"col\">Document</th>\
         <th scope=\"col\" class=\"n\">Mentions</th>\
         <th scope=\"col\" class=\"n\">Entities</th></tr></thead>\n<tbody>\n",
    );
    for (n, (e, file)) in pages.iter().enumerate() {
        let _ = write!(s, "<tr><td class=\"n\">{}</td>", n + 1);
        match (file, &e.error) {
            (Some(file), None) => {
                let _ = write!(
                    s,
                    "<td><a href=\"{}\">{}</a></td><td class=\"n\">{}</td>\
                     <td class=\"n\">{}</td>",
                    esc(file),
                    esc(&e.id),
                    e.mentions,
                    e.entities
                );
            }
            (_, error) => {
                let _ = write!(
                    s,
                    "<td class=\"error\">{}: not processed: {}</td><td></td><td></td>",
                    esc(&e.id),
                    esc(error.as_deref().unwrap_or(""))
                );
            }
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody></table>\n");
    out.extend_from_slice(s.as_bytes());
    put_page_end(out, None);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::{annotate, sample};

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }

    #[test]
    fn colours_are_fixed_or_derived() {
        assert_eq!(colour("PERSON"), "#fcd34d");
        assert_eq!(colour("CITY"), colour("CITY"));
        assert!(colour("CITY").starts_with("hsl("));
    }

    #[test]
    fn marks_and_table() {
        let (ex, text) = sample("<b>Ann Lee</b> & Acme Corp");
        let (ann, doc) = annotate(&ex, text);
        let mut out = Vec::new();
        put_document(&mut out, "d0-0", &ann, &ex, &doc);
        let page = String::from_utf8(out).unwrap();
        assert!(page.contains(
            "<div class=\"text\">&lt;b&gt;<mark class=\"m\" tabindex=\"0\" \
             id=\"d0-0-m0\" style=\"--c:#fcd34d\" data-type=\"PERSON\" \
             data-entity=\"ann-lee\" data-name=\"Ann Lee\" \
             data-via=\"gazetteer\" data-wikidata=\"Q1\" \
             title=\"PERSON: Ann Lee (ann-lee), via gazetteer, Wikidata Q1\">\
             <span class=\"mt\">Ann Lee</span><span class=\"lbl\">PERSON\
             </span></mark>&lt;/b&gt; &amp; <mark"
        ));
        assert_eq!(page.matches("<mark ").count(), 2);
        assert!(page.contains(
            "<td><a href=\"#d0-0-m1\">Acme Corp</a></td><td>acme</td>"
        ));
        assert!(!page.contains("<b>"));
    }
}
